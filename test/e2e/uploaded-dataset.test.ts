import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { bandImages, npyUint8 } from '@modelspace/core/testing';
import { startStack, type Stack } from '../support/stack.ts';

// An uploaded dataset end to end: a synthetic RGB set built here is uploaded over HTTP as a
// multipart form (the API in this process), a sweep names it, a real worker (its own
// process) fetches it from the shared artifact directory, checks its sha256, and trains the
// four built-in kinds on it with real TensorFlow.js.
let stack: Stack;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-datasets-'));
  stack = await startStack({
    label: 'e2e-datasets',
    env: { ARTIFACT_DIR: join(dir, 'artifacts') },
    workers: [{ id: 'e2e-datasets', env: { DATASET_CACHE_DIR: join(dir, 'cache'), WORKER_CONCURRENCY: '2', LOG_LEVEL: 'info' } }],
    readyTimeoutMs: 60_000,
  });
});

after(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const http = <T = any>(method: string, path: string, body?: unknown) => stack.http<T>(method, path, body);

test('a 16x16 RGB dataset in 4 classes is uploaded, and a sweep on it trains logistic, softmax, a conv net and a layer stack well below chance', async (ctx) => {
  // Each class lights its own band of rows over noise: learnable, not trivial to a constant guess.
  const train = bandImages(1200, 16, 16, 3, 4, 11);
  const test = bandImages(400, 16, 16, 3, 4, 12);
  const form = new FormData();
  form.set('name', 'bands');
  form.set('classNames', 'top,upper,lower,bottom');
  form.set('validationFraction', '0.2');
  form.set('trainImages', new Blob([npyUint8([1200, 16, 16, 3], train.images)]), 'train_images.npy');
  form.set('trainLabels', new Blob([npyUint8([1200], train.labels)]), 'train_labels.npy');
  form.set('testImages', new Blob([npyUint8([400, 16, 16, 3], test.images)]), 'test_images.npy');
  form.set('testLabels', new Blob([npyUint8([400], test.labels)]), 'test_labels.npy');
  const up = await fetch(`${stack.api.url}/datasets`, { method: 'POST', body: form });
  const dataset = (await up.json()) as any;
  assert.equal(up.status, 201, JSON.stringify(dataset));
  assert.deepEqual(dataset.counts, { train: 960, val: 240, test: 400 });

  const created = await http('POST', '/sweeps', {
    name: 'on bands',
    training: { dataset: 'bands', maxEpochs: 3, patience: 3, batchSize: 32, learningRate: 0.05, seed: 3 },
    variants: [
      { name: 'logistic', model: { kind: 'logistic' } },
      { name: 'softmax', model: { kind: 'softmax' } },
      { name: 'convnet', model: { kind: 'convnet', activation: 'relu', featureMaps: [8, 16], filterSize: 3, denseUnits: 32 } },
      {
        name: 'layers',
        model: {
          kind: 'layers',
          layers: [
            { type: 'conv2d', filters: 8, kernel: 3, stride: 2, padding: 'same', activation: 'relu' },
            { type: 'batchNorm' },
            { type: 'maxPool', size: 2 },
            { type: 'flatten' },
          ],
        },
      },
    ],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const sweep = await stack.settled(id, ['completed', 'failed', 'cancelled'], 240_000).catch((err: Error) => {
    // What the worker said is what explains a sweep that never ends.
    throw new Error(`${err.message}\nworker output:\n${stack.outputs().slice(-4000)}`);
  });
  const trials = (await http('GET', `/sweeps/${id}/trials`)).body.items as any[];
  assert.equal(sweep.status, 'completed', JSON.stringify(trials.map((t) => [t.name, t.status, t.error])));
  ctx.diagnostic(trials.map((t) => `${t.name}: test error ${t.testError}, val error ${t.bestValError}, backend ${t.backend}`).join('; '));
  for (const t of trials) {
    assert.equal(t.status, 'completed', `${t.name}: ${t.error}`);
    // Chance is 0.75 on four balanced classes.
    assert.ok(t.testError < 0.25, `${t.name} test error ${t.testError}`);
    assert.ok(t.bestValError < 0.25, `${t.name} val error ${t.bestValError}`);
  }
  // The worker fetched it, checked it and says so; a sweep names it, so it cannot be deleted.
  assert.equal((await http('GET', '/datasets/bands')).body.sweeps, 1);
  assert.equal((await http('DELETE', '/datasets/bands')).status, 409);
  // Its models answer predictions in their own shape (test/e2e/uploaded-dataset-predict.test.ts checks the answers).
  const mnistShaped = await http('POST', `/trials/${trials[1].id}/predict`, { images: [new Array(784).fill(0)] });
  assert.equal(mnistShaped.status, 400, JSON.stringify(mnistShaped.body));
  assert.match(mnistShaped.body.error.issues[0].reason, /has 784 values, expected 768 \(16x16x3/);
  const predict = await http('POST', `/trials/${trials[1].id}/predict`, { images: [Array.from(test.images.subarray(0, 768))] });
  assert.equal(predict.status, 200, JSON.stringify(predict.body));
  assert.equal(predict.body.predictions[0].probabilities.length, 4);
});
