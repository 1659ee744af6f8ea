import { QueueEvents, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { NOTHING_NEW_REASON } from '@modelspace/core';
import { failLostTrial, settleTrialEnd, type Db } from '@modelspace/db';
import {
  CONTROL_QUEUE,
  createControlQueue,
  createRedis,
  createTrialQueue,
  enqueueSchedule,
  enqueueScheduleCoalesced,
  quietOnOutage,
  type QueueNames,
  type ScheduleJobData,
  type TrialRetryPolicy,
} from '@modelspace/queue';
import { createScheduleProcessor } from './processors/schedule.processor.ts';

/**
 * The scheduler of every sweep, as a consumer of the control queue. Each worker process
 * runs one; jobs are small and idempotent, so which process takes one does not matter.
 */
export interface ControlWorker {
  /**
   * Settles the sweep of a trial that just ended: ends it if that was its last trial, or
   * enqueues a scheduling step (one pending per sweep) when the sweep needs one.
   */
  afterTrial(sweepId: string, trialId: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export async function startControlWorker(opts: {
  redisUrl: string;
  names: QueueNames;
  db: Db;
  publisher: Redis;
  log: Logger;
  /** The trial queues this process takes jobs from (its pools', its programs'): it watches them for lost jobs. */
  queues: string[];
  /** Attempts and backoff of the trial jobs it enqueues (TRIAL_ATTEMPTS, TRIAL_BACKOFF_MS). */
  retry?: TrialRetryPolicy;
  /** A lost trial's checkpoint files, if checkpoints are kept as files (its row goes with failLostTrial). */
  dropCheckpointFiles?: (trialId: string) => Promise<void>;
}): Promise<ControlWorker> {
  const connection = createRedis(opts.redisUrl, 'worker');
  // Waits out a Redis outage (a scheduling step never enqueued would leave its sweep waiting).
  const producer = createRedis(opts.redisUrl, 'worker');
  const controlQueue = createControlQueue(producer, opts.names);
  const trialQueue = createTrialQueue(producer, opts.names, opts.retry);
  const processor = createScheduleProcessor({ db: opts.db, trialQueue, controlQueue, redis: opts.publisher, names: opts.names, log: opts.log });
  const worker = new Worker<ScheduleJobData>(CONTROL_QUEUE, processor, { connection, prefix: opts.names.prefix, concurrency: 4 });
  worker.on('failed', (job, err) => opts.log.warn({ jobId: job?.id, err: err.message }, 'schedule job failed'));
  worker.on('error', (err) => opts.log.error({ err }, 'control worker error'));
  await worker.waitUntilReady();

  // A trial job that fails without its processor recording the end (it stalled too often:
  // the workers holding it died) must not leave its trial open and its sweep stuck. Every
  // worker process listens; the update is conditional and the step's job id is shared.
  const eventsConnections = opts.queues.map(() => createRedis(opts.redisUrl, 'worker'));
  const trialEvents = opts.queues.map((name, i) => quietOnOutage(new QueueEvents(name, { connection: eventsConnections[i]!, prefix: opts.names.prefix })));
  for (const events of trialEvents) {
    events.on('failed', ({ jobId, failedReason }) => {
      void (async () => {
        const sweepId = await failLostTrial(opts.db, jobId, failedReason);
        if (!sweepId) return;
        await opts.dropCheckpointFiles?.(jobId);
        opts.log.warn({ trialId: jobId, sweepId, reason: failedReason }, 'trial job failed outside training: trial marked failed');
        await enqueueSchedule(controlQueue, { sweepId, trigger: `trial ${jobId} lost` }, `lost-${jobId}`);
      })().catch((err) => opts.log.error({ err, trialId: jobId }, 'could not settle a failed trial job'));
    });
  }
  await Promise.all(trialEvents.map((e) => e.waitUntilReady()));
  return {
    async afterTrial(sweepId, trialId) {
      const settled = await settleTrialEnd(opts.db, sweepId, NOTHING_NEW_REASON);
      if (settled.step) {
        await enqueueScheduleCoalesced(controlQueue, producer, opts.names, { sweepId, trigger: `trial ${trialId} ended` });
        return; // the step may change the status: let the caller read it
      }
      return settled.status ?? undefined;
    },
    async close() {
      await Promise.all(trialEvents.map((e) => e.close()));
      for (const c of eventsConnections) c.disconnect();
      await worker.close();
      await controlQueue.close();
      await trialQueue.close();
      connection.disconnect();
      producer.disconnect();
    },
  };
}
