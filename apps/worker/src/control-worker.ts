import { QueueEvents, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { failLostTrial, type Db } from '@modelspace/db';
import {
  CONTROL_QUEUE,
  createControlQueue,
  createRedis,
  createTrialQueue,
  enqueueSchedule,
  TRIAL_QUEUE,
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

  // A trial job that fails without its processor recording the end (it stalled too often:
  // the workers holding it died) must not leave its trial open and its sweep stuck. Every
  // worker process listens; the update is conditional and the step's job id is shared.
  const eventsConnection = createRedis(opts.redisUrl, 'worker');
  const trialEvents = new QueueEvents(TRIAL_QUEUE, { connection: eventsConnection, prefix: opts.names.prefix });
  trialEvents.on('failed', ({ jobId, failedReason }) => {
    void (async () => {
      const sweepId = await failLostTrial(opts.db, jobId, failedReason);
      if (!sweepId) return;
      opts.log.warn({ trialId: jobId, sweepId, reason: failedReason }, 'trial job failed outside training: trial marked failed');
      await enqueueSchedule(controlQueue, { sweepId, trigger: `trial ${jobId} lost` }, `lost-${jobId}`);
    })().catch((err) => opts.log.error({ err, trialId: jobId }, 'could not settle a failed trial job'));
  });
  await trialEvents.waitUntilReady();
  return {
    async afterTrial(sweepId, trialId) {
      await enqueueSchedule(controlQueue, { sweepId, trigger: `trial ${trialId} ended` }, `${trialId}-${Date.now()}`);
    },
    async close() {
      await trialEvents.close();
      eventsConnection.disconnect();
      await worker.close();
      await controlQueue.close();
      await trialQueue.close();
      connection.disconnect();
      producer.disconnect();
    },
  };
}
