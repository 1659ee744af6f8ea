import { pino } from 'pino';
import { loadApiConfig, startApi, type RunningApi } from '@modelspace/api';
import { createTestDatabase, createTestRedis, waitFor, type TestDatabase, type TestRedis } from '../support/services.ts';
import { spawnEntry, type Spawned } from '../support/processes.ts';

/**
 * The real stack for the search e2e tests: the API in this process, worker processes as
 * `npm run worker` starts them, one fresh Postgres database and one BullMQ prefix.
 */
export interface SearchStack {
  database: TestDatabase;
  redis: TestRedis;
  api: RunningApi;
  workers: Spawned[];
  http<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Waits until the sweep is in one of `states`; returns its row. */
  settled(id: string, states: string[], timeoutMs: number): Promise<any>;
  close(): Promise<void>;
}

export async function startSearchStack(label: string, workers: { id: string; concurrency: number }[]): Promise<SearchStack> {
  const database = await createTestDatabase(label);
  const redis = await createTestRedis(label);
  const env = { DATABASE_URL: database.url, QUEUE_PREFIX: redis.prefix };
  const api = await startApi({ ...loadApiConfig({ ...env, API_AUTH: 'off' }), PORT: 0 }, pino({ level: 'silent' }));
  // These tests are about scheduling, not backends: pin the wasm backend, the one every
  // machine here has, so they do not depend on which faster backend happens to be built.
  const spawned = workers.map((w) =>
    spawnEntry('apps/worker/src/main.ts', {
      ...env,
      WORKER_ID: w.id,
      WORKER_CONCURRENCY: String(w.concurrency),
      TRAINER_BACKEND: 'wasm',
      LOG_LEVEL: 'info',
    }),
  );
  await Promise.all(spawned.map((w) => w.waitForOutput('worker ready', 90_000)));

  const http: SearchStack['http'] = async (method, path, body) => {
    const res = await fetch(api.url + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  return {
    database,
    redis,
    api,
    workers: spawned,
    http,
    settled: (id, states, timeoutMs) =>
      waitFor(
        `sweep ${id} to be ${states.join(' or ')}`,
        async () => {
          const s = (await http('GET', `/sweeps/${id}`)).body;
          return states.includes(s.status) && s;
        },
        { timeoutMs, intervalMs: 200 },
      ),
    async close() {
      await Promise.all(spawned.map((w) => w.stop('SIGINT')));
      await api.close();
      await redis.cleanup();
      await database.drop();
    },
  };
}

/** Small, fast training on real MNIST: a few hundred images, one epoch unless told. */
export const TINY_TRAINING = { maxEpochs: 1, patience: 5, batchSize: 32, learningRate: 0.1, trainSubset: 300, valSubset: 200, testSubset: 200, seed: 1 };

/** Every worker's output, for assertion messages. */
export const outputs = (stack: SearchStack) => stack.workers.map((w) => w.output()).join('\n----\n');
