import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { Db } from '@modelspace/db';
import {
  CONTROL_QUEUE,
  createControlQueue,
  createRedis,
  createTrialQueue,
  enqueueSchedule,
  type QueueNames,
  type ScheduleJobData,
} from '@modelspace/queue';
import { createScheduleProcessor } from './processors/schedule.processor.ts';

/**
 * The scheduler of every sweep, as a consumer of the control queue. Each worker process
 * runs one; jobs are small and idempotent, so which process takes one does not matter.
 */
export interface ControlWorker {
  /** Enqueues a scheduling step for the sweep of a trial that just ended. */
  afterTrial(sweepId: string, trialId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startControlWorker(opts: { redisUrl: string; names: QueueNames; db: Db; publisher: Redis; log: Logger }): Promise<ControlWorker> {
  const connection = createRedis(opts.redisUrl, 'worker');
  const producer = createRedis(opts.redisUrl, 'producer');
  const controlQueue = createControlQueue(producer, opts.names);
  const trialQueue = createTrialQueue(producer, opts.names);
  const processor = createScheduleProcessor({ db: opts.db, trialQueue, controlQueue, redis: opts.publisher, names: opts.names, log: opts.log });
  const worker = new Worker<ScheduleJobData>(CONTROL_QUEUE, processor, { connection, prefix: opts.names.prefix, concurrency: 4 });
  worker.on('failed', (job, err) => opts.log.warn({ jobId: job?.id, err: err.message }, 'schedule job failed'));
  worker.on('error', (err) => opts.log.error({ err }, 'control worker error'));
  await worker.waitUntilReady();
  return {
    async afterTrial(sweepId, trialId) {
      await enqueueSchedule(controlQueue, { sweepId, trigger: `trial ${trialId} ended` }, `${trialId}-${Date.now()}`);
    },
    async close() {
      await worker.close();
      await controlQueue.close();
      await trialQueue.close();
      connection.disconnect();
      producer.disconnect();
    },
  };
}
