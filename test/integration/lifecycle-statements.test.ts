import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sweepEnd, type SweepState, type TrialState } from '@modelspace/core';
import { cancelSweep, failLostTrial, settleTrialEnd, stopSweep } from '@modelspace/db';
import { createTestDatabase, type TestDatabase } from '../support/services.ts';

// The lifecycle statements in packages/db against a real Postgres, checked against the
// state machine in packages/core: the SQL must end a sweep exactly when sweepEnd says.
let database: TestDatabase;
before(async () => {
  database = await createTestDatabase('lifecycle');
});
after(async () => database?.drop());

async function sweepWith(status: SweepState, trials: TrialState[]): Promise<string> {
  const { db } = database;
  const id = randomUUID();
  await db.sweep.create({ data: { id, name: 'lc', method: 'list', spec: {}, objective: 'valError', goal: 'minimize', status, stepOnTrialEnd: false } });
  await db.trial.createMany({
    data: trials.map((s, i) => ({ id: randomUUID(), sweepId: id, index: i, variantHash: `h${i}`, name: `t${i}`, model: {}, training: {}, status: s })),
  });
  return id;
}

const CASES: [SweepState, TrialState[]][] = [
  ['running', ['completed', 'running']],
  ['running', ['failed', 'queued']],
  ['running', ['failed', 'completed', 'cancelled']],
  ['running', ['failed', 'pruned']],
  ['running', ['failed', 'cancelled']],
  ['queued', ['cancelled']],
  ['stopping', ['completed', 'running']],
  ['stopping', ['failed']],
  ['paused', ['completed']],
  ['completed', ['completed']],
];

test('settling a trial end ends the sweep exactly as core’s sweepEnd rule says', async () => {
  for (const [status, trials] of CASES) {
    const id = await sweepWith(status, trials);
    const settled = await settleTrialEnd(database.db, id, 'nothing new');
    assert.equal(settled.status, sweepEnd(status, trials) ?? status, `${status} with ${trials.join(', ')}`);
  }
});

test('stop drops queued trials in the same statement and is stopping while one runs; cancel ends every open trial', async () => {
  const running = await sweepWith('running', ['running', 'queued', 'queued']);
  assert.equal((await stopSweep(database.db, running)).cancelledTrialIds.length, 2);
  assert.equal((await database.db.sweep.findUniqueOrThrow({ where: { id: running } })).status, 'stopping');
  await assert.rejects(stopSweep(database.db, running), /cannot stop sweep .*: it is stopping/);
  assert.equal((await cancelSweep(database.db, running)).cancelledTrialIds.length, 1, 'the running one');
  await assert.rejects(cancelSweep(database.db, running), /cannot cancel sweep .*: it is cancelled/);

  const idle = await sweepWith('queued', ['queued']);
  assert.equal((await stopSweep(database.db, idle)).cancelledTrialIds.length, 1);
  const row = await database.db.sweep.findUniqueOrThrow({ where: { id: idle } });
  assert.equal(row.status, 'stopped');
  assert.ok(row.finishedAt, 'a sweep stopped at once has ended');
});

test('a lost trial is failed and its checkpoint dropped once; a second notice changes nothing', async () => {
  const id = await sweepWith('running', ['running']);
  const [trial] = await database.db.trial.findMany({ where: { sweepId: id } });
  await database.db.checkpoint.create({ data: { trialId: trial!.id, epoch: 1, storage: 'postgres', data: new Uint8Array([1]), sizeBytes: 1 } });
  assert.equal(await failLostTrial(database.db, trial!.id, 'stalled'), id);
  const after = await database.db.trial.findUniqueOrThrow({ where: { id: trial!.id } });
  assert.equal(after.status, 'failed');
  assert.equal(after.error, 'the job failed outside training: stalled');
  assert.equal(await database.db.checkpoint.count({ where: { trialId: trial!.id } }), 0);
  assert.equal(await failLostTrial(database.db, trial!.id, 'again'), null);
});
