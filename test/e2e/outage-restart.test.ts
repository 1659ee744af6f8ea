import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { loadApiConfig, startApi, type RunningApi } from '@modelspace/api';
import { createApiKey, createDb, migrate, withDatabase, type Db } from '@modelspace/db';
import { waitFor } from '../support/services.ts';
import { spawnEntry, type Spawned } from '../support/processes.ts';
import { startOwnPostgres, startOwnRedis, type OwnService } from '../support/own-services.ts';

// Postgres and Redis restart under a running sweep: this test starts its own instances
// (never the machine's shared ones) and stops each for a while. The API answers 503 with
// a clear message for what needs the missing service, keeps serving what does not, and
// recovers by itself; the worker waits the outages out; the sweep completes with every
// trial completed once and every epoch recorded once.
// Outage lengths: OUTAGE_PG_MS and OUTAGE_REDIS_MS (the 30 s were run by hand this
// way). Redis keeps an AOF, as docs/deploy.md asks; OUTAGE_REDIS_PERSISTENCE=none restarts
// it empty instead (every job lost: the workers re-enqueue them, see redis-recovery.ts).
const PG_OUTAGE_MS = Number(process.env.OUTAGE_PG_MS ?? 12_000);
const REDIS_OUTAGE_MS = Number(process.env.OUTAGE_REDIS_MS ?? 12_000);
const REDIS_PERSISTENCE = process.env.OUTAGE_REDIS_PERSISTENCE === 'none' ? 'none' : 'aof';
const EPOCHS = 4;
const TRIALS = 6;

let pg: OwnService;
let redis: OwnService;
let api: RunningApi;
let worker: Spawned;
let db: Db;
let key: string;

before(async () => {
  pg = await startOwnPostgres('outage');
  redis = await startOwnRedis('outage', { persistence: REDIS_PERSISTENCE });
  const env = { DATABASE_URL: withDatabase(pg.url, 'modelspace'), REDIS_URL: redis.url, QUEUE_PREFIX: 'outage' };
  await migrate(env.DATABASE_URL);
  db = createDb(env.DATABASE_URL, { poolSize: 2 });
  key = (await createApiKey(db, { project: 'default', role: 'write' })).key;
  api = await startApi({ ...loadApiConfig(env), PORT: 0 }, pino({ level: 'silent' }));
  // Two slots in one process: a job handed on while its first holder still trains could start here.
  worker = spawnEntry('apps/worker/src/main.ts', { ...env, WORKER_ID: 'outage-worker', WORKER_CONCURRENCY: '2', LOG_LEVEL: 'info' });
  await worker.waitForOutput('worker ready', 90_000);
});

after(async () => {
  await worker?.stop('SIGKILL');
  await api?.close().catch(() => {});
  await db?.$disconnect();
  await redis?.destroy();
  await pg?.destroy();
});

async function http(method: string, path: string, body?: unknown) {
  const res = await fetch(api.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000), // a hang fails the test instead of stalling it
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

const sweepSpec = (name: string) => ({
  name,
  training: { maxEpochs: EPOCHS, patience: 100, batchSize: 32, learningRate: 0.05, trainSubset: 10_000, valSubset: 500, testSubset: 500 },
  // Small convnets, not softmax regressions: trials must still be training when Redis goes,
  // after the Postgres outage (the native step trains a softmax regression in moments).
  variants: Array.from({ length: TRIALS }, (_, i) => ({
    name: `convnet seed ${i + 1}`,
    model: { kind: 'convnet', activation: 'relu', featureMaps: [16, 32], denseUnits: 64 },
    training: { seed: i + 1 },
  })),
});

const epochRows = () => db.epochMetric.count();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a sweep survives a Postgres restart and a Redis restart; the API answers 503 meanwhile and recovers', { timeout: 300_000 }, async () => {
  const created = await http('POST', '/sweeps', sweepSpec('through outages'));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const sweepId: string = created.body.id;
  await waitFor('a first epoch', async () => (await epochRows()) >= 1, { timeoutMs: 60_000 });

  const running = () => db.trial.count({ where: { sweepId, status: 'running' } });
  assert.ok((await running()) >= 1, 'a trial is training when Postgres goes');

  // Postgres down: what needs it answers 503 DATABASE_UNAVAILABLE, at once, with Retry-After.
  await pg.stop();
  const pgDownAt = Date.now();
  const read = await http('GET', `/sweeps/${sweepId}`);
  assert.equal(read.status, 503, JSON.stringify(read.body));
  assert.equal(read.body.error.code, 'DATABASE_UNAVAILABLE');
  assert.match(read.body.error.message, /database \(Postgres\) is unavailable/);
  assert.ok(Number(read.retryAfter) > 0, 'a 503 says when to retry');
  const readyPg = await http('GET', '/ready');
  assert.equal(readyPg.status, 503);
  assert.deepEqual([readyPg.body.postgres, readyPg.body.redis], [false, true]);
  await pause(PG_OUTAGE_MS - (Date.now() - pgDownAt));
  await pg.start();
  // The API recovers by itself: no restart.
  await waitFor('the API to read the sweep again', async () => (await http('GET', `/sweeps/${sweepId}`)).status === 200, { timeoutMs: 30_000 });
  const afterPg = await epochRows();
  await waitFor('an epoch recorded after the Postgres restart', async () => (await epochRows()) > afterPg, { timeoutMs: 60_000 });

  // Redis down: a submission answers 503 QUEUE_UNAVAILABLE and leaves no sweep behind;
  // reads, which need only Postgres, still work.
  assert.ok((await running()) >= 1, 'a trial is training when Redis goes');
  await redis.stop();
  const redisDownAt = Date.now();
  const sweepsBefore = await db.sweep.count();
  const refused = await http('POST', '/sweeps', sweepSpec('while Redis is down'));
  assert.equal(refused.status, 503, JSON.stringify(refused.body));
  assert.equal(refused.body.error.code, 'QUEUE_UNAVAILABLE');
  assert.match(refused.body.error.message, /Redis\) is unavailable; nothing was created/);
  assert.ok(Number(refused.retryAfter) > 0);
  assert.equal(await db.sweep.count(), sweepsBefore, 'no sweep row was left by the refused submission');
  assert.equal(await db.trial.count({ where: { sweepId: { not: sweepId } } }), 0, 'nor any trial');
  assert.equal((await http('GET', `/sweeps/${sweepId}`)).status, 200);
  const readyRedis = await http('GET', '/ready');
  assert.equal(readyRedis.status, 503);
  assert.deepEqual([readyRedis.body.postgres, readyRedis.body.redis], [true, false]);
  await pause(REDIS_OUTAGE_MS - (Date.now() - redisDownAt));
  await redis.start();
  await waitFor('the API to accept a submission again', async () => (await http('GET', '/ready')).status === 200, { timeoutMs: 30_000 });

  // The sweep completes: every trial once, every epoch once.
  const done = await waitFor(
    'the sweep to end',
    async () => {
      const s = await http('GET', `/sweeps/${sweepId}`);
      return s.status === 200 && ['completed', 'failed', 'cancelled', 'stopped'].includes(s.body.status) && s.body;
    },
    { timeoutMs: 180_000, intervalMs: 1_000 },
  );
  const trials = await db.trial.findMany({ where: { sweepId }, include: { epochs: { orderBy: { epoch: 'asc' } } }, orderBy: { index: 'asc' } });
  const summary = trials.map((t) => `${t.name}: ${t.status}, attempts ${t.attempts}, epochs [${t.epochs.map((e) => e.epoch).join(',')}]`);
  console.log(`outages: Postgres ${PG_OUTAGE_MS} ms, Redis ${REDIS_OUTAGE_MS} ms (${REDIS_PERSISTENCE})\n${summary.join('\n')}`);
  assert.equal(done.status, 'completed', summary.join('\n'));
  assert.equal(trials.length, TRIALS);
  for (const t of trials) {
    assert.equal(t.status, 'completed', `${t.name}: ${t.error ?? ''}`);
    assert.equal(t.attempts, 1, `${t.name} was claimed ${t.attempts} times: no outage may make a trial run twice`);
    assert.deepEqual(
      t.epochs.map((e) => e.epoch),
      Array.from({ length: EPOCHS }, (_, i) => i + 1),
      `${t.name}: one row per epoch, no gap`,
    );
    assert.equal(t.epochsRun, EPOCHS);
  }
  const log = worker.output();
  if (process.env.OUTAGE_LOG) writeFileSync(process.env.OUTAGE_LOG, log);
  assert.match(log, /database unavailable; retrying/, 'the worker met the Postgres outage and waited it out');
  assert.doesNotMatch(log, /"msg":"trial failed"/, 'no trial attempt failed during the outages');
});
