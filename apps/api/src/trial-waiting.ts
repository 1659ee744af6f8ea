import type { Redis } from 'ioredis';
import { programOf, type PoolName } from '@modelspace/core';
import { listWorkers, trialWaitingReason, type QueueNames } from '@modelspace/queue';

/**
 * Trials as the API shows them: a queued one says what it waits for ("waiting for a gpu
 * worker: none online", or for a worker offering its program), from the live workers'
 * heartbeats, so no trial pends silently.
 */
export async function withWaitingReasons<T extends { status: string; pool: string; model?: unknown }>(
  deps: { redis: Redis; names: QueueNames },
  trials: T[],
): Promise<(T & { waitingReason: string | null })[]> {
  const workers = trials.some((t) => t.status === 'queued') ? await listWorkers(deps.redis, deps.names) : [];
  return trials.map((t) => ({ ...t, waitingReason: t.status === 'queued' ? trialWaitingReason(t.pool as PoolName, programOf(t.model), workers) : null }));
}
