import type { Redis } from 'ioredis';
import type { PoolName } from '@modelspace/core';
import { publishCancel } from './cancel-channel.ts';
import { enqueueDeadline, enqueueDeadlineOn, syncTrialJobs, type ControlQueue } from './control-queue.ts';
import { publishSweepEndIfFinished } from './events.ts';
import { removeWaitingJobs, type QueueNames, type TrialQueue } from './trial-queue.ts';

/** What a scheduling step did (packages/db's ScheduleResult), as far as the queues care. */
export interface ScheduleEffects {
  status: string;
  addedTrialIds: string[];
  queued: { trialId: string; pool: PoolName; program?: string | null }[];
  cancelledTrialIds: string[];
  deadline: Date | null;
}

export interface ScheduleResultDeps {
  trialQueue: TrialQueue;
  /** Publishes cancel notices and the sweep's end. */
  redis: Redis;
  names: QueueNames;
  /** Where the deadline step goes; without one (the API) a queue over `redis` is opened for it. */
  controlQueue?: ControlQueue;
  /** A sweep-end event that could not be published (watchers then learn it from the next read). */
  onPublishError: (err: unknown) => void;
}

/**
 * Mirrors a scheduling step in the queues, the same in the API and the worker: every
 * queued trial has a job, cancelled ones have none (running ones are told to stop), watchers
 * hear that the sweep ended, and a time-budgeted sweep has its deadline step waiting on the
 * control queue (a worker runs it, so the sweep ends on time even if no trial ends).
 */
export async function applyScheduleResult(deps: ScheduleResultDeps, sweepId: string, r: ScheduleEffects): Promise<void> {
  await syncTrialJobs(deps.trialQueue, sweepId, r);
  if (r.cancelledTrialIds.length) {
    await removeWaitingJobs(deps.trialQueue, r.cancelledTrialIds);
    await publishCancel(deps.redis, deps.names, r.cancelledTrialIds);
  }
  await publishSweepEndIfFinished(deps.redis, deps.names, sweepId, r.status, deps.onPublishError);
  if (!r.deadline) return;
  if (deps.controlQueue) await enqueueDeadline(deps.controlQueue, sweepId, r.deadline);
  else await enqueueDeadlineOn(deps.redis, deps.names, sweepId, r.deadline);
}
