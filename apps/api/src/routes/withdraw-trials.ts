import { publishCancel, removeWaitingJobs, type QueueNames, type TrialQueue } from '@modelspace/queue';
import type { Redis } from 'ioredis';

/**
 * After a cancel or stop has closed trials in Postgres: removes their waiting jobs and
 * tells the workers training them to stop. Best-effort: the change is recorded already; a
 * job left behind is skipped when a worker takes it (a closed trial cannot be claimed),
 * and a running trial sees the change at its next epoch. So while Redis is down the
 * request still succeeds. Returns how many jobs were removed.
 */
export async function withdrawTrials(
  deps: { trialQueue: TrialQueue; redis: Redis; names: QueueNames },
  trialIds: string[],
  log: { warn(obj: object, msg: string): void },
): Promise<number> {
  try {
    const removed = await removeWaitingJobs(deps.trialQueue, trialIds);
    await publishCancel(deps.redis, deps.names, trialIds);
    return removed;
  } catch (err) {
    log.warn({ err: (err as Error).message, trials: trialIds.length }, 'job queue unavailable: the closed trials keep their jobs, which workers will skip');
    return 0;
  }
}
