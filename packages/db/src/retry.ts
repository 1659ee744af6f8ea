import type { PrismaClient } from './generated/prisma/client.ts';

/**
 * Postgres outages as the client sees them, found by stopping a real server under the
 * Prisma pg adapter (test/e2e/outage-restart.test.ts does it again):
 * - no server: PrismaClientKnownRequestError P1001 "Can't reach database server", or P2010
 *   for raw queries, the adapter's cause being `DatabaseNotReachable` (ECONNREFUSED);
 * - a server shutting down or starting: the adapter's cause is the Postgres error 57P01
 *   "terminating connection due to administrator command" (57P02, 57P03 alike);
 * - a connection cut mid-transaction or mid-connect: plain pg errors, "Client has
 *   encountered a connection error and is not queryable", "Connection terminated
 *   unexpectedly", "Connection terminated due to connection timeout";
 * - Prisma's own codes for the same: P1002 (timed out), P1017 (server closed the
 *   connection), P2024 (pool timeout), P2028 when no transaction could start in time.
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
  /Unable to start a transaction in the given time/i,
  /terminating connection due to administrator command/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/** True when `err` says Postgres could not be reached or dropped the connection (not that the query was wrong). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const x = e as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string; originalCode?: string } } }; cause?: unknown };
    if (typeof x.code === 'string' && (PRISMA_CODES.has(x.code) || SOCKET_CODES.has(x.code) || /^(57P0[123]|08\d\d\d)$/.test(x.code))) return true;
    const cause = x.meta?.driverAdapterError?.cause;
    if (cause?.kind && ADAPTER_KINDS.has(cause.kind)) return true;
    const pgCode = cause?.originalCode ?? cause?.code;
    if (pgCode && /^(57P0[123]|08\d\d\d)$/.test(pgCode)) return true;
    if (typeof x.message === 'string' && MESSAGES.some((m) => m.test(x.message as string))) return true;
    e = x.cause;
  }
  return false;
}

export interface RetryPolicy {
  /** Give up after this long (the caller then sees the last error). */
  budgetMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** Told of each failed attempt that will be retried. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Rides out an outage of a minute or two; a longer one fails the work as any error does. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { budgetMs: 120_000, firstDelayMs: 250, maxDelayMs: 5_000 };

/** Runs `fn` again, with backoff, while it fails because Postgres is unavailable; any other error is thrown at once. */
export async function retryWhileUnavailable<T>(fn: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<T> {
  const deadline = Date.now() + policy.budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
      if (!isDatabaseUnavailable(err) || Date.now() + delay > deadline) throw err;
      policy.onRetry?.(err, attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * A client whose every query and every interactive transaction is retried while Postgres
 * is unavailable. For workers, whose writes are idempotent by design (upserts on
 * (trial, epoch), updates conditional on the trial's status, a scheduling step under a
 * row lock): a write whose commit was not acknowledged can be sent again. A transaction,
 * interactive or batch, is retried as a whole, never statement by statement inside it.
 */
export function withDatabaseRetry(db: PrismaClient, policy: RetryPolicy = DEFAULT_RETRY_POLICY): PrismaClient {
  const extended = db.$extends({
    query: {
      async $allOperations({ args, query, ...rest }) {
        // Inside a transaction a lost connection means a lost transaction: the whole one is retried.
        const internal = (rest as { __internalParams?: { transaction?: unknown } }).__internalParams;
        if (internal?.transaction) return query(args);
        return retryWhileUnavailable(() => query(args), policy);
      },
    },
  }) as unknown as PrismaClient;
  return new Proxy(extended, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop !== '$transaction') return typeof value === 'function' ? value.bind(target) : value;
      // A batch's queries are sent again on each try (Prisma re-runs a batch's requests).
      return (arg: unknown, opts?: unknown) => retryWhileUnavailable(() => (target.$transaction as (a: unknown, o?: unknown) => Promise<unknown>)(arg, opts), policy);
    },
  });
}
