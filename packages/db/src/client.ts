import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { withDatabaseRetry, type RetryPolicy } from './retry.ts';
import { createSql, type Sql } from './sql.ts';

/** Prisma for most queries, and `$sql` (plain statements on the same pool) for the trial hot path. */
export type Db = PrismaClient & { readonly $sql: Sql };

/** A new connection that gets no answer in this time fails, instead of hanging until the OS gives up. */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * `retry`: queries and transactions that fail because Postgres is unavailable are tried
 * again with backoff (workers, whose writes are idempotent); without it they fail at once
 * (the API answers 503 and the client retries).
 */
export function createDb(url: string, opts: { poolSize?: number; retry?: RetryPolicy } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Notices a server that vanished without closing its connections (a network cut).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle connection the server dropped (a restart) is an 'error' event: without a
  // listener it would end the process. The next query opens a new connection.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const client = opts.retry ? withDatabaseRetry(prisma, opts.retry) : prisma;
  const sql = createSql(pool, opts.retry);
  let ended = false;
  const disconnect = async () => {
    await client.$disconnect();
    if (!ended) {
      ended = true;
      await pool.end();
    }
  };
  return new Proxy(client, {
    get(target, prop) {
      if (prop === '$sql') return sql;
      if (prop === '$disconnect') return disconnect;
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Db;
}

/** Answers when Postgres does (a readiness check); throws when it does not. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
