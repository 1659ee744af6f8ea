import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildApp, type BuildOptions } from '@modelspace/api';
import { createTrialQueue, type TrialQueue } from '@modelspace/queue';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from './services.ts';

/**
 * The API app (driven through inject()) on its own real database and BullMQ prefix, with no
 * worker: every job it enqueues stays where a test can inspect it.
 */
export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  redis: TestRedis;
  queue: TrialQueue;
  close(): Promise<void>;
}

/** `opts` reach buildApp: `{ auth: 'required' }` asks for API keys, as `npm run api` does. */
export async function createTestApp(label: string, opts: Omit<BuildOptions, 'logger'> = {}): Promise<TestApp> {
  const database = await createTestDatabase(label);
  const redis = await createTestRedis(label);
  const names = { prefix: redis.prefix };
  const queueConnection: Redis = redis.redis.duplicate();
  const queue = createTrialQueue(queueConnection, names);
  const app = await buildApp({ db: database.db, trialQueue: queue, redis: redis.redis, names }, opts);
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
    },
  };
}
