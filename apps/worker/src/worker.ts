import { availableParallelism, hostname } from 'node:os';
import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { createDb, migrate } from '@modelspace/db';
import {
  announceWorker,
  createRedis,
  retireWorker,
  subscribeCancel,
  TRIAL_QUEUE,
  WORKER_HEARTBEAT_MS,
  type TrialJobData,
} from '@modelspace/queue';
import { loadMnist } from '@modelspace/trainer';
import { toArtifactConfig } from '@modelspace/artifacts';
import type { WorkerConfig } from './config.ts';
import { createTrialProcessor } from './processors/trial.processor.ts';
import { createTrainingPool, type Trainer, type TrainingHandle } from './training-pool.ts';
import { createTrialEvents } from './trial-events.ts';
import { startControlWorker } from './control-worker.ts';

export interface RunningWorker {
  id: string;
  /** Stops taking jobs and waits for running trainings; `force` stops them at once. */
  close(opts?: { force?: boolean }): Promise<void>;
}

export interface WorkerOverrides {
  /** Trains trials instead of the TensorFlow.js thread pool (benchmarks measure the path around training with a trivial one). */
  train?: Trainer;
}

export async function startWorker(config: WorkerConfig, log: Logger, overrides: WorkerOverrides = {}): Promise<RunningWorker> {
  await migrate(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, { poolSize: Math.max(2, config.WORKER_CONCURRENCY + 1) });
  const pool = overrides.train
    ? null
    : createTrainingPool(
        { data: loadMnist({ dir: config.MNIST_DIR, shared: true }), backend: config.TRAINER_BACKEND },
        { maxIdle: config.WORKER_CONCURRENCY },
      );
  const names = { prefix: config.QUEUE_PREFIX };
  const connection = createRedis(config.REDIS_URL, 'worker');
  const subscriber = createRedis(config.REDIS_URL, 'worker');
  const eventsConnection = createRedis(config.REDIS_URL, 'producer');
  const active = new Map<string, TrainingHandle>();
  const unsubscribe = await subscribeCancel(subscriber, names, (trialId) => active.get(trialId)?.stop());

  // The sweep scheduler: control-queue jobs, one enqueued whenever a trial ends.
  const control = await startControlWorker({ redisUrl: config.REDIS_URL, names, db, publisher: eventsConnection, log });
  const processor = createTrialProcessor({
    afterTrial: (sweepId, trialId) => control.afterTrial(sweepId, trialId),
    db,
    train: overrides.train ?? pool!.run,
    workerId: config.WORKER_ID,
    log,
    active,
    artifacts: toArtifactConfig(config),
    events: createTrialEvents(eventsConnection, names, log),
  });
  const worker = new Worker<TrialJobData>(TRIAL_QUEUE, processor, {
    connection,
    prefix: names.prefix,
    concurrency: config.WORKER_CONCURRENCY,
    // Training runs on threads, so the event loop is free to renew locks often.
    lockDuration: 30_000,
    stalledInterval: 30_000,
    maxStalledCount: 2,
  });
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'job failed'));
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  await worker.waitUntilReady();

  // Heartbeat: GET /workers lists this worker until it stops refreshing its key.
  const startedAt = new Date().toISOString();
  const announce = () =>
    announceWorker(connection, names, {
      id: config.WORKER_ID,
      hostname: hostname(),
      pid: process.pid,
      cores: availableParallelism(),
      concurrency: config.WORKER_CONCURRENCY,
      backendPreference: config.TRAINER_BACKEND,
      startedAt,
      lastSeen: new Date().toISOString(),
      runningTrialIds: [...active.keys()],
    }).catch((err) => log.warn({ err: (err as Error).message }, 'heartbeat failed'));
  await announce();
  const heartbeat = setInterval(announce, WORKER_HEARTBEAT_MS);
  log.info(
    { workerId: config.WORKER_ID, concurrency: config.WORKER_CONCURRENCY, queuePrefix: names.prefix },
    'worker ready',
  );

  return {
    id: config.WORKER_ID,
    async close(opts = {}) {
      clearInterval(heartbeat);
      await retireWorker(connection, names, config.WORKER_ID).catch(() => {});
      if (opts.force) for (const handle of active.values()) await handle.kill();
      await worker.close(opts.force);
      await pool?.close();
      await control.close();
      await unsubscribe().catch(() => {});
      subscriber.disconnect();
      eventsConnection.disconnect();
      connection.disconnect();
      await db.$disconnect();
    },
  };
}
