import type { Db } from './client.ts';
import { objectiveColumn } from './objective-column.ts';

/** What an analysis of results reads of a completed trial: its parameters (or, for an explicit variant, its variant) and its objective value. */
export interface CompletedTrialValues {
  name: string;
  params: unknown;
  model: unknown;
  training: unknown;
  objective: number | null;
}

/**
 * A seeded sample of at most `limit` of the sweep's completed trials (all of them when there
 * are fewer), and how many there are. Sampled in Postgres, ordered by a hash of the trial id
 * and the seed (the same seed, the same sample), and without the variants of search trials,
 * whose parameters say what varies: reading 10,000 full trial rows costs more than the
 * forest fitted to them (bench/dashboard-scale.ts).
 */
export async function completedTrialSample(db: Db, sweepId: string, objective: string, limit: number, seed: number): Promise<{ total: number; rows: CompletedTrialValues[] }> {
  const column = objectiveColumn(objective);
  const rows = await db.$sql.rows<CompletedTrialValues & { total: number }>(
    {
      name: `completed-trial-sample-${column}`,
      text: `SELECT name, params, CASE WHEN params IS NULL THEN model END AS model, CASE WHEN params IS NULL THEN training END AS training,
                    "${column}" AS objective, count(*) OVER ()::int AS total
               FROM "Trial" WHERE "sweepId" = $1::uuid AND status = 'completed'
              ORDER BY md5(id::text || $3::text) LIMIT $2::int`,
    },
    [sweepId, limit, String(seed)],
  );
  return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _total, ...r }) => r) };
}
