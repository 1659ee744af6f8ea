import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import * as tf from '@tensorflow/tfjs-core';
import { MAX_PREDICT_IMAGES, unpackArchive } from '@modelspace/artifacts';
import { bandImages, idxFloat32, idxUint8, npyUint8 } from '@modelspace/core/testing';
import { loadArtifactModel } from '@modelspace/trainer';
import { startStack, type Stack } from '../support/stack.ts';

// Predictions of models trained on uploaded datasets of other shapes, end to end: two small
// synthetic sets built here (8x8 RGB uint8 in 4 classes as .npy; 12x12 grey float32 in 3 classes,
// values -2..2, as IDX) are uploaded, a sweep trains on them in a real worker process, and the
// API (in this process) predicts on their own test images. The answers must be the trained
// model's: the classes that gave the recorded test error, the probabilities that gave the
// recorded test loss, and those of the downloaded model run here on the images scaled as
// training scales them (uint8 / 255, float32 as they are).
let stack: Stack;
let dir: string;
let sweepId: string;
const trials: Record<string, any> = {};

const RGB = { h: 8, w: 8, c: 3, classes: 4, test: bandImages(120, 8, 8, 3, 4, 22) };
const GREY = { h: 12, w: 12, c: 1, classes: 3, test: bandImages(90, 12, 12, 1, 3, 32) };
/** The float32 set's values: bytes mapped to -2..2, so any rescaling of them would show. */
const toFloat = (v: number) => Math.fround((v - 128) / 64);
const greyTestValues = Array.from(GREY.test.images, toFloat);

const http = <T = any>(method: string, path: string, body?: unknown) => stack.http<T>(method, path, body);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-predict-'));
  stack = await startStack({
    label: 'e2e-predict',
    env: { ARTIFACT_DIR: join(dir, 'artifacts'), ARTIFACT_KEEP: '0', MODEL_CACHE_SIZE: '1' },
    // On wasm, the API's predict backend: the worker's recorded errors and losses are exactly reproducible here.
    workers: [{ id: 'e2e-predict', env: { DATASET_CACHE_DIR: join(dir, 'cache'), WORKER_CONCURRENCY: '2', TRAINER_BACKEND: 'wasm', LOG_LEVEL: 'info' } }],
    readyTimeoutMs: 60_000,
  });

  const upload = async (name: string, files: Record<string, Uint8Array<ArrayBuffer>>, fields: Record<string, string>) => {
    const form = new FormData();
    form.set('name', name);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    for (const [k, v] of Object.entries(files)) form.set(k, new Blob([v]), k);
    const res = await fetch(`${stack.api.url}/datasets`, { method: 'POST', body: form });
    assert.equal(res.status, 201, await res.text());
  };
  const rgbTrain = bandImages(400, 8, 8, 3, 4, 21);
  await upload(
    'rgb8',
    {
      trainImages: npyUint8([400, 8, 8, 3], rgbTrain.images),
      trainLabels: npyUint8([400], rgbTrain.labels),
      testImages: npyUint8([120, 8, 8, 3], RGB.test.images),
      testLabels: npyUint8([120], RGB.test.labels),
    },
    { classes: '4', validationFraction: '0.2' },
  );
  const greyTrain = bandImages(300, 12, 12, 1, 3, 31);
  await upload(
    'grey12f',
    {
      trainImages: idxFloat32([300, 12, 12], Array.from(greyTrain.images, toFloat)),
      trainLabels: idxUint8([300], greyTrain.labels),
      testImages: idxFloat32([90, 12, 12], greyTestValues),
      testLabels: idxUint8([90], GREY.test.labels),
    },
    { classNames: 'top,middle,bottom', validationFraction: '0.2' },
  );

  // Small learning rates, one or two epochs: the models learn, and their probabilities stay far from 0 and 1.
  const created = await http('POST', '/sweeps', {
    name: 'predict on uploads',
    training: { maxEpochs: 1, patience: 3, batchSize: 16, learningRate: 0.002, seed: 5 },
    variants: [
      { name: 'rgb softmax', training: { dataset: 'rgb8' }, model: { kind: 'softmax' } },
      { name: 'grey softmax', training: { dataset: 'grey12f' }, model: { kind: 'softmax' } },
      {
        name: 'grey convnet',
        training: { dataset: 'grey12f', maxEpochs: 2, learningRate: 0.01 },
        model: { kind: 'convnet', activation: 'relu', featureMaps: [4], filterSize: 3, denseUnits: 8 },
      },
    ],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  sweepId = created.body.id;
  const sweep = await stack.settled(sweepId, ['completed', 'failed', 'cancelled'], 180_000).catch((err: Error) => {
    throw new Error(`${err.message}\nworker output:\n${stack.outputs().slice(-4000)}`);
  });
  const items = (await http('GET', `/sweeps/${sweepId}/trials`)).body.items as any[];
  assert.equal(sweep.status, 'completed', JSON.stringify(items.map((t) => [t.name, t.status, t.error])));
  for (const t of items) trials[t.name] = t;
});

after(async () => {
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Image i of a flat HWC array of `size` values per image. */
const image = (values: ArrayLike<number>, size: number, i: number) => Array.from(values).slice(i * size, (i + 1) * size);

/** The downloaded model run in this process on `xs` (already as training scales them). */
async function runDownloaded(trialId: string, xs: Float32Array, shape: [number, number, number, number]): Promise<number[][]> {
  const modelJson = (await http('GET', `/trials/${trialId}/model/model.json`)).body;
  const res = await fetch(`${stack.api.url}/trials/${trialId}/model/weights.bin`);
  const weightData = await res.arrayBuffer();
  const model = await loadArtifactModel({ modelJson, weightData });
  const out = tf.tidy(() => model.predict(tf.tensor4d(xs, shape)) as tf.Tensor2D);
  const rows = out.arraySync();
  out.dispose();
  model.dispose();
  return rows;
}

/** Checks predictions against the trial's recorded test error and loss and against `expected` probabilities. */
function assertTheModelsAnswers(predictions: any[], labels: Uint8Array, trial: any, expected: number[][], classes: number) {
  assert.equal(predictions.length, labels.length);
  const wrong = predictions.filter((p, i) => p.digit !== labels[i]).length;
  assert.equal(wrong / labels.length, trial.testError, `${trial.name}: the classes of its recorded test error`);
  assert.ok(trial.testError < 0.5, `${trial.name} learned: test error ${trial.testError}`);
  const loss = predictions.reduce((s, p, i) => s - Math.log(p.probabilities[labels[i]!]), 0) / labels.length;
  assert.ok(Math.abs(loss - trial.testLoss) < 1e-5, `${trial.name}: loss ${loss}, recorded ${trial.testLoss}`);
  for (const [i, p] of predictions.entries()) {
    assert.equal(p.probabilities.length, classes);
    assert.ok(
      p.probabilities.every((v: number, k: number) => Math.abs(v - expected[i]![k]!) <= 1e-6),
      `${trial.name} image ${i}: ${p.probabilities} vs ${expected[i]}`,
    );
  }
}

const maxDifference = (a: number[][], b: number[][]) => Math.max(...a.flatMap((row, i) => row.map((v, k) => Math.abs(v - b[i]![k]!))));

test('an 8x8 RGB uint8 model predicts its own test images (flat HWC arrays) as it did in training: bytes / 255', async () => {
  const t = trials['rgb softmax'];
  const size = 8 * 8 * 3;
  const images = Array.from({ length: 120 }, (_, i) => image(RGB.test.images, size, i));
  const res = await http('POST', `/trials/${t.id}/predict`, { images });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const expected = await runDownloaded(
    t.id,
    Float32Array.from(RGB.test.images, (v) => v / 255),
    [120, 8, 8, 3],
  );
  assertTheModelsAnswers(res.body.predictions, RGB.test.labels, t, expected, 4);
  // The check can fail: the bytes unscaled give other probabilities.
  const unscaled = await runDownloaded(t.id, Float32Array.from(RGB.test.images), [120, 8, 8, 3]);
  assert.ok(maxDifference(unscaled, expected) > 0.01);

  // The same images as [row][column][channel] and as RGB PNGs: the same answers.
  const nested = images.slice(0, 3).map((flat) => Array.from({ length: 8 }, (_, y) => Array.from({ length: 8 }, (_, x) => flat.slice((y * 8 + x) * 3, (y * 8 + x) * 3 + 3))));
  const pngs = images.slice(0, 3).map((flat) => {
    const png = new PNG({ width: 8, height: 8 });
    for (let p = 0; p < 64; p++) png.data.set([flat[p * 3]!, flat[p * 3 + 1]!, flat[p * 3 + 2]!, 255], p * 4);
    return PNG.sync.write(png, { colorType: 2 }).toString('base64');
  });
  const other = await http('POST', `/trials/${t.id}/predict`, { images: [...nested, ...pngs] });
  assert.equal(other.status, 200, JSON.stringify(other.body));
  assert.deepEqual(other.body.predictions, [...res.body.predictions.slice(0, 3), ...res.body.predictions.slice(0, 3)]);
});

test('12x12 float32 models (softmax, conv net) predict their own test images as they did in training: values as they are', async () => {
  for (const name of ['grey softmax', 'grey convnet']) {
    const t = trials[name];
    const images = Array.from({ length: 90 }, (_, i) => image(greyTestValues, 144, i));
    const res = await http('POST', `/trials/${t.id}/predict`, { images });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const expected = await runDownloaded(t.id, Float32Array.from(greyTestValues), [90, 12, 12, 1]);
    assertTheModelsAnswers(res.body.predictions, GREY.test.labels, t, expected, 3);
    const divided = await runDownloaded(
      t.id,
      Float32Array.from(greyTestValues, (v) => v / 255),
      [90, 12, 12, 1],
    );
    assert.ok(maxDifference(divided, expected) > 0.01, `${name}: dividing by 255 would answer otherwise`);
  }
});

test("metadata.json records the dataset, its dtype, the images' shape and scale, and the classes", async () => {
  const archive = Buffer.from(await (await fetch(`${stack.api.url}/trials/${trials['grey convnet'].id}/model`)).arrayBuffer());
  const metadata = JSON.parse((await unpackArchive(archive)).get('metadata.json')!.toString());
  assert.deepEqual(
    { name: metadata.dataset.name, uploaded: metadata.dataset.uploaded, dtype: metadata.dataset.dtype, classNames: metadata.dataset.classNames },
    { name: 'grey12f', uploaded: true, dtype: 'float32', classNames: ['top', 'middle', 'bottom'] },
  );
  assert.deepEqual([metadata.input.shape, metadata.input.imageShape, metadata.input.dtype, metadata.input.scale], [[12, 12, 1], [12, 12, 1], 'float32', 1]);
  assert.equal(metadata.classes, 3);
  assert.deepEqual(metadata.dataSplit.test, { file: 'grey12f: test', from: 0, count: 90 });
  const rgb = JSON.parse(
    (await unpackArchive(Buffer.from(await (await fetch(`${stack.api.url}/trials/${trials['rgb softmax'].id}/model`)).arrayBuffer()))).get('metadata.json')!.toString(),
  );
  assert.deepEqual([rgb.input.imageShape, rgb.input.dtype, rgb.input.scale, rgb.classes], [[8, 8, 3], 'uint8', 1 / 255, 4]);
});

test('bad images are a 400 naming the image and the reason, in the model’s own shape and dtype', async () => {
  const rgb = trials['rgb softmax'].id;
  const grey = trials['grey softmax'].id;
  const ok = image(RGB.test.images, 192, 0);
  const okGrey = image(greyTestValues, 144, 0);
  const png28 = (() => {
    const png = new PNG({ width: 28, height: 28 });
    png.data.fill(255);
    return PNG.sync.write(png).toString('base64');
  })();
  const cases: [string, unknown, string, RegExp][] = [
    [rgb, { images: [ok, new Array(784).fill(0)] }, 'images.1', /has 784 values, expected 192 \(8x8x3, row-major: height, width, channel\)/],
    [rgb, { images: [[...ok.slice(0, 191), 256]] }, 'images.0', /value 191 \(pixel 63, channel 2\) is 256, expected an integer 0\.\.255/],
    [rgb, { images: [[0.5, ...ok.slice(1)]] }, 'images.0', /value 0 \(pixel 0, channel 0\) is 0\.5, expected an integer 0\.\.255/],
    [rgb, { images: [png28] }, 'images.0', /is 28x28, expected 8x8/],
    [rgb, { images: Array.from({ length: MAX_PREDICT_IMAGES + 1 }, () => ok) }, 'images', /too many images/],
    [grey, { images: [okGrey.slice(0, 143)] }, 'images.0', /has 143 values, expected 144 \(12x12\)/],
    [grey, { images: [[...okGrey.slice(0, 10), 1e39, ...okGrey.slice(11)]] }, 'images.0', /pixel 10 is 1e\+39, expected a finite float32 number/],
    [grey, { images: [png28] }, 'images.0', /is a PNG, but the model trained on float32 images/],
  ];
  for (const [trialId, body, field, reason] of cases) {
    const res = await http('POST', `/trials/${trialId}/predict`, body);
    assert.equal(res.status, 400, JSON.stringify(res.body).slice(0, 300));
    assert.equal(res.body.error.code, 'INVALID_REQUEST');
    assert.equal(res.body.error.issues[0].field, field);
    assert.match(res.body.error.issues[0].reason, reason);
  }
});

test("the sweep's best model answers in its own shape; a model saved before metadata recorded the dtype is fed as it was trained", async () => {
  const best = (await http('GET', `/sweeps/${sweepId}/best`)).body.trial;
  const rgb = best.model.kind === 'softmax' && best.training.dataset === 'rgb8';
  const images = rgb ? [image(RGB.test.images, 192, 1)] : [image(greyTestValues, 144, 1)];
  const viaBest = await http('POST', `/sweeps/${sweepId}/best/predict`, { images });
  assert.equal(viaBest.status, 200, JSON.stringify(viaBest.body));
  assert.equal(viaBest.body.trialId, best.id);
  assert.equal(viaBest.body.predictions[0].probabilities.length, rgb ? 4 : 3);

  // An older artifact of an uploaded dataset: metadata.json as it was written before (28x28x1, no
  // dataset, no dtype). Its float32 dataset is found by the name in its training settings.
  const t = trials['grey convnet'];
  const row = await stack.database.db.artifact.findUniqueOrThrow({ where: { trialId: t.id }, select: { metadata: true } });
  const old = structuredClone(row.metadata) as any;
  for (const k of ['dataset', 'classes']) delete old[k];
  old.input = { shape: [28, 28, 1], preprocessing: '28x28 grey, row-major, pixel value / 255 (0 = black background, 1 = white ink)' };
  const fresh = (await http('POST', `/trials/${t.id}/predict`, { images: [image(greyTestValues, 144, 2)] })).body.predictions[0];
  await stack.database.db.artifact.update({ where: { trialId: t.id }, data: { metadata: old } });
  // The API keeps one model loaded (MODEL_CACHE_SIZE=1): another trial's predict evicts this one, so it is loaded again with the old metadata.
  assert.equal((await http('POST', `/trials/${trials['rgb softmax'].id}/predict`, { images: [image(RGB.test.images, 192, 0)] })).status, 200);
  const res = await http('POST', `/trials/${t.id}/predict`, { images: [image(greyTestValues, 144, 2)] });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body.predictions[0], fresh);
});
