import { pino } from 'pino';
import { loadApiConfig, startApi } from '@modelspace/api';
import { createDb, migrate, withDatabase, type Db } from '@modelspace/db';
import { spawnEntry, type Spawned } from '../test/support/processes.ts';
import { benchNames, dropBenchState } from './bench-state.ts';

export interface BenchStack {
  /** The API's base URL (in this process, API_AUTH=off). */
  url: string;
  /** A small client on the run's database, for the bench's own reads. */
  db: Db;
  prefix: string;
  workers: Spawned[];
}

/**
 * A whole stack for one bench run: its own database and Redis prefix, the API in this
 * process, and `workers` worker processes of `entry` (each WORKER_CONCURRENCY=`concurrency`),
 * ready before `fn` runs; all of it stopped and dropped afterwards.
 */
export async function withBenchStack<T>(
  opts: { server: string; redisUrl: string; entry: string; workers: number; concurrency: number; idPrefix: string; readyTimeoutMs: number },
  fn: (stack: BenchStack) => Promise<T>,
): Promise<T> {
  const { dbName, prefix } = benchNames();
  const url = withDatabase(opts.server, dbName);
  await migrate(url);
  const env = { DATABASE_URL: url, REDIS_URL: opts.redisUrl, QUEUE_PREFIX: prefix, ARTIFACT_STORE: 'none', LOG_LEVEL: 'warn' };
  const api = await startApi({ ...loadApiConfig({ ...env, API_AUTH: 'off' }), PORT: 0 }, pino({ level: 'silent' }));
  const workers = Array.from({ length: opts.workers }, (_, i) =>
    spawnEntry(opts.entry, { ...env, LOG_LEVEL: 'info', WORKER_ID: `${opts.idPrefix}-${i}`, WORKER_CONCURRENCY: String(opts.concurrency) }),
  );
  const db = createDb(url, { poolSize: 2 });
  try {
    await Promise.all(workers.map((p) => p.waitForOutput('worker ready', opts.readyTimeoutMs)));
    return await fn({ url: api.url, db, prefix, workers });
  } finally {
    await Promise.all(workers.map((p) => p.stop('SIGINT')));
    await api.close();
    await db.$disconnect();
    await dropBenchState(opts.server, opts.redisUrl, { dbName, prefix });
  }
}
