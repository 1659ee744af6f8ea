import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { withDatabaseRetry, type RetryPolicy } from './retry.ts';

export type Db = PrismaClient;

/** A new connection that gets no answer in this time fails, instead of hanging until the OS gives up. */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * `retry`: queries and transactions that fail because Postgres is unavailable are tried
 * again with backoff (workers, whose writes are idempotent); without it they fail at once
 * (the API answers 503 and the client retries).
 */
export function createDb(url: string, opts: { poolSize?: number; retry?: RetryPolicy } = {}): Db {
  const adapter = new PrismaPg({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Notices a server that vanished without closing its connections (a network cut).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const db = new PrismaClient({ adapter });
  return opts.retry ? withDatabaseRetry(db, opts.retry) : db;
}
