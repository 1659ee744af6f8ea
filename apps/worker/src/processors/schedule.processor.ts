import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { runScheduleStep, type Db } from '@modelspace/db';
import {
  applyScheduleResult,
  clearPendingStep,
  deadlineJobId,
  parseScheduleJob,
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
    const onPublishError = (err: unknown) => deps.log.warn({ err, sweepId }, 'sweep end event not published');
    // The deadline step it may add is a no-op when it is this very job (same job id).
    await applyScheduleResult({ ...deps, onPublishError }, sweepId, r);
    // This very job is the deadline step, yet this process's clock says it is early
    // (clocks of machines differ): fail it so BullMQ retries it after a backoff.
    if (r.deadline && job.id === deadlineJobId(sweepId, r.deadline)) throw new Error(`time budget deadline ${r.deadline.toISOString()} not reached on this clock yet`);
    deps.log.info({ sweepId, trigger, added: r.addedTrialIds.length, dropped: r.cancelledTrialIds.length, status: r.status }, 'sweep scheduled');
    return { status: r.status, added: r.addedTrialIds.length };
  };
}
