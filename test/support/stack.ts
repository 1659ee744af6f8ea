import { pino } from 'pino';
import { loadApiConfig, startApi, type RunningApi } from '@modelspace/api';
import { createTestDatabase, createTestRedis, REDIS_URL, waitFor, type TestDatabase, type TestRedis } from './services.ts';
import { spawnEntry, type Spawned } from './processes.ts';
import { checkResponsesAgainstDocument, type ContractCheck } from './contract-check.ts';

/**
 * The whole stack as the tests and benches run it: a database and a Redis prefix of its own,
 * `apis` API instances in this process (no keys; several share the database and prefix, as
 * instances behind a load balancer do) and worker processes as `npm run worker` runs them.
 * Every answer of its APIs is checked against the OpenAPI document (contract-check.ts).
 */
export interface Stack {
  database: TestDatabase;
  redis: TestRedis;
  /** The first API instance. */
  api: RunningApi;
  apis: RunningApi[];
  /** What the APIs and every worker get: the database, the Redis URL and prefix, the stack's settings. */
  env: Record<string, string>;
  /** Every worker spawned so far, in order (stopped ones included). */
  workers: Spawned[];
  /** Spawns a worker (`entry`, WORKER_ID=`id`, `env` over the stack's); does not wait for it. */
  spawnWorker(id: string, env?: Record<string, string>): Spawned;
  /** A JSON request to API instance `api` (0: the first); the body parsed when it is JSON. */
  http<T = any>(method: string, path: string, body?: unknown, api?: number): Promise<{ status: number; body: T }>;
  /** Waits until the sweep is in one of `states`; returns it as GET /sweeps/:id does. */
  settled(id: string, states: string[], timeoutMs: number): Promise<any>;
  /** Every worker's output, for assertion messages. */
  outputs(): string;
  /** Stops every worker with `signal` (default SIGINT), then the APIs, then drops the data. */
  close(signal?: NodeJS.Signals): Promise<void>;
}

export interface StackOptions {
  /** Names the database and the prefix. */
  label: string;
  /** Settings for the APIs and every worker. */
  env?: Record<string, string>;
  /** API instances in this process (default 1). */
  apis?: number;
  /** Workers started with the stack, each waited for until it says 'worker ready'. */
  workers?: Array<{ id: string; env?: Record<string, string> }>;
  /** The worker processes' entry point (default the real worker). */
  entry?: string;
  readyTimeoutMs?: number;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const database = await createTestDatabase(opts.label);
  const redis = await createTestRedis(opts.label);
  const env = { DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: redis.prefix, ...opts.env };
  const entry = opts.entry ?? 'apps/worker/src/main.ts';
  const apis: RunningApi[] = [];
  const workers: Spawned[] = [];
  const contracts: ContractCheck[] = [];
  const close = async (signal: NodeJS.Signals = 'SIGINT') => {
    await Promise.all(workers.map((w) => w.stop(signal)));
    for (const api of apis) await api.close();
    await redis.cleanup();
    await database.drop();
    // After the cleanup, so a drifted document never leaves a database behind.
    const violations = [...new Set(contracts.flatMap((c) => c.violations))];
    if (violations.length) throw new Error(`answers that do not match the OpenAPI document:\n${violations.join('\n')}`);
  };
  const spawnWorker = (id: string, extra: Record<string, string> = {}) => {
    const worker = spawnEntry(entry, { ...env, WORKER_ID: id, ...extra });
    workers.push(worker);
    return worker;
  };
  try {
    // Each API's answers are checked against its OpenAPI document, as the test app's are: close() fails on a mismatch.
    for (let i = 0; i < (opts.apis ?? 1); i++) {
      apis.push(
        await startApi({ ...loadApiConfig({ ...env, API_AUTH: 'off' }), PORT: 0 }, pino({ level: 'silent' }), {
          beforeListen: (app) => contracts.push(checkResponsesAgainstDocument(app)),
        }),
      );
    }
    const ready = (opts.workers ?? []).map((w) => spawnWorker(w.id, w.env));
    await Promise.all(ready.map((w) => w.waitForOutput('worker ready', opts.readyTimeoutMs ?? 90_000)));
  } catch (err) {
    // Leave nothing open behind a failed start, or the test process never exits.
    await close('SIGKILL');
    throw err;
  }
  const http: Stack['http'] = async (method, path, body, api = 0) => {
    const res = await fetch(apis[api]!.url + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text as any }; // not JSON: the text
    }
  };
  return {
    database,
    redis,
    api: apis[0]!,
    apis,
    env,
    workers,
    spawnWorker,
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
    outputs: () => workers.map((w) => w.output()).join('\n----\n'),
    close,
  };
}

/** Runs `fn` on a stack started with `opts`, then stops it and drops its data (benches). */
export async function withStack<T>(opts: StackOptions, fn: (stack: Stack) => Promise<T>): Promise<T> {
  const stack = await startStack(opts);
  // An interrupted bench (Ctrl-C, a timeout's SIGTERM) must not leave its workers training in
  // the background: without this, Node exits at once and the worker processes live on.
  const interrupted = (signal: NodeJS.Signals) => {
    // SIGKILL: a worker told SIGINT would finish its epoch first, minutes on a full-budget bench.
    void stack.close('SIGKILL').finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    return await fn(stack);
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    await stack.close();
  }
}

/**
 * A bench's stack: `workers` processes of `entry` with `concurrency` slots each, ready before
 * the bench starts; no artifacts kept, and quiet logs but for the workers' start.
 */
export function benchStack(o: { label: string; entry?: string; workers: number; concurrency: number; readyTimeoutMs: number }): StackOptions {
  return {
    label: o.label,
    entry: o.entry,
    readyTimeoutMs: o.readyTimeoutMs,
    env: { ARTIFACT_STORE: 'none', LOG_LEVEL: 'warn' },
    workers: Array.from({ length: o.workers }, (_, i) => ({ id: `${o.label}-${i}`, env: { LOG_LEVEL: 'info', WORKER_CONCURRENCY: String(o.concurrency) } })),
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

/** Small, fast training on real MNIST: a few hundred images, one epoch unless told. */
export const TINY_TRAINING = { maxEpochs: 1, patience: 5, batchSize: 32, learningRate: 0.1, trainSubset: 300, valSubset: 200, testSubset: 200, seed: 1 };

/** A worker with two slots (one per core of a 2-core machine), logging at info. */
export const twoSlotWorker = (id: string) => ({ id, env: { WORKER_CONCURRENCY: '2', LOG_LEVEL: 'info' } });

/** A worker as the search tests run it: `concurrency` slots, on wasm (the backend every machine here has; the tests are about scheduling, not backends). */
export const searchWorker = (id: string, concurrency: number) => ({ id, env: { WORKER_CONCURRENCY: String(concurrency), TRAINER_BACKEND: 'wasm', LOG_LEVEL: 'info' } });
