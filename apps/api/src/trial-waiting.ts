import type { Redis } from 'ioredis';
import type { PoolName } from '@modelspace/core';
import { listWorkers, poolWaitingReason, type QueueNames } from '@modelspace/queue';

/**
 * Trials as the API shows them: a queued one says what it waits for ("waiting for a gpu
 * worker: none online"), from the live workers' heartbeats, so no trial pends silently.
 */
export async function withWaitingReasons<T extends { status: string; pool: string }>(
  deps: { redis: Redis; names: QueueNames },
  trials: T[],
): Promise<(T & { waitingReason: string | null })[]> {
  const workers = trials.some((t) => t.status === 'queued') ? await listWorkers(deps.redis, deps.names) : [];
  return trials.map((t) => ({ ...t, waitingReason: t.status === 'queued' ? poolWaitingReason(t.pool as PoolName, workers) : null }));
}
