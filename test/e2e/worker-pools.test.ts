import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import { createRedis, trialQueueName, WORKER_HEARTBEAT_MS } from '@modelspace/queue';
import { REDIS_URL, waitFor } from '../support/services.ts';
import { startStack, type Stack } from '../support/stack.ts';

// Worker pools on the real stack: a trial that needs the gpu pool waits in the gpu queue,
// is not taken by a cpu worker, says why it waits, and is trained as soon as a worker
// serving gpu starts. This machine has no GPU: the second worker is told WORKER_POOLS=gpu
// and trains on the CPU; routing by pool is what is tested, not the GPU.
let stack: Stack;

before(async () => {
  stack = await startStack({ label: 'pools' });
  await stack.spawnWorker('cpu-1', { WORKER_CONCURRENCY: '1', WORKER_POOLS: 'cpu' }).waitForOutput('worker ready', 90_000);
});

after(() => stack?.close());

const get = async (path: string) => (await fetch(stack.api.url + path)).json() as Promise<any>;

test('a gpu trial waits for a gpu worker and says so; a cpu worker does not take it; a gpu worker does', async () => {
  const res = await fetch(`${stack.api.url}/sweeps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'pools',
      training: { maxEpochs: 1, trainSubset: 2000, valSubset: 200, testSubset: 200, batchSize: 32 },
      variants: [
        { name: 'on cpu', model: { kind: 'softmax' } },
        { name: 'on gpu', model: { kind: 'softmax' }, training: { seed: 2 }, resources: { pool: 'gpu' } },
      ],
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { id } = (await res.json()) as { id: string };

  // The cpu trial is trained by the cpu worker; the gpu one stays queued.
  const trials = await waitFor(
    'the cpu trial to complete',
    async () => {
      const { items } = await get(`/sweeps/${id}/trials`);
      return items.find((t: any) => t.name === 'on cpu')?.status === 'completed' ? items : null;
    },
    { timeoutMs: 120_000, intervalMs: 300 },
  );
  const cpuTrial = trials.find((t: any) => t.name === 'on cpu');
  const gpuTrial = trials.find((t: any) => t.name === 'on gpu');
  assert.equal(cpuTrial.pool, 'cpu');
  assert.equal(cpuTrial.workerId, 'cpu-1');
  assert.equal(cpuTrial.waitingReason, null);
  assert.equal(gpuTrial.pool, 'gpu');
  assert.equal(gpuTrial.status, 'queued');
  assert.equal(gpuTrial.waitingReason, 'waiting for a gpu worker: none online');
  assert.equal((await get(`/trials/${gpuTrial.id}`)).waitingReason, 'waiting for a gpu worker: none online');
  assert.equal((await get(`/sweeps/${id}`)).status, 'running', 'the sweep waits for its gpu trial');

  // In BullMQ: the job waits in the gpu pool's queue, untouched by the cpu worker.
  const connection = createRedis(REDIS_URL, 'producer');
  const gpuQueue = new Queue(trialQueueName('gpu'), { connection, prefix: stack.redis.prefix });
  try {
    assert.equal(await gpuQueue.getJobState(gpuTrial.id), 'waiting');
  } finally {
    await gpuQueue.close();
    connection.disconnect();
  }

  // GET /workers: the cpu worker's pools and throughput (after its next heartbeat).
  const cpuWorker = await waitFor(
    'the cpu worker to report its finished trial',
    async () => (await get('/workers')).items.find((w: any) => w.id === 'cpu-1' && w.trialsDone === 1),
    { timeoutMs: WORKER_HEARTBEAT_MS * 3, intervalMs: 300 },
  );
  assert.deepEqual(cpuWorker.pools, ['cpu']);
  assert.equal(cpuWorker.gpus, 0);
  assert.ok(cpuWorker.lastSeen && cpuWorker.cores >= 1);
  assert.ok(cpuWorker.backend, 'the backend its trial trained on');

  // A worker serving gpu starts: it takes the gpu trial and the sweep completes.
  stack.spawnWorker('gpu-1', { WORKER_CONCURRENCY: '1', WORKER_POOLS: 'gpu' });
  await stack.workers[1]!.waitForOutput('worker ready', 90_000);
  await waitFor('the sweep to complete', async () => (await get(`/sweeps/${id}`)).status === 'completed', { timeoutMs: 120_000, intervalMs: 300 });
  const after = await get(`/trials/${gpuTrial.id}`);
  assert.equal(after.status, 'completed');
  assert.equal(after.workerId, 'gpu-1');
  assert.equal(after.waitingReason, null);
});

test('a queued trial of a pool with a live worker says it waits for a free one', async () => {
  const { items } = await get('/workers');
  assert.deepEqual(
    items.map((w: any) => [w.id, w.pools]),
    [
      ['cpu-1', ['cpu']],
      ['gpu-1', ['gpu']],
    ],
  );
  // Paused at once, so its trials stay queued while the gpu worker is online (it has one
  // slot: at most one trial can start before the pause).
  const res = await fetch(`${stack.api.url}/sweeps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'paused gpu',
      resources: { pool: 'gpu' },
      training: { maxEpochs: 1, trainSubset: 2000, valSubset: 200, testSubset: 200 },
      variants: [1, 2, 3].map((seed) => ({ model: { kind: 'softmax' }, training: { seed } })),
    }),
  });
  const { id } = (await res.json()) as { id: string };
  assert.equal((await fetch(`${stack.api.url}/sweeps/${id}/pause`, { method: 'POST' })).status, 200);
  const { items: trials } = await get(`/sweeps/${id}/trials?status=queued`);
  assert.ok(trials.length >= 2, `queued trials of the paused sweep: ${trials.length}`);
  for (const t of trials) {
    assert.equal(t.pool, 'gpu', 'the sweep-level pool applies to every variant');
    assert.equal(t.waitingReason, 'waiting for a free gpu worker: 1 online');
  }
  await fetch(`${stack.api.url}/sweeps/${id}/cancel`, { method: 'POST' });
});

test('a worker whose native kernels are missing warns at start that it falls back, and GET /workers shows its backend', async () => {
  const w = stack.spawnWorker('no-native', { WORKER_CONCURRENCY: '1', MODELSPACE_NATIVE_ADDON: '/nonexistent/modelspace_native.node' });
  await w.waitForOutput('worker ready', 90_000);
  assert.match(w.output(), /"level":40[^\n]*training falls back to wasm: the native oneDNN kernels are not available on this worker/);
  const workers = (await stack.http('GET', '/workers')).body.items as { id: string; backend: string | null }[];
  assert.equal(workers.find((x) => x.id === 'no-native')?.backend, 'wasm');
  await w.stop();
});
