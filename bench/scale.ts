// `npm run bench -- scale`: how modelspace behaves with large sweeps and a large database.
//  1. POST /sweeps with 10,000 variants (rows in one transaction + 10,000 BullMQ jobs), and
//     a grid sweep of 10,000 points.
//  2. GET /sweeps/:id (status) and GET /sweeps/:id/best on a database holding 10,000
//     trials and 1,000,000 epoch rows: p50/p99 over repeated requests, and the query plans.
// Runs against the local Postgres and Redis in a throwaway database and queue prefix.
// `npm run bench -- scale create` runs part 1 only (the slow database fill of part 2 is skipped).
// The 10,000-variant request is timed after a small warm-up sweep, as on an API that has been
// up (both are printed); `cold` (e.g. `npm run bench -- scale create cold`) skips the warm-up.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp, DEFAULT_LIMITS } from '@modelspace/api';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '@modelspace/config';
import { createDb, migrate, withDatabase } from '@modelspace/db';
import { createRedis, createTrialQueue } from '@modelspace/queue';

const SERVER = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const dbName = `modelspace_bench_${randomUUID().slice(0, 8)}`;
const url = withDatabase(SERVER, dbName);
const prefix = `msbench-${randomUUID().slice(0, 8)}`;
const REQUESTS = 300;
const createOnly = process.argv.slice(2).includes('create');
const cold = process.argv.slice(2).includes('cold');
/** Variants of the warm-up sweep: the API has been up and served requests before a big one arrives. */
const WARMUP_VARIANTS = 100;

const r2 = (x: number) => Math.round(x * 100) / 100;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

await migrate(url);
const db = createDb(url, { poolSize: 4 });
const redis = createRedis(process.env.REDIS_URL ?? DEFAULT_REDIS_URL, 'producer');
const queueConnection = redis.duplicate();
const names = { prefix };
const trialQueue = createTrialQueue(queueConnection, names);
const app = await buildApp(
  { db, trialQueue, redis, names },
  { logger: pino({ level: 'error' }), bodyLimit: 50 * 1024 * 1024, limits: { ...DEFAULT_LIMITS, maxVariantsPerSweep: 10_000, maxGridSize: 10_000 } },
);
const sql = new pg.Client({ connectionString: url });
await sql.connect();

try {
  const makeVariants = (n: number, seed0 = 1) =>
    Array.from({ length: n }, (_, i) => ({
      name: `v${i}`,
      model: { kind: 'convnet', activation: ['relu', 'tanh', 'sigmoid'][i % 3], featureMaps: [4 + (i % 60), 8 + (i % 90)], denseUnits: 16 + (i % 100) },
      // Distinct variants: the same model and training twice is refused.
      training: { seed: seed0 + i },
    }));
  // 0. Warm-up: one small sweep, so the big one is timed on a process that has served
  // requests (code loaded and compiled, connections open), as a running API would be.
  let warmupMs: number | null = null;
  if (!cold) {
    const tw = performance.now();
    const warm = await app.inject({ method: 'POST', url: '/sweeps', payload: { name: 'warm-up', variants: makeVariants(WARMUP_VARIANTS) } });
    warmupMs = performance.now() - tw;
    if (warm.statusCode !== 201) throw new Error(`warm-up failed: ${warm.statusCode} ${warm.body.slice(0, 300)}`);
    await trialQueue.obliterate({ force: true });
    await sql.query('DELETE FROM "Sweep" WHERE id = $1', [warm.json().id]);
  }

  // 1. A 10,000-variant sweep through the API.
  const variants = makeVariants(10_000);
  const t0 = performance.now();
  const res = await app.inject({ method: 'POST', url: '/sweeps', payload: { name: 'big', variants } });
  const createMs = performance.now() - t0;
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const jobs = await trialQueue.getJobCountByTypes('waiting');
  await trialQueue.obliterate({ force: true });

  // 1b. A grid of 10,000 points (100 x 100) through the API.
  const gridSpec = {
    name: 'big grid',
    method: 'grid',
    space: {
      base: { model: { kind: 'convnet', activation: 'relu', featureMaps: [8, 16] }, training: { maxEpochs: 1 } },
      parameters: {
        'model.denseUnits': { type: 'int', min: 1, max: 100, step: 1 },
        'training.seed': { type: 'int', min: 1, max: 100, step: 1 },
      },
    },
  };
  const tg = performance.now();
  const gridRes = await app.inject({ method: 'POST', url: '/sweeps', payload: gridSpec });
  const gridMs = performance.now() - tg;
  if (gridRes.statusCode !== 201) throw new Error(`grid create failed: ${gridRes.statusCode} ${gridRes.body.slice(0, 300)}`);
  const gridTrials = gridRes.json().trialCounts.total as number;
  const gridJobs = await trialQueue.getJobCountByTypes('waiting');
  await trialQueue.obliterate({ force: true });
  await sql.query('DELETE FROM "Sweep" WHERE id = $1', [gridRes.json().id]);

  console.log(
    warmupMs === null
      ? 'no warm-up request: the 10,000-variant sweep is the first request of a cold process'
      : `warm-up request first: a ${WARMUP_VARIANTS}-variant sweep took ${r2(warmupMs)} ms (not counted below)`,
  );
  console.log(`create a 10,000-variant sweep (rows + jobs): ${r2(createMs)} ms (${jobs} jobs enqueued; goal < 5,000 ms)`);
  console.log(`create a 10,000-point grid sweep (rows + jobs): ${r2(gridMs)} ms (${gridTrials} trials, ${gridJobs} jobs enqueued; goal < 5,000 ms)`);
  const createFigures = {
    bench: 'scale',
    warmup_request: warmupMs !== null,
    warmup_variants: warmupMs === null ? 0 : WARMUP_VARIANTS,
    warmup_ms: warmupMs === null ? null : r2(warmupMs),
    create_10k_sweep_ms: r2(createMs),
    jobs_enqueued: jobs,
    create_10k_grid_ms: r2(gridMs),
    grid_trials: gridTrials,
    grid_jobs_enqueued: gridJobs,
  };
  console.log(JSON.stringify(createOnly ? createFigures : { ...createFigures, ...(await databaseFigures(res.json().id as string)) }));
} finally {
  await sql.end();
  await app.close();
  await trialQueue.close();
  queueConnection.disconnect();
  redis.disconnect();
  await db.$disconnect();
  const admin = new pg.Client({ connectionString: withDatabase(SERVER, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
}

/** Part 2: status and best-trial latencies once the big sweep's trials have 1,000,000 epoch rows. */
async function databaseFigures(bigSweep: string) {
  // 2. Fill to 10,000 trials (the sweep above) and 1,000,000 epoch rows (100 per trial).
  const t1 = performance.now();
  await sql.query(
    `
    UPDATE "Trial" SET status = 'completed', "bestValError" = random(), "bestValLoss" = random(),
           "testError" = random(), "epochsRun" = 100, "bestEpoch" = 1 + floor(random() * 100)::int
     WHERE "sweepId" = $1`,
    [bigSweep],
  );
  await sql.query(`
    INSERT INTO "EpochMetric" ("trialId", epoch, "trainLoss", "trainError", "valLoss", "valError", "durationMs", "samplesPerSec")
    SELECT t.id, e, random(), random(), random(), random(), 1000, 500
      FROM "Trial" t CROSS JOIN generate_series(1, 100) AS e`);
  await sql.query('ANALYZE');
  const fillMs = performance.now() - t1;
  const {
    rows: [counts],
  } = await sql.query('SELECT (SELECT count(*) FROM "Trial")::int AS trials, (SELECT count(*) FROM "EpochMetric")::int AS epochs');

  async function timeRequests(path: string) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      const r = await app.inject({ url: path });
      times.push(performance.now() - s);
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode}`);
    }
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  }
  const status = await timeRequests(`/sweeps/${bigSweep}`);
  const best = await timeRequests(`/sweeps/${bigSweep}/best?metric=valError`);

  const plan = async (q: string, params: unknown[]) => (await sql.query(`EXPLAIN ${q}`, params)).rows.map((r) => r['QUERY PLAN'] as string);
  const statusBytes = (await app.inject({ url: `/sweeps/${bigSweep}` })).body.length;
  const sweepRowPlan = await plan(`SELECT id, name, status, "createdAt" FROM "Sweep" WHERE id = $1`, [bigSweep]);
  const bestPlan = await plan(`SELECT * FROM "Trial" WHERE "sweepId" = $1 AND status = 'completed' AND "bestValError" IS NOT NULL ORDER BY "bestValError" ASC, index ASC LIMIT 1`, [
    bigSweep,
  ]);
  const curvePlan = await plan(`SELECT * FROM "EpochMetric" WHERE "trialId" = (SELECT id FROM "Trial" LIMIT 1) ORDER BY epoch`, []);
  const countsPlan = await plan(`SELECT status, count(*) FROM "Trial" WHERE "sweepId" = $1 GROUP BY status`, [bigSweep]);

  console.log(`database: ${counts.trials} trials, ${counts.epochs} epoch rows (filled in ${Math.round(fillMs)} ms)`);
  console.log(`GET /sweeps/:id          p50 ${r2(status.p50)} ms  p99 ${r2(status.p99)} ms  (${REQUESTS} requests, ${statusBytes} bytes each; goal p50 < 20 ms)`);
  console.log(`GET /sweeps/:id/best     p50 ${r2(best.p50)} ms  p99 ${r2(best.p99)} ms  (includes the 100-epoch learning curve)`);
  console.log(`plan, sweep row:\n  ${sweepRowPlan.join('\n  ')}`);
  console.log(`plan, best trial:\n  ${bestPlan.join('\n  ')}`);
  console.log(`plan, learning curve:\n  ${curvePlan.join('\n  ')}`);
  console.log(`plan, trial counts:\n  ${countsPlan.join('\n  ')}`);
  return {
    status_bytes: statusBytes,
    trials: counts.trials,
    epoch_rows: counts.epochs,
    status_p50_ms: r2(status.p50),
    status_p99_ms: r2(status.p99),
    best_p50_ms: r2(best.p50),
    best_p99_ms: r2(best.p99),
    best_uses_index: bestPlan.some((l) => /Index/.test(l)),
    curve_uses_index: curvePlan.some((l) => /Index/.test(l)),
    counts_use_index: countsPlan.some((l) => /Index/.test(l)),
  };
}
