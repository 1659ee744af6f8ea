import assert from 'node:assert/strict';
import { test } from 'node:test';
import { poolWaitingReason, servedPools, type WorkerAnnouncement } from './worker-registry.ts';

const worker = (id: string, pools?: WorkerAnnouncement['pools']) => ({ id, pools }) as WorkerAnnouncement;

test('a queued trial says whether any live worker serves its pool', () => {
  const workers = [worker('a', ['cpu']), worker('b', ['cpu', 'gpu']), worker('c', ['cpu'])];
  assert.equal(poolWaitingReason('gpu', [workers[0]!]), 'waiting for a gpu worker: none online');
  assert.equal(poolWaitingReason('gpu', workers), 'waiting for a free gpu worker: 1 online');
  assert.equal(poolWaitingReason('cpu', workers), 'waiting for a free cpu worker: 3 online');
  assert.equal(poolWaitingReason('cpu', []), 'waiting for a cpu worker: none online');
});

test('a worker announced without pools (before pools existed) serves cpu', () => {
  assert.deepEqual(servedPools(worker('old')), ['cpu']);
});
