import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '@modelspace/db';
import { createRedis } from '@modelspace/queue';

/** A bench run's own database name and Redis prefix, so it never touches real data. */
export function benchNames(): { dbName: string; prefix: string } {
  const id = randomUUID().slice(0, 8);
  return { dbName: `modelspace_bench_${id}`, prefix: `msbench-${id}` };
}

/** Drops what a bench run created: its database and every Redis key under its prefix. */
export async function dropBenchState(server: string, redisUrl: string, names: { dbName: string; prefix: string }): Promise<void> {
  const redis = createRedis(redisUrl, 'producer');
  for (let cursor = '0'; ; ) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${names.prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  redis.disconnect();
  const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${names.dbName}" WITH (FORCE)`);
  await admin.end();
}
