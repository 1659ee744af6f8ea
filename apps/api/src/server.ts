import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createDb, migrate, redactUrl } from '@modelspace/db';
import { createRedis, createTrialQueue } from '@modelspace/queue';
import { toArtifactConfig } from '@modelspace/artifacts';
import { DEFAULT_DATASET_LIMITS } from '@modelspace/core';
import { buildApp } from './app.ts';
import { checkApiConfig, type ApiConfig } from './config.ts';

export interface RunningApi {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Connects to Postgres and Redis, applies migrations, and listens. */
/** `beforeListen`: a last look at the built app before it serves (the test stack adds its contract check there). */
export async function startApi(config: ApiConfig, log: FastifyBaseLogger, opts: { beforeListen?: (app: FastifyInstance) => void } = {}): Promise<RunningApi> {
  checkApiConfig(config); // API_AUTH=off listens on loopback only, whoever built the config
  await migrate(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL, 'producer');
  const queueConnection = createRedis(config.REDIS_URL, 'producer');
  const names = { prefix: config.QUEUE_PREFIX };
  const trialQueue = createTrialQueue(queueConnection, names, { attempts: config.TRIAL_ATTEMPTS, backoffMs: config.TRIAL_BACKOFF_MS });
  const app = await buildApp(
    { db, trialQueue, redis, names, artifacts: toArtifactConfig(config), datasetLimits: { ...DEFAULT_DATASET_LIMITS, maxFileBytes: config.DATASET_MAX_FILE_BYTES } },
    {
      logger: log,
      bodyLimit: config.BODY_LIMIT_BYTES,
      auth: config.API_AUTH,
      // Limits are per key: with no keys (local use) there is nothing to count by.
      rateLimitPerMinute: config.API_AUTH === 'off' ? 0 : config.RATE_LIMIT_PER_MINUTE,
      limits: {
        maxDepth: config.BODY_MAX_DEPTH,
        maxAliases: config.YAML_MAX_ALIASES,
        maxVariantsPerSweep: config.MAX_VARIANTS_PER_SWEEP,
        maxGridSize: config.MAX_GRID_SIZE,
      },
    },
  );
  opts.beforeListen?.(app);
  const url = await app.listen({ port: config.PORT, host: config.HOST });
  log.info({ database: redactUrl(config.DATABASE_URL), queuePrefix: names.prefix, auth: config.API_AUTH }, `API listening on ${url}`);
  if (config.API_AUTH === 'off') log.warn('API_AUTH=off: no API keys; every request acts as a write key of the default project (loopback only)');
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
