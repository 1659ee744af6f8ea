import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildApp, type ApiDeps, type BuildOptions } from '@modelspace/api';
import { createTrialQueue, type TrialQueue } from '@modelspace/queue';
import { checkResponsesAgainstDocument } from './contract-check.ts';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from './services.ts';

/**
 * The API app (driven through inject()) on its own real database and BullMQ prefix, with no
 * worker: every job it enqueues stays where a test can inspect it. Every answer is checked
 * against the app's OpenAPI document (contract-check.ts); close() fails if one did not match.
 */
export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  redis: TestRedis;
  queue: TrialQueue;
  close(): Promise<void>;
}

/** `opts` reach buildApp: `{ auth: 'required' }` asks for API keys, as `npm run api` does. */
export async function createTestApp(label: string, opts: Omit<BuildOptions, 'logger'> = {}, extra: Pick<ApiDeps, 'artifacts' | 'datasetLimits'> = {}): Promise<TestApp> {
  const database = await createTestDatabase(label);
  const redis = await createTestRedis(label);
  const names = { prefix: redis.prefix };
  const queueConnection: Redis = redis.redis.duplicate();
  const queue = createTrialQueue(queueConnection, names);
  const app = await buildApp({ db: database.db, trialQueue: queue, redis: redis.redis, names, ...extra }, opts);
  const contract = checkResponsesAgainstDocument(app);
  return {
    app,
    database,
    redis,
    queue,
    async close() {
      await app.close();
      await queue.close();
      queueConnection.disconnect();
      await redis.cleanup();
      await database.drop();
      // After the cleanup, so a drifted document never leaves a database behind.
      if (contract.violations.length) {
        throw new Error(`answers that do not match the OpenAPI document:\n${[...new Set(contract.violations)].join('\n')}`);
      }
    },
  };
}
