import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAULT_KINDS, schedule } from './nemesis.ts';

const opts = { seed: 7, rounds: 2, workers: ['w1', 'w2', 'w3'], lockMs: 5_000 };

test('a seed gives one schedule, fault for fault; another seed another', () => {
  assert.deepEqual(schedule(opts), schedule(opts));
  assert.notDeepEqual(schedule(opts), schedule({ ...opts, seed: 8 }));
});

test('every kind comes `rounds` times; worker faults name a worker, the others none', () => {
  const faults = schedule(opts);
  for (const kind of FAULT_KINDS) assert.equal(faults.filter((f) => f.kind === kind).length, 2, kind);
  for (const f of faults) {
    const onWorker = !['restart-postgres', 'restart-redis', 'kill-api'].includes(f.kind);
    assert.equal(f.worker !== null, onWorker, f.kind);
    if (f.worker) assert.ok(opts.workers.includes(f.worker));
  }
});

test('partitions and pauses outlast the job lock, so the job is handed on', () => {
  for (const f of schedule({ ...opts, rounds: 5 }).filter((f) => f.kind.startsWith('partition') || f.kind === 'pause'))
    assert.ok(f.durationMs > 2 * opts.lockMs, `${f.kind} ${f.durationMs}`);
});

test('kinds left out are not injected', () => {
  assert.ok(schedule({ ...opts, without: ['kill-api'] }).every((f) => f.kind !== 'kill-api'));
});
