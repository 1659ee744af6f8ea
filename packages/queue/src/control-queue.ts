import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { PoolName } from '@modelspace/core';
import type { QueueNames, TrialJobRef, TrialQueue } from './trial-queue.ts';
import { enqueueTrials, findTrialJobs, quietOnOutage } from './trial-queue.ts';

/**
 * The control queue: "schedule sweep X" jobs, added when a sweep is created or changed and
 * whenever one of its trials ends. The step they run is idempotent, so a duplicate job or
 * a job retried on another process does no harm.
 */
export const CONTROL_QUEUE = 'control';

export const ScheduleJobData = z.strictObject({
  sweepId: z.uuid(),
  /** What caused it: "created", "trial <id> ended", "resumed"... (logs only). */
  trigger: z.string().max(200),
});
export type ScheduleJobData = z.infer<typeof ScheduleJobData>;

export type ControlQueue = Queue<ScheduleJobData, unknown, 'schedule'>;

export function createControlQueue(connection: Redis, names: QueueNames): ControlQueue {
  return quietOnOutage(new Queue<ScheduleJobData, unknown, 'schedule'>(CONTROL_QUEUE, { connection, prefix: names.prefix }));
}

export async function enqueueSchedule(queue: ControlQueue, data: ScheduleJobData, key: string = randomUUID()): Promise<void> {
  await queue.add('schedule', ScheduleJobData.parse(data), {
    // One job per trigger: a retried trigger (same key) is not scheduled twice.
    jobId: `schedule-${data.sweepId}-${key}`.replaceAll(':', '-'),
    attempts: 5,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 24 * 3600 },
  });
}

/** A sweep's "a step is pending" mark (see enqueueScheduleCoalesced). */
export function pendingStepKey(names: QueueNames, sweepId: string): string {
  return `${names.prefix}:schedule-pending:${sweepId}`;
}
/** Bounds how long a lost mark (its job never ran) can hold back the next step. */
const PENDING_STEP_TTL_MS = 60_000;

/**
 * One pending step per sweep, however many trials end at once: the first trigger sets the
 * sweep's mark and adds a job; later triggers see the mark and add nothing. The step clears
 * the mark before it reads the database (clearPendingStep), so a trial that ended before
 * the clear is seen by that step and one that ended after it adds a new job: no end is
 * missed. Returns whether a job was added.
 */
export async function enqueueScheduleCoalesced(queue: ControlQueue, redis: Redis, names: QueueNames, data: ScheduleJobData): Promise<boolean> {
  const key = pendingStepKey(names, data.sweepId);
  if ((await redis.set(key, '1', 'PX', PENDING_STEP_TTL_MS, 'NX')) !== 'OK') return false;
  try {
    await enqueueSchedule(queue, data);
  } catch (err) {
    await redis.del(key).catch(() => {});
    throw err;
  }
  return true;
}

export async function clearPendingStep(redis: Redis, names: QueueNames, sweepId: string): Promise<void> {
  await redis.del(pendingStepKey(names, sweepId));
}

export const DEADLINE_TRIGGER = 'time budget deadline';

/**
 * A delayed scheduling step at the moment a sweep's time budget runs out, so the sweep
 * ends then even if no trial ends (its trials may all be waiting for a busy worker). The
 * job id names the deadline: adding it again is a no-op, and a deadline moved by PATCH
 * gets its own job (the old one runs a harmless step).
 */
export async function enqueueDeadline(queue: ControlQueue, sweepId: string, deadline: Date, now = Date.now()): Promise<void> {
  await queue.add('schedule', ScheduleJobData.parse({ sweepId, trigger: DEADLINE_TRIGGER }), {
    jobId: deadlineJobId(sweepId, deadline),
    delay: Math.max(0, deadline.getTime() - now),
    attempts: 5,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 24 * 3600 },
  });
}

export function deadlineJobId(sweepId: string, deadline: Date): string {
  return `schedule-${sweepId}-deadline-${deadline.getTime()}`;
}

/**
 * The same, for a process that holds no control queue of its own (the API): a queue over
 * the given connection, closed again at once (the shared connection stays open).
 */
export async function enqueueDeadlineOn(connection: Redis, names: QueueNames, sweepId: string, deadline: Date): Promise<void> {
  const queue = createControlQueue(connection, names);
  try {
    await enqueueDeadline(queue, sweepId, deadline);
  } finally {
    await queue.close();
  }
}

export function parseScheduleJob(data: unknown): ScheduleJobData {
  return ScheduleJobData.parse(data);
}

/**
 * Makes the job queues match the database after a scheduling step: every queued trial has
 * a job in its pool's queue (a job left finished by a paused sweep is replaced), cancelled
 * ones have none.
 */
export async function syncTrialJobs(
  queue: TrialQueue,
  sweepId: string,
  r: { queued: { trialId: string; pool: PoolName; program?: string | null }[]; cancelledTrialIds: string[]; addedTrialIds?: string[] },
): Promise<void> {
  // Trials this step created have no job yet: only the older ones are looked up.
  const added = new Set(r.addedTrialIds ?? []);
  const found = await findTrialJobs(
    queue,
    r.queued.filter((t) => !added.has(t.trialId)).map((t) => t.trialId),
  );
  const missing: TrialJobRef[] = [];
  for (const { trialId, pool, program } of r.queued) {
    const f = found.get(trialId);
    if (f && f.state !== 'completed' && f.state !== 'failed') continue;
    if (f) await f.job.remove().catch(() => {});
    missing.push({ trialId, sweepId, pool, program: program ?? null });
  }
  if (missing.length) await enqueueTrials(queue, missing);
}
