import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { trialClaimant, type Db } from '@modelspace/db';
import { getWorker, WORKER_HEARTBEAT_MS, type QueueNames, type TrialJobData } from '@modelspace/queue';

export interface SingleTrainingDeps {
  db: Db;
  /** The connection the worker announces itself on. */
  redis: Redis;
  names: QueueNames;
  workerId: string;
  /** Trials this process is training now. */
  active: ReadonlyMap<string, unknown>;
  log: Logger;
  /** How long a job whose trial is being trained elsewhere waits before it is looked at again. */
  recheckMs?: number;
}

/**
 * One training of a trial at a time. BullMQ gives a job to another worker when its lock
 * lapses: meant for a worker that died, but a Redis outage longer than the lock (30 s)
 * lapses the lock of a worker that is alive and still training. So before a trial job
 * runs, this asks whether the trial is being trained already: by this process, or by the
 * worker its row names, if that worker's heartbeat (refreshed every few seconds, and at
 * once when Redis comes back) lists it. If so the job waits, delayed without using an
 * attempt, and is looked at again later: by then that training has finished (the trial
 * is no longer claimable and the job is skipped) or its worker has died (its heartbeat
 * is gone and the job trains the trial).
 */
export function singleTraining<R>(
  processor: (job: Job<TrialJobData>, token?: string) => Promise<R>,
  deps: SingleTrainingDeps,
): (job: Job<TrialJobData>, token?: string) => Promise<R> {
  const recheckMs = deps.recheckMs ?? 15_000;
  return async (job, token) => {
    const holder = await trainingHolder(deps, job.data.trialId);
    if (holder) {
      deps.log.warn({ trialId: job.data.trialId, holder }, 'trial is being trained by another job; this one waits');
      await job.moveToDelayed(Date.now() + recheckMs, token);
      throw new DelayedError();
    }
    return processor(job, token);
  };
}

/** The worker training this trial now, or null if none is. */
export async function trainingHolder(deps: Omit<SingleTrainingDeps, 'log' | 'recheckMs'>, trialId: string): Promise<string | null> {
  if (deps.active.has(trialId)) return deps.workerId;
  const row = await trialClaimant(deps.db, trialId);
  // Its own id on a running trial it does not hold: this worker restarted, the old one is gone.
  if (row?.status !== 'running' || !row.workerId || row.workerId === deps.workerId) return null;
  const holds = async () => (await getWorker(deps.redis, deps.names, row.workerId!))?.runningTrialIds.includes(trialId) ?? false;
  if (await holds()) return row.workerId;
  // No heartbeat: the worker died, or Redis was just down and its key expired meanwhile.
  // One heartbeat period tells which.
  await new Promise((r) => setTimeout(r, WORKER_HEARTBEAT_MS + 1_000));
  return (await holds()) ? row.workerId : null;
}
