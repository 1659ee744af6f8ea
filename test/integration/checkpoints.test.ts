import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { completeTrial, failLostTrial, failTrial, releaseTrial, startTrial } from '@modelspace/db';
import { createCheckpointStore, type CheckpointStore } from '@modelspace/worker';
import { createTestDatabase, type TestDatabase } from '../support/services.ts';

// The checkpoint store against a real Postgres: epoch + checkpoint in one transaction,
// fenced on the claim; a re-reported epoch stays one row; both storages round-trip the
// bytes; the checkpoint goes when the trial ends.
let database: TestDatabase;
let dir: string;

before(async () => {
  database = await createTestDatabase('checkpoints');
  dir = mkdtempSync(join(tmpdir(), 'modelspace-checkpoints-'));
});

after(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const report = (epoch: number, valError = 0.5) => ({ epoch, trainLoss: 1, trainError: 0.5, valLoss: 1, valError, durationMs: 10, samplesPerSec: 100 });
const bytes = (n: number) => Uint8Array.from({ length: 64 }, (_, i) => (i * n) & 0xff);

async function newTrial(): Promise<{ sweepId: string; trialId: string }> {
  const { db } = database;
  const sweepId = randomUUID();
  const trialId = randomUUID();
  await db.sweep.create({ data: { id: sweepId, name: 'ckpt', method: 'list', spec: {}, objective: 'valError', goal: 'minimize' } });
  await db.trial.create({ data: { id: trialId, sweepId, index: 0, variantHash: 'h', name: 't', model: {}, training: {} } });
  return { sweepId, trialId };
}

/** Claims the trial as a worker's job does (startTrial's statement); returns the claim's number. */
async function claimAs(t: { sweepId: string; trialId: string }, workerId: string): Promise<number> {
  const start = await startTrial(database.db, t.sweepId, t.trialId, workerId);
  assert.equal(start.outcome, 'claimed');
  return start.outcome === 'claimed' ? start.trial.attempts : NaN;
}

const epochsOf = async (trialId: string) => (await database.db.epochMetric.findMany({ where: { trialId }, orderBy: { epoch: 'asc' } })).map((e) => [e.epoch, e.valError]);

for (const storage of ['postgres', 'directory'] as const) {
  describe(`checkpoints in ${storage}`, () => {
    let store: CheckpointStore;
    before(() => {
      store = createCheckpointStore(database.db, { storage, dir });
    });

    test('each epoch writes its row and replaces the checkpoint; load gives the last one back', async () => {
      const t = await newTrial();
      const { trialId } = t;
      const claim = await claimAs(t, 'w1');
      assert.equal((await store.save(trialId, claim, report(1), bytes(1))).saved, true);
      assert.equal((await store.save(trialId, claim, report(2), bytes(2))).saved, true);
      assert.deepEqual(await epochsOf(trialId), [
        [1, 0.5],
        [2, 0.5],
      ]);
      const loaded = await store.load(trialId);
      assert.equal(loaded?.epoch, 2);
      assert.deepEqual(loaded?.bytes, bytes(2));
      if (storage === 'directory') assert.deepEqual(readdirSync(join(dir, trialId)), ['epoch-2.ckpt'], 'the previous epoch file is gone');
    });

    test('a worker whose trial was claimed again writes nothing; the new holder re-reports an epoch as one row', async () => {
      const t = await newTrial();
      const { trialId } = t;
      const first = await claimAs(t, 'w1');
      await store.save(trialId, first, report(1), bytes(1));
      const second = await claimAs(t, 'w2'); // w1's job was handed on
      assert.notEqual(second, first);
      assert.equal((await store.save(trialId, first, report(2), bytes(9))).saved, false, 'the old claim is fenced off');
      assert.deepEqual(await epochsOf(trialId), [[1, 0.5]]);
      assert.equal((await store.load(trialId))?.epoch, 1);
      assert.equal(await store.dropEpochsAfter(trialId, 1), 0);
      assert.equal((await store.save(trialId, second, report(2, 0.25), bytes(2))).saved, true);
      assert.equal((await store.save(trialId, second, report(2, 0.2), bytes(3))).saved, true, 're-reported');
      assert.deepEqual(await epochsOf(trialId), [
        [1, 0.5],
        [2, 0.2],
      ]);
      assert.equal(await completeTrial(database.db, trialId, outcome(), { claim: first }), false, 'the old claim cannot complete it');
      assert.equal(await failTrial(database.db, trialId, 'late', { final: true, claim: first }), false, 'nor fail it');
      assert.equal(await releaseTrial(database.db, trialId, first), false, 'nor hand it back');
      assert.equal(await completeTrial(database.db, trialId, outcome(), { claim: second }), true);
      assert.equal(await database.db.checkpoint.count({ where: { trialId } }), 0, 'completion drops the checkpoint row');
      await store.remove(trialId);
      if (storage === 'directory') assert.equal(existsSync(join(dir, trialId)), false);
    });

    test('a trial resumed from epoch k loses the rows past k; a final failure drops the checkpoint', async () => {
      const t = await newTrial();
      const { trialId } = t;
      const claim = await claimAs(t, 'w1');
      await store.save(trialId, claim, report(1), bytes(1));
      // A row an older worker wrote without a checkpoint.
      await database.db.epochMetric.create({ data: { trialId, ...report(2) } });
      assert.equal(await store.dropEpochsAfter(trialId, 1), 1);
      assert.deepEqual(await epochsOf(trialId), [[1, 0.5]]);
      assert.equal(await failTrial(database.db, trialId, 'retry me', { final: false, claim }), true);
      assert.equal(await database.db.checkpoint.count({ where: { trialId } }), 1, 'a retry resumes from it');
      const again = await claimAs(t, 'w1');
      assert.equal(await failTrial(database.db, trialId, 'broken', { final: true, claim: again }), true);
      assert.equal(await database.db.checkpoint.count({ where: { trialId } }), 0);
    });

    test('a trial whose job failed outside training (it stalled too often) is failed and loses its checkpoint', async () => {
      const t = await newTrial();
      const { trialId } = t;
      const claim = await claimAs(t, 'w1');
      await store.save(trialId, claim, report(1), bytes(1));
      assert.ok(await failLostTrial(database.db, trialId, 'job stalled more than allowable limit'));
      assert.equal((await database.db.trial.findUniqueOrThrow({ where: { id: trialId } })).status, 'failed');
      assert.equal(await database.db.checkpoint.count({ where: { trialId } }), 0);
      assert.equal(await failLostTrial(database.db, trialId, 'again'), null, 'a second notice changes nothing');
    });
  });
}

function outcome() {
  return { bestValError: 0.2, bestValLoss: 1, bestEpoch: 2, testError: 0.2, testLoss: 1, epochsRun: 2, stopReason: 'max_epochs', durationMs: 5, backend: 'cpu', paramCount: 1 };
}
