import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '@modelspace/config';
import { createDb, migrate, withDatabase, type Db } from '@modelspace/db';

/**
 * Real services for tests. Each test file gets its own database and its own BullMQ prefix,
 * so files never see each other's rows or jobs. A service that cannot be reached fails
 * the test with a message saying so; nothing is skipped.
 */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
export const REDIS_URL = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `modelspace_test_${label.replace(/\W/g, '_')}_${randomUUID().slice(0, 8)}`;
  const url = withDatabase(SERVER_URL, name);
  try {
    await migrate(url); // creates the database, then applies every migration
  } catch (err) {
    throw new Error(`tests need Postgres at ${SERVER_URL} (run scripts/services.sh): ${(err as Error).message}`);
  }
  const db = createDb(url, { poolSize: 4 });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      const admin = new pg.Client({ connectionString: withDatabase(SERVER_URL, 'postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface TestRedis {
  redis: Redis;
  prefix: string;
  /** Deletes every key under this test's prefix. */
  cleanup(): Promise<void>;
}

export async function createTestRedis(label: string): Promise<TestRedis> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(`tests need Redis at ${REDIS_URL} (run scripts/services.sh): ${(err as Error).message}`);
  }
  const prefix = `mstest-${label}-${randomUUID().slice(0, 8)}`;
  return {
    redis,
    prefix,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, opts: { timeoutMs: number; intervalMs?: number }): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
}
