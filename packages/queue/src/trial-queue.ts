import { Queue, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** The job catalog entry for training one trial. The job id is the trial id. */
export const TRIAL_QUEUE = 'trials';

export const TrialJobData = z.strictObject({
  trialId: z.uuid(),
  sweepId: z.uuid(),
});
export type TrialJobData = z.infer<typeof TrialJobData>;

/** Progress reported while training: the epoch just finished, out of the maximum. */
export interface TrialJobProgress {
  epoch: number;
  maxEpochs: number;
  valError: number;
}

export const TRIAL_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  // Keep finished jobs for a while for operators; Postgres is the record.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export interface QueueNames {
  /** BullMQ key prefix: isolates deployments (and test runs) sharing one Redis. */
  prefix: string;
}

export const DEFAULT_QUEUE_PREFIX = 'modelspace';

export type TrialQueue = Queue<TrialJobData, unknown, 'train'>;

export function createTrialQueue(connection: Redis, names: QueueNames): TrialQueue {
  return new Queue<TrialJobData, unknown, 'train'>(TRIAL_QUEUE, { connection, prefix: names.prefix });
}

/**
 * Enqueues one job per trial, jobId = trial id: adding the same trial twice is a no-op
 * in BullMQ, so a retried request never trains a trial twice.
 */
export async function enqueueTrials(queue: TrialQueue, jobs: TrialJobData[]): Promise<void> {
  await queue.addBulk(
    jobs.map((data) => ({
      name: 'train' as const,
      data: TrialJobData.parse(data),
      opts: { ...TRIAL_JOB_OPTIONS, jobId: data.trialId },
    })),
  );
}

/**
 * Removes the jobs of these trials that have not started. Active (locked) jobs cannot be
 * removed; their workers see the trial cancelled and stop.
 */
export async function removeWaitingJobs(queue: TrialQueue, trialIds: string[]): Promise<number> {
  let removed = 0;
  for (const id of trialIds) {
    const job: Job | undefined = await queue.getJob(id);
    if (!job) continue;
    const state = await job.getState();
    if (state === 'active') continue;
    try {
      await job.remove();
      removed += 1;
    } catch {
      // It became active between the check and the removal: the worker will stop it.
    }
  }
  return removed;
}

export function parseTrialJob(data: unknown): TrialJobData {
  return TrialJobData.parse(data);
}
