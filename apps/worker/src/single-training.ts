import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { trialClaimant, type Db } from '@modelspace/db';
import { HEARTBEAT_STALE_MS, WORKER_HEARTBEAT_MS, workerHeartbeat, type QueueNames, type TrialJobData } from '@modelspace/queue';

export interface SingleTrainingDeps {
  db: Db;
  /** The connection the worker announces itself on. */
  redis: Redis;
  names: QueueNames;
  workerId: string;
  /** Trials this process is training now. */
  active: ReadonlyMap<string, unknown>;
  log: Logger;
  /** At most this long a job whose trial is being trained elsewhere waits before it is looked at again (default: until the holder's heartbeat would go stale). */
  recheckMs?: number;
}

/**
 * One training of a trial at a time. BullMQ gives a job to another worker when its lock
 * lapses: meant for a worker that died, but a Redis outage longer than the lock lapses the
 * lock of a worker that is alive and still training. So before a trial job runs, this asks
 * whether the trial is being trained already: by this process, or by the worker its row
 * names, if that worker's heartbeat lists it and is fresh (refreshed every
 * WORKER_HEARTBEAT_MS, and at once when Redis comes back). If so the job waits, delayed
 * without using an attempt, until that heartbeat would go stale: by then that training has
 * finished (the trial is no longer claimable and the job is skipped) or its worker is dead,
 * paused or cut off, and the job trains the trial. Taking over from a worker that is only
 * paused or cut off is safe: the claim fence refuses everything it writes afterwards.
 */
export function singleTraining<R>(
  processor: (job: Job<TrialJobData>, token?: string) => Promise<R>,
  deps: SingleTrainingDeps,
): (job: Job<TrialJobData>, token?: string) => Promise<R> {
  return async (job, token) => {
    const holder = await trainingHolding(deps, job.data.trialId);
    if (holder) {
      const waitMs = Math.min(deps.recheckMs ?? Number.POSITIVE_INFINITY, holder.staleInMs + 500);
      deps.log.warn({ trialId: job.data.trialId, holder: holder.workerId, waitMs }, 'trial is being trained by another job; this one waits');
      await job.moveToDelayed(Date.now() + waitMs, token);
      throw new DelayedError();
    }
    return processor(job, token);
  };
}

/** The worker training this trial now, or null if none is. */
export async function trainingHolder(deps: Omit<SingleTrainingDeps, 'log' | 'recheckMs'>, trialId: string): Promise<string | null> {
  return (await trainingHolding(deps, trialId))?.workerId ?? null;
}

/** Who trains this trial now and how soon its heartbeat goes stale if it stops beating; null if no one does. */
async function trainingHolding(deps: Omit<SingleTrainingDeps, 'log' | 'recheckMs'>, trialId: string): Promise<{ workerId: string; staleInMs: number } | null> {
  if (deps.active.has(trialId)) return { workerId: deps.workerId, staleInMs: WORKER_HEARTBEAT_MS };
  const row = await trialClaimant(deps.db, trialId);
  // Its own id on a running trial it does not hold: this worker restarted, the old one is gone.
  if (row?.status !== 'running' || !row.workerId || row.workerId === deps.workerId) return null;
  const holds = async () => {
    const beat = await workerHeartbeat(deps.redis, deps.names, row.workerId!);
    if (!beat?.worker.runningTrialIds.includes(trialId) || beat.ageMs > HEARTBEAT_STALE_MS) return null;
    return { workerId: row.workerId!, staleInMs: HEARTBEAT_STALE_MS - beat.ageMs };
  };
  const now = await holds();
  if (now) return now;
  // No fresh heartbeat: the worker died (or is paused or cut off), or Redis was just down and
  // its key expired meanwhile; a worker announces itself the moment Redis is back, so one
  // heartbeat period tells which.
  await new Promise((r) => setTimeout(r, WORKER_HEARTBEAT_MS + 500));
  return holds();
}
