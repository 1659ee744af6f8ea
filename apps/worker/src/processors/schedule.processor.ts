import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { runScheduleStep, type Db } from '@modelspace/db';
import {
  clearPendingStep,
  deadlineJobId,
  enqueueDeadline,
  parseScheduleJob,
  publishCancel,
  publishSweepEndIfFinished,
  removeWaitingJobs,
  syncTrialJobs,
  type ControlQueue,
  type QueueNames,
  type ScheduleJobData,
  type TrialQueue,
} from '@modelspace/queue';

export interface ScheduleProcessorDeps {
  db: Db;
  trialQueue: TrialQueue;
  /** For the delayed step at the sweep's time-budget deadline. */
  controlQueue: ControlQueue;
  redis: Redis;
  names: QueueNames;
  log: Logger;
}

/** A control job: one idempotent scheduling step for a sweep, mirrored in the trial queue. */
export function createScheduleProcessor(deps: ScheduleProcessorDeps) {
  return async (job: Job<ScheduleJobData>) => {
    const { sweepId, trigger } = parseScheduleJob(job.data);
    // Before reading: a trial that ends from now on queues a step of its own.
    await clearPendingStep(deps.redis, deps.names, sweepId);
    const r = await runScheduleStep(deps.db, sweepId);
    await syncTrialJobs(deps.trialQueue, sweepId, r);
    if (r.cancelledTrialIds.length) {
      await removeWaitingJobs(deps.trialQueue, r.cancelledTrialIds);
      await publishCancel(deps.redis, deps.names, r.cancelledTrialIds);
    }
    await publishSweepEndIfFinished(deps.redis, deps.names, sweepId, r.status, (err) => deps.log.warn({ err, sweepId }, 'sweep end event not published'));
    if (r.deadline) {
      // This very job is the deadline step, yet this process's clock says it is early
      // (clocks of machines differ): fail it so BullMQ retries it after a backoff.
      if (job.id === deadlineJobId(sweepId, r.deadline)) throw new Error(`time budget deadline ${r.deadline.toISOString()} not reached on this clock yet`);
      await enqueueDeadline(deps.controlQueue, sweepId, r.deadline);
    }
    deps.log.info({ sweepId, trigger, added: r.addedTrialIds.length, dropped: r.cancelledTrialIds.length, status: r.status }, 'sweep scheduled');
    return { status: r.status, added: r.addedTrialIds.length };
  };
}
