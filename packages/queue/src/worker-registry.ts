import type { Redis } from 'ioredis';
import { DEFAULT_POOL, type PoolName } from '@modelspace/core';
import type { QueueNames } from './trial-queue.ts';

/**
 * Live workers, as each announces itself: a Redis key per worker that expires unless the
 * worker refreshes it, so a dead worker disappears within one TTL.
 */
export interface WorkerAnnouncement {
  id: string;
  hostname: string;
  /** The address it reaches Redis from: which host it is on the network (hostnames repeat across containers and namespaces); absent from older workers. */
  address?: string | null;
  pid: number;
  cores: number;
  concurrency: number;
  /** TRAINER_BACKEND as configured ('auto' until a trial has chosen). */
  backendPreference: string;
  /** The backend its latest trial trained on, null before the first. */
  backend: string | null;
  /** GPUs the host shows (NVIDIA devices); 0 on a CPU host. */
  gpus: number;
  /** The pools whose queues it takes jobs from (WORKER_POOLS). */
  pools: PoolName[];
  /** The programs it runs for program trials (WORKER_PROGRAMS), each in its pool; absent from older workers: none. */
  programs?: { name: string; pool: PoolName }[];
  startedAt: string;
  lastSeen: string;
  runningTrialIds: string[];
  /** Trials it finished since it started (completed or pruned), and failed attempts. */
  trialsDone: number;
  trialsFailed: number;
  /**
   * `running`; `draining` once it shuts down (hands its trials back at their next epoch
   * boundary); `halted` after too many failures in a row (it takes no more work). Absent
   * from workers older than this field: running.
   */
  state?: WorkerState;
  /** Why it is draining or halted. */
  stateReason?: string;
}

export type WorkerState = 'running' | 'draining' | 'halted';

export const WORKER_TTL_SECONDS = 15;
export const WORKER_HEARTBEAT_MS = 2_000;
/**
 * A heartbeat older than this (two beats missed) means its worker is dead, paused or cut off
 * from Redis, and its trials may be taken over: the claim fence refuses whatever it writes
 * later. Shorter than the key's TTL, which only decides how long GET /workers lists it.
 */
export const HEARTBEAT_STALE_MS = 2 * WORKER_HEARTBEAT_MS + 1_000;

const keyPrefix = (names: QueueNames) => `${names.prefix}:workers:`;

export async function announceWorker(redis: Redis, names: QueueNames, w: WorkerAnnouncement): Promise<void> {
  await redis.set(`${keyPrefix(names)}${w.id}`, JSON.stringify(w), 'EX', WORKER_TTL_SECONDS);
}

export async function retireWorker(redis: Redis, names: QueueNames, id: string): Promise<void> {
  await redis.del(`${keyPrefix(names)}${id}`);
}

/** One worker's latest announcement, or null once it stopped refreshing it (it died or retired). */
export async function getWorker(redis: Redis, names: QueueNames, id: string): Promise<WorkerAnnouncement | null> {
  const value = await redis.get(`${keyPrefix(names)}${id}`);
  return value === null ? null : (JSON.parse(value) as WorkerAnnouncement);
}

/** One worker's latest announcement and how long ago it was made (by Redis's clock: the key's TTL), or null once it expired. */
export async function workerHeartbeat(redis: Redis, names: QueueNames, id: string): Promise<{ worker: WorkerAnnouncement; ageMs: number } | null> {
  const key = `${keyPrefix(names)}${id}`;
  const [[, value], [, ttl]] = (await redis.multi().get(key).pttl(key).exec()) as [[unknown, string | null], [unknown, number]];
  if (value === null || ttl < 0) return null;
  return { worker: JSON.parse(value) as WorkerAnnouncement, ageMs: Math.max(0, WORKER_TTL_SECONDS * 1000 - ttl) };
}

export async function listWorkers(redis: Redis, names: QueueNames): Promise<WorkerAnnouncement[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${keyPrefix(names)}*`, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  if (!keys.length) return [];
  const values = await redis.mget(...keys);
  return values
    .filter((v): v is string => v !== null)
    .map((v) => JSON.parse(v) as WorkerAnnouncement)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The pools a worker serves; announcements from before pools existed served the default. */
export function servedPools(w: Pick<WorkerAnnouncement, 'pools'>): PoolName[] {
  return w.pools?.length ? w.pools : [DEFAULT_POOL];
}

/**
 * Why a queued trial of `pool` has not started, said plainly instead of a silent pending:
 * no live worker serves the pool, or every one that does is busy.
 */
export function poolWaitingReason(pool: PoolName, workers: readonly WorkerAnnouncement[]): string {
  const serving = workers.filter((w) => servedPools(w).includes(pool));
  if (!serving.length) return `waiting for a ${pool} worker: none online`;
  return `waiting for a free ${pool} worker: ${serving.length} online`;
}

/** Why a queued trial waits: for a worker of its pool, or for one offering its program there. */
export function trialWaitingReason(pool: PoolName, program: string | null, workers: readonly WorkerAnnouncement[]): string {
  if (program === null) return poolWaitingReason(pool, workers);
  const what = `a worker offering program "${program}"${pool === DEFAULT_POOL ? '' : ` in the ${pool} pool`}`;
  const offering = workers.filter((w) => (w.programs ?? []).some((p) => p.name === program && p.pool === pool));
  if (!offering.length) return `waiting for ${what}: none online (WORKER_PROGRAMS)`;
  return `waiting for a free slot on ${what}: ${offering.length} online`;
}
