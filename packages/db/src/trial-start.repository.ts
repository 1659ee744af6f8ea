import { SWEEP_TRANSITIONS, TRIAL_TRANSITIONS, type PrunerSpec } from '@modelspace/core';
import type { Db } from './client.ts';
import type { Trial } from './generated/prisma/client.ts';
import { sqlList, type Statement } from './sql.ts';

/** What a worker needs of the trial it claimed. `attempts` is this claim's number, which later writes are fenced on. */
export type ClaimedTrial = Pick<Trial, 'id' | 'sweepId' | 'index' | 'name' | 'model' | 'training' | 'attempts'>;

/** How a trial job's start went, and what the processor needs of its sweep. */
export type TrialStart =
  | { outcome: 'claimed'; trial: ClaimedTrial; pruner: PrunerSpec | null; objective: string }
  /** The sweep is paused: the trial stays queued and resume enqueues it again. */
  | { outcome: 'paused' }
  /** The sweep's time budget is spent: a scheduling step drops the trial. */
  | { outcome: 'time budget spent' }
  /** Cancelled, finished, or gone: a duplicate job, nothing to train. */
  | { outcome: 'not claimable' };

const START: Statement = {
  name: 'trial-start',
  text: `
    WITH s AS (
      SELECT id, status, objective, spec->'pruner' AS pruner,
             ("maxDurationSeconds" IS NOT NULL AND now() >= "createdAt" + "maxDurationSeconds" * interval '1 second') AS spent
        FROM "Sweep" WHERE id = $1::uuid
    ), claimed AS (
      UPDATE "Trial" t
         SET status = ${sqlList([TRIAL_TRANSITIONS.claim.to])}, "workerId" = $3, "startedAt" = now(), attempts = t.attempts + 1, error = NULL
        FROM s
       WHERE t.id = $2::uuid AND t."sweepId" = s.id AND t.status IN (${sqlList(TRIAL_TRANSITIONS.claim.from)})
         AND s.status <> 'paused' AND NOT s.spent
      RETURNING t.id, t."sweepId", t.index, t.name, t.model, t.training, t.attempts
    ), running AS (
      UPDATE "Sweep" w SET status = ${sqlList([SWEEP_TRANSITIONS.start.to()])}, "startedAt" = now(), "updatedAt" = now()
       WHERE w.id = $1::uuid AND w.status IN (${sqlList(SWEEP_TRANSITIONS.start.from)}) AND EXISTS (SELECT 1 FROM claimed)
      RETURNING w.id
    )
    SELECT s.status::text AS status, s.spent, s.pruner, s.objective,
           c.id AS "trialId", c."sweepId", c.index, c.name, c.model, c.training, c.attempts
      FROM s LEFT JOIN claimed c ON true`,
};

type StartRow = { status: string; spent: boolean; pruner: PrunerSpec | null; objective: string; trialId: string | null } & Omit<ClaimedTrial, 'id'>;

/**
 * Starts a trial in one statement (the start of every trial, so round trips count): checks
 * its sweep is neither paused nor past its time budget, claims the trial, marks the sweep
 * running if it was queued, and returns the trial and the sweep's pruner. A queued trial, or
 * a running one whose worker died (BullMQ hands its stalled job to another worker), can be
 * claimed; a finished or cancelled one cannot, so a job that runs twice never trains
 * twice. The returned `attempts` is this claim's own number, which later writes are fenced
 * on (recordEpochWithCheckpoint, completeTrial), so a worker whose trial was taken over
 * writes nothing more.
 */
export async function startTrial(db: Db, sweepId: string, trialId: string, workerId: string): Promise<TrialStart> {
  const [row] = await db.$sql.rows<StartRow>(START, [sweepId, trialId, workerId]);
  if (row?.status === 'paused') return { outcome: 'paused' };
  if (row?.spent) return { outcome: 'time budget spent' };
  if (!row?.trialId) return { outcome: 'not claimable' };
  const { trialId: id, sweepId: sid, index, name, model, training, attempts } = row;
  return { outcome: 'claimed', trial: { id, sweepId: sid, index, name, model, training, attempts }, pruner: row.pruner, objective: row.objective };
}

const EPOCH_STATUS: Statement = {
  name: 'trial-epoch-status',
  text: `SELECT t.status::text AS trial, s.status::text AS sweep
           FROM "Trial" t JOIN "Sweep" s ON s.id = t."sweepId" WHERE t.id = $1::uuid`,
};

/** A trial's status and its sweep's, in one read: what each epoch boundary checks. */
export async function epochStatus(db: Db, trialId: string): Promise<{ trial: string; sweep: string } | null> {
  const [row] = await db.$sql.rows<{ trial: string; sweep: string }>(EPOCH_STATUS, [trialId]);
  return row ?? null;
}

const HOLDER: Statement = {
  name: 'trial-holder',
  text: `SELECT status::text AS status, "workerId" FROM "Trial" WHERE id = $1::uuid`,
};

/** The trial's status and the worker its row names (who claimed it last). */
export async function trialClaimant(db: Db, trialId: string): Promise<{ status: string; workerId: string | null } | null> {
  const [row] = await db.$sql.rows<{ status: string; workerId: string | null }>(HOLDER, [trialId]);
  return row ?? null;
}
