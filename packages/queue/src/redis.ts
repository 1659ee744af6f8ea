import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ.
 * - 'worker': BullMQ workers and whatever must ride out an outage. maxRetriesPerRequest
 *   null: a command waits for the reconnection (BullMQ blocks on Redis and must never
 *   give up a command mid-wait), and ioredis reconnects for ever.
 * - 'producer': work done for a client waiting on an answer (the API). A command sent
 *   while Redis is unreachable fails at the next failed reconnection attempt (at most a
 *   second apart) instead of waiting in the offline queue, so the client gets a 503 at
 *   once. The offline queue stays on, so commands sent before the first connection
 *   (or a duplicate's) wait for it.
 */
export function createRedis(url: string, role: 'worker' | 'producer', extra: RedisOptions = {}): Redis {
  const options: RedisOptions =
    role === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 0, retryStrategy: (times) => Math.min(times * 50, PRODUCER_RECONNECT_MAX_MS) };
  const redis = new Redis(url, { ...options, ...extra });
  // Without a listener ioredis prints every failed reconnection; the commands that fail
  // (a 503, a failed job, a warning) say what matters.
  redis.on('error', () => {});
  return redis;
}

const PRODUCER_RECONNECT_MAX_MS = 1_000;

/**
 * ioredis and BullMQ errors that mean Redis is unreachable or dropped the connection (not
 * a bad command). Socket codes (ECONNREFUSED…) are not among them: ioredis never hands
 * them to a command, and pg's look the same.
 */
export function isQueueUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const x = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    if (x.name === 'MaxRetriesPerRequestError') return true;
    if (typeof x.message === 'string' && MESSAGES.some((m) => m.test(x.message as string))) return true;
    e = x.cause;
  }
  return false;
}

const MESSAGES = [
  /Reached the max retries per request limit/i,
  /Stream isn't writeable and enableOfflineQueue options is false/i,
  /^Connection is closed\.?$/i,
  /LOADING Redis is loading the dataset in memory/i,
  /Command timed out/i,
];
