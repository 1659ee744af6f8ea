import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers need maxRetriesPerRequest null (BullMQ blocks on
 * Redis and must never give up a command mid-wait); producers fail fast instead.
 */
export function createRedis(url: string, role: 'worker' | 'producer', extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: role === 'worker' ? null : 3, ...extra });
}
