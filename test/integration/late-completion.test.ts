import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { validateSweepSpec } from '@modelspace/core';
import { completeTrial, createSweepWithFirstStep, startTrial } from '@modelspace/db';
import { createRedis, trialQueueName } from '@modelspace/queue';
import { loadWorkerConfig, startWorker, type BuiltInTrainer, type RunningWorker } from '@modelspace/worker';
import { createTestDatabase, createTestRedis, REDIS_URL, waitFor, type TestDatabase, type TestRedis } from '../support/services.ts';

// Found by the fault drill (test/drill): a worker paused past its lock, whose trial another
// worker claimed after its last epoch was written, woke up and finished. Its completion was
// refused by the claim fence, yet it logged "trial completed" and stored its model over the
// trial. Here a real worker (its training a stand-in) loses its claim between its last epoch
// and its completion: it records nothing, stores no model and says why.
let database: TestDatabase;
let redis: TestRedis;
let worker: RunningWorker | null = null;
const lines: string[] = [];

before(async () => {
  database = await createTestDatabase('late_completion');
  redis = await createTestRedis('late-completion');
});

after(async () => {
  await worker?.close({ force: true });
  await redis?.cleanup();
  await database?.drop();
});

test('a worker whose claim was taken over before its completion records no result and stores no model', async () => {
  const { db } = database;
  const sweepId = randomUUID();
  const spec = validateSweepSpec({ name: 'late', training: { maxEpochs: 1 }, variants: [{ name: 'only', model: { kind: 'softmax' } }] });
  const [trialId] = (await createSweepWithFirstStep(db, { id: sweepId, spec })).addedTrialIds;
  // The stand-in training: its one epoch is written, then another worker claims the trial
  // (this one was paused past its lock) and completes it, then this one finishes with a model.
  const outcome = {
    bestValError: 0.5,
    bestValLoss: 1,
    bestEpoch: 1,
    testError: 0.5,
    testLoss: 1,
    epochsRun: 1,
    stopReason: 'max_epochs' as const,
    durationMs: 1,
    backend: 'cpu',
    paramCount: 1,
  };
  const train: BuiltInTrainer = (_job, on) => {
    const result = (async () => {
      await on.epoch({ epoch: 1, trainLoss: 1, trainError: 0.5, valLoss: 1, valError: 0.5, durationMs: 1, samplesPerSec: 1 }, new Uint8Array(8));
      const other = await startTrial(db, sweepId, trialId!, 'the-other-worker');
      assert.equal(other.outcome, 'claimed');
      // ...which trains it to the end before this one wakes up.
      assert.ok(await completeTrial(db, trialId!, { ...outcome, testError: 0.25 }, { claim: other.outcome === 'claimed' ? other.trial.attempts : -1 }));
      return outcome;
    })();
    const artifact = result.then(() => ({ modelJson: { modelTopology: {}, weightsManifest: [] } as any, weightData: new ArrayBuffer(8) }));
    return { result, artifact, stop() {}, async kill() {} };
  };
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const config = loadWorkerConfig({
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: redis.prefix,
    WORKER_ID: 'paused-worker',
    WORKER_CONCURRENCY: '1',
    ARTIFACT_STORE: 'postgres',
  });
  worker = await startWorker(config, log, { train });
  const connection = createRedis(REDIS_URL, 'producer');
  const queue = new Queue(trialQueueName('cpu'), { connection, prefix: redis.prefix });
  try {
    await queue.add('trial', { trialId: trialId!, sweepId }, { jobId: trialId! });
    await waitFor('the job to end', async () => (await queue.getJobState(trialId!)) === 'completed', { timeoutMs: 30_000 });
  } finally {
    await queue.close();
    connection.disconnect();
  }
  const trial = await db.trial.findUniqueOrThrow({ where: { id: trialId! } });
  assert.deepEqual([trial.status, trial.workerId, trial.attempts, trial.testError], ['completed', 'the-other-worker', 2, 0.25], 'the result is the other worker’s');
  assert.equal(await db.artifact.count({ where: { trialId: trialId! } }), 0, 'no model stored by the worker that lost its claim');
  const said = lines.map((l) => JSON.parse(l).msg as string);
  assert.ok(said.includes('trial result not recorded: its claim no longer holds'), said.join('\n'));
  assert.ok(!said.includes('trial completed'), 'it does not claim to have completed the trial');
  const [row] = await db.epochMetric.findMany({ where: { trialId: trialId! } });
  assert.equal(row?.claim, 1, 'the epoch row names the claim that wrote it');
});
