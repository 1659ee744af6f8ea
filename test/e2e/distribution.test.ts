import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WORKER_TTL_SECONDS } from '@modelspace/queue';
import { waitFor } from '../support/services.ts';
import { startStack, type Stack } from '../support/stack.ts';

// Distribution on one machine: three worker processes, each with its own id, share one
// sweep through one queue.
let stack: Stack;

before(async () => {
  stack = await startStack({ label: 'dist' });
  for (const id of ['w1', 'w2', 'w3']) stack.spawnWorker(id, { WORKER_CONCURRENCY: '1' });
  await Promise.all(stack.workers.map((w) => w.waitForOutput('worker ready', 90_000)));
});

after(() => stack?.close());

const get = async (path: string) => (await fetch(stack.api.url + path)).json() as Promise<any>;

test('GET /workers lists every live worker with its resources', async () => {
  const { items } = await get('/workers');
  assert.deepEqual(
    items.map((w: any) => w.id),
    ['w1', 'w2', 'w3'],
  );
  for (const w of items) {
    assert.equal(w.concurrency, 1);
    assert.ok(w.cores >= 1 && w.pid > 0 && w.hostname);
    assert.equal(w.backendPreference, 'auto');
  }
});

test('the trials of one sweep are spread across three worker processes', async () => {
  const res = await fetch(`${stack.api.url}/sweeps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'spread',
      training: { maxEpochs: 2, trainSubset: 3000, valSubset: 200, testSubset: 200, batchSize: 32 },
      variants: Array.from({ length: 9 }, (_, i) => ({ name: `v${i}`, model: { kind: 'softmax' }, training: { seed: i + 1 } })),
    }),
  });
  assert.equal(res.status, 201);
  const { id } = (await res.json()) as { id: string };
  await waitFor('the sweep to complete', async () => (await get(`/sweeps/${id}`)).status === 'completed', {
    timeoutMs: 180_000,
    intervalMs: 500,
  });
  const { items } = await get(`/sweeps/${id}/trials`);
  const perWorker = new Map<string, number>();
  for (const t of items) perWorker.set(t.workerId, (perWorker.get(t.workerId) ?? 0) + 1);
  assert.deepEqual([...perWorker.keys()].sort(), ['w1', 'w2', 'w3'], `trials per worker: ${JSON.stringify([...perWorker])}`);
  console.log(`trials per worker: ${JSON.stringify(Object.fromEntries(perWorker))}`);
});

test(`a worker killed with SIGKILL disappears from GET /workers within ${WORKER_TTL_SECONDS} s`, async () => {
  const killedAt = Date.now();
  await stack.workers[2]!.stop('SIGKILL');
  await waitFor('w3 to drop out', async () => !(await get('/workers')).items.some((w: any) => w.id === 'w3'), {
    timeoutMs: (WORKER_TTL_SECONDS + 5) * 1000,
    intervalMs: 500,
  });
  assert.ok(Date.now() - killedAt <= (WORKER_TTL_SECONDS + 1) * 1000);
  assert.deepEqual(
    (await get('/workers')).items.map((w: any) => w.id),
    ['w1', 'w2'],
  );
});
