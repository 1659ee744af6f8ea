import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers need maxRetriesPerRequest null (BullMQ blocks on
 * Redis and must never give up a command mid-wait); producers may fail fast instead.
 */
export function createRedis(url: string, opts: { role: 'worker' | 'producer' } & RedisOptions): Redis {
  const { role, ...rest } = opts;
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    lazyConnect: false,
    ...rest,
  });
}
