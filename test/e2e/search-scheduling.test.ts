import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { searchWorker, startStack, TINY_TRAINING, type Stack } from '../support/stack.ts';

// Scheduling on the real stack: two worker processes with three training slots in all, so
// only the sweep's own budget can hold it to two trials at a time. One slot in `wa`: with
// two each, one process could take both of the first two jobs (and, with trials this quick,
// all four), and the test would not show the budget holding across processes.
let stack: Stack;

before(async () => {
  stack = await startStack({ label: 'search_sched', workers: [searchWorker('wa', 1), searchWorker('wb', 2)] });
});

after(async () => {
  await stack?.close();
});

const randomSweep = (name: string, budget: Record<string, number>) => ({
  name,
  method: 'random',
  training: TINY_TRAINING,
  space: {
    base: { model: { kind: 'softmax' } },
    parameters: {
      'training.learningRate': { type: 'loguniform', min: 0.01, max: 0.5 },
      'training.seed': { type: 'int', min: 1, max: 10_000 },
    },
  },
  search: { seed: 11 },
  budget,
});

interface Interval {
  id: string;
  start: number;
  end: number;
}

/** Most trials running at one instant, from their recorded [startedAt, finishedAt] intervals. */
function maxOverlap(intervals: Interval[]): number {
  // At a tie an end comes before a start: a trial scheduled by another's end starts after it.
  const events = intervals
    .flatMap((i) => [
      { t: i.start, d: 1 },
      { t: i.end, d: -1 },
    ])
    .sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let most = 0;
  for (const e of events) {
    now += e.d;
    most = Math.max(most, now);
  }
  return most;
}

async function timeline(sweepId: string): Promise<(Interval & { workerId: string; status: string })[]> {
  const trials = await stack.database.db.trial.findMany({ where: { sweepId }, orderBy: { index: 'asc' } });
  return trials.map((t) => {
    assert.ok(t.startedAt && t.finishedAt, `trial ${t.name} (${t.status}) has startedAt and finishedAt`);
    return { id: t.id, start: t.startedAt.getTime(), end: t.finishedAt.getTime(), workerId: t.workerId ?? '', status: t.status };
  });
}

test('a random sweep with maxConcurrentTrials 2 never has more than 2 trials running across two worker processes', async () => {
  const created = await stack.http('POST', '/sweeps', randomSweep('concurrency', { maxTrials: 4, maxConcurrentTrials: 2 }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.trialIds.length, 2, 'creation queues exactly maxConcurrentTrials trials');
  const sweep = await stack.settled(created.body.id, ['completed', 'failed'], 120_000);
  assert.equal(sweep.status, 'completed', stack.outputs());
  assert.equal(sweep.trialCounts.completed, 4);

  const intervals = await timeline(sweep.id);
  assert.equal(intervals.length, 4);
  assert.ok(intervals.every((i) => i.status === 'completed'));
  assert.equal(maxOverlap(intervals), 2, `running intervals: ${JSON.stringify(intervals)}`);
  assert.deepEqual([...new Set(intervals.map((i) => i.workerId))].sort(), ['wa', 'wb'], 'both worker processes trained trials');
  const hashes = await stack.database.db.trial.findMany({ where: { sweepId: sweep.id }, select: { variantHash: true } });
  assert.equal(new Set(hashes.map((h) => h.variantHash)).size, 4, 'no variant trained twice');
});

test('PATCH raising maxTrials of a finished sweep reopens it and the new trials run to completion', async () => {
  const created = await stack.http('POST', '/sweeps', randomSweep('extend', { maxTrials: 1 }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;
  const first = await stack.settled(id, ['completed', 'failed'], 60_000);
  assert.equal(first.status, 'completed', stack.outputs());
  assert.equal(first.statusReason, 'maxTrials 1 reached');

  const patched = await stack.http('PATCH', `/sweeps/${id}`, { maxTrials: 3 });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal(patched.body.maxTrials, 3);
  assert.equal(patched.body.status, 'running', 'the finished sweep is reopened');
  assert.equal(patched.body.trialCounts.total, 3, 'the scheduler used the new room at once');

  const done = await stack.settled(id, ['completed', 'failed'], 60_000);
  assert.equal(done.status, 'completed', stack.outputs());
  assert.equal(done.statusReason, 'maxTrials 3 reached');
  assert.deepEqual({ completed: done.trialCounts.completed, total: done.trialCounts.total }, { completed: 3, total: 3 });
  const trials = await stack.database.db.trial.findMany({ where: { sweepId: id }, orderBy: { index: 'asc' } });
  const firstEnd = trials[0]!.finishedAt!.getTime();
  for (const t of trials.slice(1)) {
    assert.ok(t.startedAt!.getTime() >= firstEnd, `${t.name} started after the sweep first finished`);
    assert.ok(t.testError !== null && t.epochsRun === 1, `${t.name} trained to the end`);
  }
});
