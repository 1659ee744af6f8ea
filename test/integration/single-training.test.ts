import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Queue, Worker, type Job } from 'bullmq';
import { pino } from 'pino';
import { validateSweepSpec } from '@modelspace/core';
import { createSweepWithFirstStep, type Db } from '@modelspace/db';
import { announceWorker, createRedis, HEARTBEAT_STALE_MS, WORKER_TTL_SECONDS, type TrialJobData, type WorkerAnnouncement } from '@modelspace/queue';
import { singleTraining, trainingHolder } from '@modelspace/worker';
import { createTestDatabase, createTestRedis, REDIS_URL, waitFor, type TestDatabase, type TestRedis } from '../support/services.ts';

// The guard against training one trial twice at once, when BullMQ hands on the job of a
// worker that is alive (its lock lapsed during a Redis outage): real Postgres rows, real
// heartbeat keys, a real BullMQ worker.
let database: TestDatabase;
let redis: TestRedis;
let db: Db;
let sweepId: string;
let trialIds: string[];

before(async () => {
  database = await createTestDatabase('single_training');
  redis = await createTestRedis('single-training');
  db = database.db;
  sweepId = randomUUID();
  const spec = {
    name: 'guard',
    training: { maxEpochs: 1 },
    variants: [1, 2, 3, 4].map((seed) => ({ name: `s${seed}`, model: { kind: 'softmax' }, training: { seed } })),
  };
  trialIds = (await createSweepWithFirstStep(db, { id: sweepId, spec: validateSweepSpec(spec) })).addedTrialIds;
  assert.equal(trialIds.length, 4);
});

after(async () => {
  await redis?.cleanup();
  await database?.drop();
});

const names = () => ({ prefix: redis.prefix });
const announce = (id: string, runningTrialIds: string[]) => announceWorker(redis.redis, names(), { id, runningTrialIds, lastSeen: new Date().toISOString() } as WorkerAnnouncement);
const runningBy = (trialId: string, workerId: string) => db.trial.update({ where: { id: trialId }, data: { status: 'running', workerId } });
const deps = (active: Map<string, unknown> = new Map()) => ({ db, redis: redis.redis, names: names(), workerId: 'me', active });

test('a queued trial, or one this worker ran before it restarted, is held by no one', async () => {
  assert.equal(await trainingHolder(deps(), trialIds[0]!), null);
  await runningBy(trialIds[0]!, 'me');
  assert.equal(await trainingHolder(deps(), trialIds[0]!), null);
});

test('a trial this process trains is held by it', async () => {
  assert.equal(await trainingHolder(deps(new Map([[trialIds[0]!, {}]])), trialIds[0]!), 'me');
});

test('a trial whose worker lists it in its heartbeat is held by that worker', async () => {
  await runningBy(trialIds[1]!, 'other');
  await announce('other', [trialIds[1]!]);
  assert.equal(await trainingHolder(deps(), trialIds[1]!), 'other');
});

test('a worker whose heartbeat came back after an outage still holds its trial; one that is gone does not', async () => {
  await runningBy(trialIds[2]!, 'back');
  setTimeout(() => void announce('back', [trialIds[2]!]), 1_500); // its key expired while Redis was down; it re-announces
  assert.equal(await trainingHolder(deps(), trialIds[2]!), 'back');
  await runningBy(trialIds[3]!, 'dead'); // no heartbeat at all: killed
  assert.equal(await trainingHolder(deps(), trialIds[3]!), null);
});

test('a worker whose heartbeat is two beats old (killed, paused or cut off from Redis) holds its trial no more: another may take it over', async () => {
  await runningBy(trialIds[3]!, 'paused');
  await announce('paused', [trialIds[3]!]);
  assert.equal(await trainingHolder(deps(), trialIds[3]!), 'paused', 'fresh: held');
  // Its key still lives (GET /workers lists it until the TTL runs out), but its last beat is old.
  await redis.redis.pexpire(`${redis.prefix}:workers:paused`, WORKER_TTL_SECONDS * 1000 - HEARTBEAT_STALE_MS - 1_000);
  assert.equal(await trainingHolder(deps(), trialIds[3]!), null, 'stale: no longer held');
});

test('a job whose trial is trained elsewhere waits, delayed without using an attempt; the processor never runs', async () => {
  await runningBy(trialIds[1]!, 'other');
  await announce('other', [trialIds[1]!]);
  const connection = createRedis(REDIS_URL, 'worker');
  const queue = new Queue<TrialJobData>('guard', { connection, prefix: redis.prefix });
  let ran = 0;
  const processor = singleTraining(async (_job: Job<TrialJobData>) => ran++, { ...deps(), log: pino({ level: 'silent' }), recheckMs: 60_000 });
  const workerConnection = connection.duplicate();
  const worker = new Worker<TrialJobData>('guard', processor, { connection: workerConnection, prefix: redis.prefix });
  try {
    await queue.add('train', { trialId: trialIds[1]!, sweepId }, { jobId: trialIds[1]!, attempts: 3 });
    const job = await waitFor(
      'the job to be delayed',
      async () => {
        const j = await queue.getJob(trialIds[1]!);
        return j && (await j.getState()) === 'delayed' && j;
      },
      { timeoutMs: 20_000 },
    );
    assert.equal(ran, 0);
    assert.equal(job.attemptsMade, 0, 'waiting for the holder is not a failed attempt');
  } finally {
    await worker.close();
    await queue.close();
    workerConnection.disconnect();
    connection.disconnect();
  }
});
