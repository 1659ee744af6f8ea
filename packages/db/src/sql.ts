import type pg from 'pg';
import { retryWhileUnavailable, type RetryPolicy } from './retry.ts';

/**
 * Plain SQL on the client's own pool, for the statements every trial runs (claim, epoch,
 * completion, settling): through Prisma each costs its query compiler and interpreter,
 * which dominated the worker's profile at a few hundred trials a second
 * (docs/architecture.md, "The trial hot path"). Statements are prepared once per
 * connection under their name.
 */
export interface Sql {
  rows<R>(statement: Statement, values: unknown[]): Promise<R[]>;
}

/** A named statement: `name` must be unique to `text` (Postgres prepares it once per connection). */
export interface Statement {
  name: string;
  text: string;
}

export function createSql(pool: pg.Pool, retry?: RetryPolicy): Sql {
  const run = async <R>(statement: Statement, values: unknown[]): Promise<R[]> => {
    const result = await pool.query({ name: statement.name, text: statement.text, values });
    return result.rows as R[];
  };
  return {
    // Each statement is idempotent or fenced (see the repositories): sending it again after an outage is safe.
    rows: retry ? (statement, values) => retryWhileUnavailable(() => run(statement, values), retry) : run,
  };
}

/**
 * State names for an IN clause or a SET, from the state machine in packages/core (never from
 * input): the statements of each transition are built from the same lists the core checks.
 */
export function sqlList(values: readonly string[]): string {
  for (const v of values) if (!/^[a-z]+$/.test(v)) throw new Error(`not a state name: ${v}`);
  return values.map((v) => `'${v}'`).join(', ');
}
