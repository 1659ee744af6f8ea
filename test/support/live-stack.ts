import { pino } from 'pino';
import { loadApiConfig, startApi, type RunningApi } from '@modelspace/api';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from './services.ts';
import { spawnEntry, type Spawned } from './processes.ts';

/**
 * The real stack for end-to-end tests of watching: `apis` API instances in this process
 * (sharing one Postgres database and one Redis prefix, as instances behind a load balancer
 * do) and one worker process, as `npm run worker` runs it.
 */
export interface LiveStack {
  database: TestDatabase;
  redis: TestRedis;
  apis: RunningApi[];
  worker: Spawned;
  env: Record<string, string>;
  http<T = any>(method: string, path: string, body?: unknown, api?: number): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** `env`: more settings for both the APIs and the worker (e.g. a shared ARTIFACT_DIR). */
export async function startLiveStack(label: string, opts: { apis?: number; concurrency?: number; env?: Record<string, string> } = {}): Promise<LiveStack> {
  const database = await createTestDatabase(label);
  const redis = await createTestRedis(label);
  const env = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: redis.prefix, ...opts.env };
  const apis: RunningApi[] = [];
  let worker: Spawned | undefined;
  try {
    for (let i = 0; i < (opts.apis ?? 1); i++) apis.push(await startApi({ ...loadApiConfig({ API_AUTH: 'off', ...env }), PORT: 0 }, pino({ level: 'silent' })));
    worker = spawnEntry('apps/worker/src/main.ts', {
      ...env,
      WORKER_CONCURRENCY: String(opts.concurrency ?? 2), // one per core of a 2-core machine
      WORKER_ID: `${label}-worker`,
      LOG_LEVEL: 'info',
    });
    await worker.waitForOutput('worker ready', 60_000);
  } catch (err) {
    // Leave nothing open behind a failed start, or the test process never exits.
    await worker?.stop('SIGKILL');
    for (const api of apis) await api.close();
    await redis.cleanup();
    await database.drop();
    throw err;
  }
  return {
    database,
    redis,
    apis,
    worker: worker!,
    env,
    async http(method, path, body, api = 0) {
      const res = await fetch(apis[api]!.url + path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed: any = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed };
    },
    async close() {
      await worker.stop('SIGINT');
      for (const api of apis) await api.close();
      await redis.cleanup();
      await database.drop();
    },
  };
}

/** Two variants small enough to train in seconds on real MNIST, with `epochs` epochs per trial. */
export function tinySweep(name: string, epochs = 2, extra: { training?: object; budget?: object } = {}) {
  return {
    name,
    training: { maxEpochs: epochs, patience: 10, batchSize: 32, learningRate: 0.05, trainSubset: 600, valSubset: 200, testSubset: 300, seed: 3, ...extra.training },
    ...(extra.budget ? { budget: extra.budget } : {}),
    variants: [
      // Dense models only: seconds per trial, and the watch path is what these tests are about.
      { name: 'softmax', model: { kind: 'softmax' } },
      { name: 'logistic', model: { kind: 'logistic' } },
    ],
  };
}
