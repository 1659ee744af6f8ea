import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { createDb, migrate } from '@modelspace/db';
import { createRedis, subscribeCancel, TRIAL_QUEUE, type TrialJobData } from '@modelspace/queue';
import { loadMnist } from '@modelspace/trainer';
import type { WorkerConfig } from './config.ts';
import { createTrialProcessor } from './processors/trial.processor.ts';
import type { TrainingHandle } from './run-training.ts';

export interface RunningWorker {
  id: string;
  /** Stops taking jobs and waits for running trainings; `force` stops them at once. */
  close(opts?: { force?: boolean }): Promise<void>;
}

export async function startWorker(config: WorkerConfig, log: Logger): Promise<RunningWorker> {
  await migrate(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, { poolSize: Math.max(2, config.WORKER_CONCURRENCY + 1) });
  const data = loadMnist({ dir: config.MNIST_DIR, shared: true });
  const names = { prefix: config.QUEUE_PREFIX };
  const connection = createRedis(config.REDIS_URL, 'worker');
  const subscriber = createRedis(config.REDIS_URL, 'worker');
  const active = new Map<string, TrainingHandle>();
  const unsubscribe = await subscribeCancel(subscriber, names, (trialId) => active.get(trialId)?.stop());

  const processor = createTrialProcessor({
    db,
    data,
    workerId: config.WORKER_ID,
    backend: config.TRAINER_BACKEND,
    log,
    active,
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
  log.info(
    { workerId: config.WORKER_ID, concurrency: config.WORKER_CONCURRENCY, queuePrefix: names.prefix },
    'worker ready',
  );

  return {
    id: config.WORKER_ID,
    async close(opts = {}) {
      if (opts.force) for (const handle of active.values()) await handle.kill();
      await worker.close(opts.force);
      await unsubscribe().catch(() => {});
      subscriber.disconnect();
      connection.disconnect();
      await db.$disconnect();
    },
  };
}
