import type { Redis } from 'ioredis';
import type { QueueNames } from './trial-queue.ts';

/**
 * Live workers, as each announces itself: a Redis key per worker that expires unless the
 * worker refreshes it, so a dead worker disappears within one TTL.
 */
export interface WorkerAnnouncement {
  id: string;
  hostname: string;
  pid: number;
  cores: number;
  concurrency: number;
  /** TRAINER_BACKEND as configured ('auto' until a trial has chosen). */
  backendPreference: string;
  startedAt: string;
  lastSeen: string;
  runningTrialIds: string[];
}

export const WORKER_TTL_SECONDS = 15;
export const WORKER_HEARTBEAT_MS = 5_000;

const keyPrefix = (names: QueueNames) => `${names.prefix}:workers:`;

export async function announceWorker(redis: Redis, names: QueueNames, w: WorkerAnnouncement): Promise<void> {
  await redis.set(`${keyPrefix(names)}${w.id}`, JSON.stringify(w), 'EX', WORKER_TTL_SECONDS);
}

export async function retireWorker(redis: Redis, names: QueueNames, id: string): Promise<void> {
  await redis.del(`${keyPrefix(names)}${id}`);
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
