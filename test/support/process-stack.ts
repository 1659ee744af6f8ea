import { pino } from 'pino';
import { loadApiConfig, startApi, type RunningApi } from '@modelspace/api';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from './services.ts';
import { spawnEntry, type Spawned } from './processes.ts';

/**
 * The real stack of the distribution tests: an API in this process (no keys) and worker
 * processes as `npm run worker` runs them, on a database and a Redis prefix of their own.
 */
export interface ProcessStack {
  database: TestDatabase;
  redis: TestRedis;
  api: RunningApi;
  /** What the API and every worker get: the database, the prefix, and the test's settings. */
  env: Record<string, string>;
  /** Every worker spawned so far, in order (killed ones included). */
  workers: Spawned[];
  spawnWorker(id: string, env?: Record<string, string>): Spawned;
  /** Stops every worker with `signal` (default SIGINT), then the API, then drops the data. */
  close(signal?: NodeJS.Signals): Promise<void>;
}

export async function startProcessStack(label: string, settings: Record<string, string> = {}): Promise<ProcessStack> {
  const database = await createTestDatabase(label);
  const redis = await createTestRedis(label);
  const env = { DATABASE_URL: database.url, QUEUE_PREFIX: redis.prefix, ...settings };
  const api = await startApi({ ...loadApiConfig({ ...env, API_AUTH: 'off' }), PORT: 0 }, pino({ level: 'silent' }));
  const workers: Spawned[] = [];
  return {
    database,
    redis,
    api,
    env,
    workers,
    spawnWorker(id, extra = {}) {
      const worker = spawnEntry('apps/worker/src/main.ts', { ...env, WORKER_ID: id, ...extra });
      workers.push(worker);
      return worker;
    },
    async close(signal = 'SIGINT') {
      await Promise.all(workers.map((w) => w.stop(signal)));
      await api.close();
      await redis.cleanup();
      await database.drop();
    },
  };
}
