// `npm run bench -- load [--duration S] [--connections N]`: HTTP load on the read paths a
// dashboard or CLI polls, against the real API process (apps/api/src/main.ts) on 127.0.0.1,
// with autocannon. The database holds one sweep of 10,000 completed trials and 300,000
// epoch rows (30 each), seeded with bulk SQL. Each endpoint is measured with API keys
// required (key lookup, project check and Redis rate limiter on every request) and, side by
// side, with API_AUTH=off, so the price of auth is the ratio.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '@modelspace/config';
import { createApiKey, createDb, DEFAULT_PROJECT_ID, DEFAULT_PROJECT_NAME, migrate, withDatabase } from '@modelspace/db';
import { createRedis } from '@modelspace/queue';

const { values: args } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } } });
const DURATION_S = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const TRIALS = 10_000;
const EPOCHS_PER_TRIAL = 30;
const WARMUP_S = 3;

const SERVER = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
const dbName = `modelspace_bench_${randomUUID().slice(0, 8)}`;
const url = withDatabase(SERVER, dbName);
const prefix = `msload-${randomUUID().slice(0, 8)}`;
const sweepId = randomUUID();

async function seed(sql: pg.Client): Promise<{ trials: number; epochs: number; ms: number }> {
  const t0 = performance.now();
  const spec = { name: 'load', method: 'list', objective: { metric: 'valError', goal: 'minimize' }, training: {}, variants: [{ model: { kind: 'softmax' } }] };
  await sql.query(
    `INSERT INTO "Sweep" (id, name, method, status, spec, objective, goal, "updatedAt", "startedAt", "finishedAt", "projectId")
     VALUES ($1, 'load', 'list', 'completed', $2, 'valError', 'minimize', now(), now(), now(), $3)`,
    [sweepId, JSON.stringify(spec), DEFAULT_PROJECT_ID],
  );
  await sql.query(
    `INSERT INTO "Trial" (id, "sweepId", index, "variantHash", name, model, training, status, backend, "bestValError", "bestValLoss",
                          "bestEpoch", "testError", "testLoss", "epochsRun", "stopReason", "durationMs", "paramCount", "startedAt", "finishedAt")
     SELECT gen_random_uuid(), $1, i, md5(i::text), 'variant ' || i, '{"kind":"softmax"}', '{"maxEpochs":30,"batchSize":32}', 'completed', 'native',
            random(), random(), 1 + floor(random() * ${EPOCHS_PER_TRIAL})::int, random(), random(), ${EPOCHS_PER_TRIAL}, 'max_epochs', 1000, 7850, now(), now()
       FROM generate_series(0, ${TRIALS - 1}) AS i`,
    [sweepId],
  );
  await sql.query(
    `INSERT INTO "EpochMetric" ("trialId", epoch, "trainLoss", "trainError", "valLoss", "valError", "durationMs", "samplesPerSec")
     SELECT t.id, e, random(), random(), random(), random(), 1000, 500
       FROM "Trial" t CROSS JOIN generate_series(1, ${EPOCHS_PER_TRIAL}) AS e`,
  );
  // What completeTrial records of the last epoch.
  await sql.query(
    `UPDATE "Trial" t SET "lastEpoch" = e.epoch, "lastValError" = e."valError", "lastValLoss" = e."valLoss"
       FROM "EpochMetric" e WHERE e."trialId" = t.id AND e.epoch = ${EPOCHS_PER_TRIAL}`,
  );
  await sql.query('ANALYZE');
  const {
    rows: [c],
  } = await sql.query('SELECT (SELECT count(*) FROM "Trial")::int AS trials, (SELECT count(*) FROM "EpochMetric")::int AS epochs');
  return { trials: c.trials, epochs: c.epochs, ms: performance.now() - t0 };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** The API as `npm run api` runs it (request logs off: the load is on the service, not on a pipe). */
async function startApi(auth: 'required' | 'off'): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      HOST: '127.0.0.1',
      PORT: String(port),
      API_AUTH: auth,
      // The limiter runs (one Redis call per request) but never refuses during the bench.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}) before listening`);
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url: base, child };
    if (Date.now() > deadline) throw new Error('API did not answer /health within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopApi(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Figures {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
}

async function load(base: string, path: string, headers: Record<string, string>): Promise<Figures> {
  // Unrecorded warm-up: JIT, the connection pools and Postgres' caches, so the first endpoint measured pays no start-up.
  await autocannon({ url: base + path, connections: CONNECTIONS, duration: WARMUP_S, headers });
  const r = await autocannon({ url: base + path, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { rps: Math.round(r.requests.average), p50_ms: r.latency.p50, p99_ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx };
}

const ENDPOINTS = {
  status: `/sweeps/${sweepId}`,
  best: `/sweeps/${sweepId}/best?metric=valError`,
  best_last_epoch: `/sweeps/${sweepId}/best?metric=valError&strategy=last-epoch`,
};

await migrate(url);
const sql = new pg.Client({ connectionString: url });
await sql.connect();
const db = createDb(url, { poolSize: 1 });
const results: Record<string, { auth: Figures; noAuth: Figures }> = {};
try {
  const seeded = await seed(sql);
  const { key } = await createApiKey(db, { project: DEFAULT_PROJECT_NAME, role: 'read', name: 'bench' });
  console.log(`database: ${seeded.trials} trials, ${seeded.epochs} epoch rows (seeded in ${Math.round(seeded.ms)} ms)`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per endpoint and mode after ${WARMUP_S} s of warm-up, 127.0.0.1`);
  // Other work on the machine moves these figures more than anything measured here.
  const load1m = Math.round(loadavg()[0]! * 100) / 100;
  console.log(`machine: ${availableParallelism()} cores, load average ${load1m} at start`);

  const runs: Record<string, Record<string, Figures>> = { required: {}, off: {} };
  for (const mode of ['required', 'off'] as const) {
    const api = await startApi(mode);
    try {
      const headers: Record<string, string> = mode === 'required' ? { authorization: `Bearer ${key}` } : {};
      // Keys are checked: a missing one is refused before the load starts.
      if (mode === 'required' && (await fetch(api.url + ENDPOINTS.status)).status !== 401) throw new Error('auth is not on');
      for (const [name, path] of Object.entries(ENDPOINTS)) runs[mode]![name] = await load(api.url, path, headers);
    } finally {
      await stopApi(api.child);
    }
  }
  for (const name of Object.keys(ENDPOINTS)) results[name] = { auth: runs.required![name]!, noAuth: runs.off![name]! };

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\n${'endpoint'.padEnd(28)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}  | auth off: ${pad('req/s', 7)}${pad('p50', 6)}${pad('p99', 6)} | req/s ratio`);
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${`GET ${name}`.padEnd(28)}${pad(r.auth.rps, 9)}${pad(r.auth.p50_ms, 9)}${pad(r.auth.p99_ms, 9)}  |           ${pad(r.noAuth.rps, 7)}${pad(r.noAuth.p50_ms, 6)}${pad(r.noAuth.p99_ms, 6)} | ${(r.auth.rps / r.noAuth.rps).toFixed(2)}`,
    );
  }
  console.log(
    JSON.stringify({
      bench: 'load',
      trials: seeded.trials,
      epoch_rows: seeded.epochs,
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      cores: availableParallelism(),
      loadavg_1m_at_start: load1m,
      endpoints: Object.fromEntries(
        Object.entries(results).map(([name, r]) => [
          name,
          {
            auth_rps: r.auth.rps,
            auth_p50_ms: r.auth.p50_ms,
            auth_p99_ms: r.auth.p99_ms,
            noauth_rps: r.noAuth.rps,
            noauth_p50_ms: r.noAuth.p50_ms,
            noauth_p99_ms: r.noAuth.p99_ms,
            auth_rps_ratio: Math.round((r.auth.rps / r.noAuth.rps) * 100) / 100,
          },
        ]),
      ),
    }),
  );
} finally {
  await sql.end();
  await db.$disconnect();
  const redis = createRedis(REDIS_URL, 'producer');
  for (const k of await redis.keys(`${prefix}:*`)) await redis.del(k);
  redis.disconnect();
  const admin = new pg.Client({ connectionString: withDatabase(SERVER, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
}
