import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { runScheduleStep, type Db } from '@modelspace/db';
import { parseScheduleJob, publishCancel, removeWaitingJobs, syncTrialJobs, type QueueNames, type ScheduleJobData, type TrialQueue } from '@modelspace/queue';

export interface ScheduleProcessorDeps {
  db: Db;
  trialQueue: TrialQueue;
  redis: Redis;
  names: QueueNames;
  log: Logger;
}

/** A control job: one idempotent scheduling step for a sweep, mirrored in the trial queue. */
export function createScheduleProcessor(deps: ScheduleProcessorDeps) {
  return async (job: Job<ScheduleJobData>) => {
    const { sweepId, trigger } = parseScheduleJob(job.data);
    const r = await runScheduleStep(deps.db, sweepId);
    await syncTrialJobs(deps.trialQueue, sweepId, r);
    if (r.cancelledTrialIds.length) {
      await removeWaitingJobs(deps.trialQueue, r.cancelledTrialIds);
      await publishCancel(deps.redis, deps.names, r.cancelledTrialIds);
    }
    deps.log.info({ sweepId, trigger, added: r.addedTrialIds.length, status: r.status }, 'sweep scheduled');
    return { status: r.status, added: r.addedTrialIds.length };
  };
}
