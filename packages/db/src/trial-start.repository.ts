import type { PrunerSpec } from '@modelspace/core';
import type { Db } from './client.ts';
import type { Trial } from './generated/prisma/client.ts';

/** How a trial job's start went, and what the processor needs of its sweep. */
export type TrialStart =
  | { outcome: 'claimed'; trial: Trial; pruner: PrunerSpec | null; objective: string }
  /** The sweep is paused: the trial stays queued and resume enqueues it again. */
  | { outcome: 'paused' }
  /** The sweep's time budget is spent: a scheduling step drops the trial. */
  | { outcome: 'time budget spent' }
  /** Cancelled, finished, or gone: a duplicate job, nothing to train. */
  | { outcome: 'not claimable' };

/**
 * Starts a trial in one statement (the start of every trial, so round trips count): checks
 * its sweep is neither paused nor past its time budget, claims the trial (queued, or
 * running whose worker died: see claimTrial), marks the sweep running if it was queued,
 * and reads the sweep's pruner. Then one read of the trial row.
 */
export async function startTrial(db: Db, sweepId: string, trialId: string, workerId: string): Promise<TrialStart> {
  const rows = await db.$queryRaw<{ status: string; spent: boolean; claimed: number; pruner: PrunerSpec | null; objective: string }[]>`
    WITH s AS (
      SELECT id, status, objective, spec->'pruner' AS pruner,
             ("maxDurationSeconds" IS NOT NULL AND now() >= "createdAt" + "maxDurationSeconds" * interval '1 second') AS spent
        FROM "Sweep" WHERE id = ${sweepId}::uuid
    ), claimed AS (
      UPDATE "Trial" t
         SET status = 'running', "workerId" = ${workerId}, "startedAt" = now(), attempts = t.attempts + 1, error = NULL
        FROM s
       WHERE t.id = ${trialId}::uuid AND t."sweepId" = s.id AND t.status IN ('queued', 'running')
         AND s.status <> 'paused' AND NOT s.spent
      RETURNING t.id
    ), running AS (
      UPDATE "Sweep" w SET status = 'running', "startedAt" = now(), "updatedAt" = now()
       WHERE w.id = ${sweepId}::uuid AND w.status = 'queued' AND EXISTS (SELECT 1 FROM claimed)
      RETURNING w.id
    )
    SELECT s.status::text AS status, s.spent, (SELECT count(*) FROM claimed)::int AS claimed, s.pruner, s.objective,
           (SELECT count(*) FROM running)::int AS started
      FROM s`;
  const row = rows[0];
  if (row?.status === 'paused') return { outcome: 'paused' };
  if (row?.spent) return { outcome: 'time budget spent' };
  if (!row?.claimed) return { outcome: 'not claimable' };
  const trial = await db.trial.findUnique({ where: { id: trialId } });
  if (!trial) return { outcome: 'not claimable' };
  return { outcome: 'claimed', trial, pruner: row.pruner, objective: row.objective };
}

/** A trial's status and its sweep's, in one read: what each epoch boundary checks. */
export async function epochStatus(db: Db, trialId: string): Promise<{ trial: string; sweep: string } | null> {
  const rows = await db.$queryRaw<{ trial: string; sweep: string }[]>`
    SELECT t.status::text AS trial, s.status::text AS sweep
      FROM "Trial" t JOIN "Sweep" s ON s.id = t."sweepId" WHERE t.id = ${trialId}::uuid`;
  return rows[0] ?? null;
}
