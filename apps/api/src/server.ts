import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createDb, migrate, redactUrl } from '@modelspace/db';
import { createRedis, createTrialQueue } from '@modelspace/queue';
import { toArtifactConfig } from '@modelspace/artifacts';
import { buildApp } from './app.ts';
import type { ApiConfig } from './config.ts';

export interface RunningApi {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Connects to Postgres and Redis, applies migrations, and listens. */
export async function startApi(config: ApiConfig, log: FastifyBaseLogger): Promise<RunningApi> {
  await migrate(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL, 'producer');
  const queueConnection = createRedis(config.REDIS_URL, 'producer');
  const names = { prefix: config.QUEUE_PREFIX };
  const trialQueue = createTrialQueue(queueConnection, names);
  const app = await buildApp({ db, trialQueue, redis, names, artifacts: toArtifactConfig(config) }, { logger: log, bodyLimit: config.BODY_LIMIT_BYTES });
  const url = await app.listen({ port: config.PORT, host: config.HOST });
  log.info({ database: redactUrl(config.DATABASE_URL), queuePrefix: names.prefix }, `API listening on ${url}`);
  return {
    app,
    url,
    async close() {
      await app.close();
      await trialQueue.close();
      queueConnection.disconnect();
      redis.disconnect();
      await db.$disconnect();
    },
  };
}
