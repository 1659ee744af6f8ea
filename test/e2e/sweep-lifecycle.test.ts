import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { loadApiConfig, startApi, type RunningApi } from '@modelspace/api';
import { createTestDatabase, createTestRedis, waitFor, type TestDatabase, type TestRedis } from '../support/services.ts';
import { spawnEntry, type Spawned } from '../support/processes.ts';
import { loadAddon } from '@modelspace/native';

// The whole path on the real stack: the API (in this process) and a worker (its own
// process, as `npm run worker` runs it), real Postgres, real Redis and BullMQ, real
// TensorFlow.js training on real MNIST.
let database: TestDatabase;
let redis: TestRedis;
let api: RunningApi;
let worker: Spawned;

before(async () => {
  database = await createTestDatabase('e2e');
  redis = await createTestRedis('e2e');
  const env = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: redis.prefix };
  api = await startApi({ ...loadApiConfig({ ...env, API_AUTH: 'off' }), PORT: 0 }, pino({ level: 'silent' }));
  worker = spawnEntry('apps/worker/src/main.ts', { ...env, WORKER_CONCURRENCY: '2', WORKER_ID: 'e2e-worker', LOG_LEVEL: 'info' });
  await worker.waitForOutput('worker ready', 60_000);
});

after(async () => {
  await worker?.stop('SIGINT');
  await api?.close();
  await redis?.cleanup();
  await database?.drop();
});

async function http<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(api.url + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

const FINISHED = ['completed', 'failed', 'cancelled'];

/** Waits for the sweep to reach a final state; returns it. */
function finished(id: string, timeoutMs: number): Promise<any> {
  return waitFor(
    'the sweep to finish',
    async () => {
      const s = (await http('GET', `/sweeps/${id}`)).body;
      return FINISHED.includes(s.status) && s;
    },
    { timeoutMs, intervalMs: 500 },
  );
}

test('a sweep of three small variants trains on real MNIST and its results are queryable', async () => {
  const created = await http('POST', '/sweeps', {
    name: 'e2e',
    training: { maxEpochs: 2, patience: 5, batchSize: 32, learningRate: 0.05, trainSubset: 1000, valSubset: 300, testSubset: 1000, seed: 7 },
    variants: [
      { name: 'softmax', model: { kind: 'softmax' } },
      { name: 'conv relu', model: { kind: 'convnet', activation: 'relu', featureMaps: [4, 8], denseUnits: 32 } },
      { name: 'conv tanh', model: { kind: 'convnet', activation: 'tanh', featureMaps: [4, 8], denseUnits: 32 }, training: { maxEpochs: 1 } },
    ],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;

  const sweep = await finished(id, 240_000);
  assert.equal(sweep.status, 'completed', worker.output());
  assert.deepEqual(sweep.trialCounts, { queued: 0, running: 0, completed: 3, failed: 0, cancelled: 0, pruned: 0, total: 3 });
  assert.ok(sweep.startedAt && sweep.finishedAt);

  const trials = (await http('GET', `/sweeps/${id}/trials`)).body.items as any[];
  for (const t of trials) {
    assert.equal(t.status, 'completed');
    assert.equal(t.backend, loadAddon().ok ? 'native' : 'wasm', 'auto: the oneDNN addon when it is built, else wasm');
    assert.equal(t.workerId, 'e2e-worker');
    assert.equal(t.stopReason, 'max_epochs');
    assert.ok(t.paramCount > 0);
    // Real numbers from real MNIST: far better than chance (0.9), and not perfect.
    assert.ok(t.testError > 0 && t.testError < 0.5, `${t.name} test error ${t.testError}`);
    assert.ok(t.bestValError > 0 && t.bestValError < 0.5, `${t.name} val error ${t.bestValError}`);
    const epochs = (await http('GET', `/trials/${t.id}/epochs`)).body.items as any[];
    assert.equal(epochs.length, t.epochsRun, 'one EpochMetric row per epoch run');
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      Array.from({ length: t.epochsRun }, (_, i) => i + 1),
    );
    for (const e of epochs) {
      assert.ok(Number.isFinite(e.trainLoss) && e.trainLoss > 0);
      assert.ok(e.samplesPerSec > 0 && e.durationMs > 0);
    }
    assert.equal(Math.min(...epochs.map((e) => e.valError)), t.bestValError);
  }
  assert.deepEqual(
    trials.map((t) => t.epochsRun),
    [2, 2, 1],
  );

  for (const metric of ['valError', 'testError'] as const) {
    const best = (await http('GET', `/sweeps/${id}/best?metric=${metric}`)).body;
    const field = metric === 'valError' ? 'bestValError' : 'testError';
    const expected = Math.min(...trials.map((t) => t[field]));
    assert.equal(best.value, expected);
    assert.equal(best.trial[field], expected);
    assert.equal(best.epochs.length, best.trial.epochsRun, 'the best answer carries its learning curve');
  }

  // The worker reported each epoch as job progress.
  const { Queue } = await import('bullmq');
  const queue = new Queue('trials', { connection: redis.redis, prefix: redis.prefix });
  const job = await queue.getJob(trials[0].id);
  assert.deepEqual({ epoch: (job!.progress as any).epoch, maxEpochs: (job!.progress as any).maxEpochs }, { epoch: 2, maxEpochs: 2 });
  await queue.close();
});

test('training.dataset picks the images: the same softmax and seed trains on Fashion-MNIST to other, higher errors than on MNIST', async () => {
  const training = { maxEpochs: 1, patience: 5, batchSize: 32, learningRate: 0.05, trainSubset: 1000, valSubset: 300, testSubset: 1000, seed: 7 };
  const created = await http('POST', '/sweeps', {
    name: 'datasets',
    training,
    variants: [
      { name: 'mnist', model: { kind: 'softmax' } },
      { name: 'fashion', model: { kind: 'softmax' }, training: { dataset: 'fashion-mnist' } },
    ],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;
  const sweep = await finished(id, 120_000);
  assert.equal(sweep.status, 'completed', worker.output());
  const trials = (await http('GET', `/sweeps/${id}/trials?sort=index&order=asc`)).body.items as any[];
  const [mnist, fashion] = trials;
  assert.equal(fashion.training.dataset, 'fashion-mnist');
  assert.equal(mnist.training.dataset, undefined, 'absent means MNIST, as before');
  // Clothes are harder than digits for a linear model (about 15-25% test error against 10-15% on this budget).
  assert.ok(fashion.testError > mnist.testError, `fashion ${fashion.testError} vs mnist ${mnist.testError}`);
  assert.ok(fashion.testError < 0.5, `far better than chance: ${fashion.testError}`);

  const bad = await http('POST', '/sweeps', { name: 'bad', training, variants: [{ model: { kind: 'softmax' }, training: { dataset: 'cifar-10' } }] });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.body), /variants\.0\.training\.dataset/);
});

test('a layered net with batch norm trains on Fashion-MNIST from a YAML sweep, its conv width searched by index (model.layers.0.filters)', async () => {
  const yaml = [
    'name: layers on fashion',
    'method: grid',
    'training: {dataset: fashion-mnist, maxEpochs: 1, patience: 5, batchSize: 32, learningRate: 0.05, trainSubset: 1000, valSubset: 300, testSubset: 500, seed: 3}',
    'space:',
    '  base:',
    '    model:',
    '      kind: layers',
    '      layers:',
    '        - {type: conv2d, filters: 4, kernel: 3, stride: 2, padding: same}',
    '        - {type: batchNorm}',
    '        - {type: activation, activation: relu}',
    '        - {type: maxPool}',
    '        - {type: flatten}',
    '        - {type: dense, units: 16, activation: gelu}',
    '  parameters:',
    '    model.layers.0.filters: {values: [4, 8]}',
  ].join('\n');
  const res = await fetch(`${api.url}/sweeps`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml });
  const created = (await res.json()) as any;
  assert.equal(res.status, 201, JSON.stringify(created));
  const sweep = await finished(created.id, 120_000);
  assert.equal(sweep.status, 'completed', worker.output());
  const trials = (await http('GET', `/sweeps/${created.id}/trials?sort=index&order=asc`)).body.items as any[];
  assert.deepEqual(
    trials.map((t) => t.model.layers[0].filters),
    [4, 8],
  );
  for (const t of trials) {
    assert.equal(t.status, 'completed');
    assert.equal(t.training.dataset, 'fashion-mnist');
    assert.ok(t.testError < 0.6, `far better than chance (90%): ${t.testError}`);
  }
  // 28 →same/2→ 14 →pool→ 7: conv 3·3·1·f + f, batch norm 4·f (γ, β, running mean and variance), dense 49f·16 + 16 (gelu), output 16·10 + 10.
  const params = (f: number) => 9 * f + f + 4 * f + 49 * f * 16 + 16 + 170;
  assert.deepEqual(
    trials.map((t) => t.paramCount),
    [params(4), params(8)],
  );
});

test('cancelling a running sweep removes its queued jobs and stops its running trials', async () => {
  // Distinct seeds: no variant is trained twice in a sweep, so six identical ones are refused.
  const variants = Array.from({ length: 6 }, (_, i) => ({
    name: `slow ${i + 1}`,
    model: { kind: 'convnet', activation: 'relu', featureMaps: [8, 16], denseUnits: 32 },
    training: { seed: i + 1 },
  }));
  const created = await http('POST', '/sweeps', {
    name: 'e2e cancel',
    training: { maxEpochs: 50, patience: 50, batchSize: 16, trainSubset: 20000, valSubset: 200, testSubset: 200 },
    variants,
  });
  assert.equal(created.status, 201);
  const id = created.body.id as string;
  await waitFor('a trial to start', async () => (await http('GET', `/sweeps/${id}`)).body.trialCounts.running > 0, {
    timeoutMs: 60_000,
  });

  const cancelled = await http('POST', `/sweeps/${id}/cancel`);
  assert.equal(cancelled.status, 200);
  assert.equal(cancelled.body.status, 'cancelled');
  const running = 2; // WORKER_CONCURRENCY
  assert.ok(cancelled.body.removedJobs >= variants.length - running, `removed ${cancelled.body.removedJobs} queued jobs`);

  // The running trainings stop (they would take minutes otherwise) and the worker is free again.
  await waitFor('the worker to drop the cancelled trainings', async () => (worker.output().match(/trial cancelled/g) ?? []).length >= running && (await activeJobs()) === 0, {
    timeoutMs: 60_000,
    intervalMs: 500,
  });
  const trials = (await http('GET', `/sweeps/${id}/trials`)).body.items as any[];
  assert.deepEqual([...new Set(trials.map((t) => t.status))], ['cancelled'], worker.output());
  assert.equal(trials.filter((t) => t.testError !== null).length, 0, 'no cancelled trial recorded a result');
});

async function activeJobs(): Promise<number> {
  const { Queue } = await import('bullmq');
  const queue = new Queue('trials', { connection: redis.redis, prefix: redis.prefix });
  const n = await queue.getActiveCount();
  await queue.close();
  return n;
}
