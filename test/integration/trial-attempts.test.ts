import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { completeTrial, failTrial, releaseTrial, startTrial, type TrialOutcome } from '@modelspace/db';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The attempts the timeline draws, recorded by the trigger on "Trial" (migration
// 20261229100000_trial_attempts) as the real claim and end statements run, against real
// Postgres, and read back through GET /sweeps/:id/timeline.
let t: TestApp;

before(async () => {
  t = await createTestApp('attempts');
});
after(async () => t?.close());

const outcome: TrialOutcome = {
  bestValError: 0.1,
  bestValLoss: 0.3,
  bestEpoch: 1,
  testError: 0.12,
  testLoss: 0.35,
  epochsRun: 1,
  stopReason: 'max_epochs',
  durationMs: 1000,
  backend: 'wasm',
  paramCount: 7850,
};

async function sweepWithTrials(name: string): Promise<{ id: string; trialIds: string[] }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/sweeps',
    payload: { name, training: { maxEpochs: 1 }, variants: [{ model: { kind: 'softmax' } }, { model: { kind: 'logistic' } }] },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const timeline = async (id: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/sweeps/${id}/timeline` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { now: string; attempts: Array<{ trialId: string; attempt: number; workerId: string; startedAt: string; endedAt: string | null; outcome: string | null }> };
};

test('every claim is an attempt; hand-back, retried failure, death of a worker and completion each end one with its outcome', async () => {
  const { id, trialIds } = await sweepWithTrials('attempts');
  const [a, b] = trialIds as [string, string];
  const claim = async (trialId: string, worker: string) => {
    const start = await startTrial(t.database.db, id, trialId, worker);
    assert.equal(start.outcome, 'claimed');
    return start.outcome === 'claimed' ? start.trial.attempts : 0;
  };
  // Trial a: handed back by w1 (shutdown), failed once on w2 (retried), then completed on w1.
  assert.ok(await releaseTrial(t.database.db, a, await claim(a, 'w1')));
  assert.ok(await failTrial(t.database.db, a, 'out of memory', { final: false, claim: await claim(a, 'w2') }));
  const running = await timeline(id);
  assert.deepEqual(
    running.attempts.filter((x) => x.trialId === a).map((x) => [x.attempt, x.workerId, x.outcome]),
    [
      [1, 'w1', 'handed back'],
      [2, 'w2', 'retried'],
    ],
  );
  assert.ok(await completeTrial(t.database.db, a, outcome, { claim: await claim(a, 'w1') }));
  // Trial b: its worker w3 dies mid-trial; w4 takes the stalled job over (a claim of a running trial) and fails it for good.
  await claim(b, 'w3');
  assert.ok(await failTrial(t.database.db, b, 'diverged', { final: true, claim: await claim(b, 'w4') }));

  const done = await timeline(id);
  const rows = (trialId: string) => done.attempts.filter((x) => x.trialId === trialId).map((x) => [x.attempt, x.workerId, x.outcome]);
  assert.deepEqual(rows(a), [
    [1, 'w1', 'handed back'],
    [2, 'w2', 'retried'],
    [3, 'w1', 'completed'],
  ]);
  assert.deepEqual(rows(b), [
    [1, 'w3', 'lost'],
    [2, 'w4', 'failed'],
  ]);
  for (const x of done.attempts) {
    assert.ok(x.endedAt, 'every attempt ended');
    assert.ok(Date.parse(x.startedAt) <= Date.parse(x.endedAt!), JSON.stringify(x));
    // Read as UTC whatever the process's zone: within a minute of the server's now.
    assert.ok(Math.abs(Date.parse(done.now) - Date.parse(x.startedAt)) < 60_000, `${x.startedAt} vs ${done.now}`);
  }
});

test('an attempt still running has no end and no outcome; a trial never claimed has no bar', async () => {
  const { id, trialIds } = await sweepWithTrials('attempts running');
  await startTrial(t.database.db, id, trialIds[0]!, 'w1');
  const { attempts } = await timeline(id);
  assert.deepEqual(
    attempts.map((x) => [x.trialId, x.attempt, x.endedAt, x.outcome]),
    [[trialIds[0], 1, null, null]],
  );
});
