import { isUuid } from './ids.ts';
import { NotFoundError, TRIAL_TRANSITIONS, type EpochMetrics, type PathTrial } from '@modelspace/core';
import { objectiveColumn } from './objective-column.ts';
import type { Db } from './client.ts';
import { sqlList, type Statement } from './sql.ts';
import type { EpochMetric, Trial, TrialStatus } from './generated/prisma/client.ts';

export type EpochInput = EpochMetrics;

export interface TrialOutcome {
  bestValError: number;
  bestValLoss: number;
  bestEpoch: number;
  testError: number;
  testLoss: number;
  epochsRun: number;
  stopReason: string;
  durationMs: number;
  backend: string;
  paramCount: number;
}

export async function getTrial(db: Db, id: string): Promise<Trial> {
  const trial = isUuid(id) ? await db.trial.findUnique({ where: { id } }) : null;
  if (!trial) throw new NotFoundError('trial', id);
  return trial;
}

export async function listTrials(db: Db, sweepId: string, opts: { status?: TrialStatus } = {}): Promise<Trial[]> {
  return db.trial.findMany({
    where: { sweepId, ...(opts.status ? { status: opts.status } : {}) },
    orderBy: { index: 'asc' },
  });
}

/** The given trials' states, in trial order: what watchers are told after a bulk change. */
export async function trialStates(db: Db, ids: string[]): Promise<Pick<Trial, 'id' | 'index' | 'name' | 'status'>[]> {
  if (!ids.length) return [];
  return db.trial.findMany({ where: { id: { in: ids } }, select: { id: true, index: true, name: true, status: true }, orderBy: { index: 'asc' } });
}

/** A trial's status, or null if there is no such trial. */
export async function trialStatus(db: Db, id: string): Promise<TrialStatus | null> {
  const row = isUuid(id) ? await db.trial.findUnique({ where: { id }, select: { status: true } }) : null;
  return row?.status ?? null;
}

/** A sweep's trials as its model-space path reads them, each with its value of the sweep's objective. */
export async function pathTrials(db: Db, sweepId: string, objective: string): Promise<PathTrial[]> {
  const column = objectiveColumn(objective);
  const trials = await db.trial.findMany({ where: { sweepId }, orderBy: { index: 'asc' } });
  return trials.map((t) => ({
    id: t.id,
    order: t.index,
    name: t.name,
    status: t.status,
    model: t.model,
    training: t.training,
    metric: t[column],
    parentId: t.parentId,
    diff: t.diff as PathTrial['diff'],
  }));
}

export async function listEpochs(db: Db, trialId: string): Promise<EpochMetric[]> {
  return db.epochMetric.findMany({ where: { trialId }, orderBy: { epoch: 'asc' } });
}

const COMPLETE: Statement = {
  name: 'trial-complete',
  text: `
    WITH done AS (
      UPDATE "Trial"
         SET status = $2::text::"TrialStatus", "statusReason" = COALESCE($3::text, "statusReason"), "finishedAt" = now(),
             "bestValError" = $4::float8, "bestValLoss" = $5::float8, "bestEpoch" = $6::int, "testError" = $7::float8,
             "testLoss" = $8::float8, "epochsRun" = $9::int, "stopReason" = $10::text, "durationMs" = $11::int,
             backend = $12::text, "paramCount" = $13::int,
             -- Where the trial ended, for "best by last epoch" (bestTrialBy): index probes on the epoch's key.
             "lastEpoch" = (SELECT max(e.epoch) FROM "EpochMetric" e WHERE e."trialId" = $1::uuid),
             "lastValError" = (SELECT e."valError" FROM "EpochMetric" e WHERE e."trialId" = $1::uuid ORDER BY e.epoch DESC LIMIT 1),
             "lastValLoss" = (SELECT e."valLoss" FROM "EpochMetric" e WHERE e."trialId" = $1::uuid ORDER BY e.epoch DESC LIMIT 1)
       WHERE id = $1::uuid AND status IN (${sqlList(TRIAL_TRANSITIONS.complete.from)}) AND ($14::int IS NULL OR attempts = $14::int)
      RETURNING id
    ), dropped AS (
      DELETE FROM "Checkpoint" WHERE "trialId" IN (SELECT id FROM done) RETURNING 1
    )
    SELECT (SELECT count(*) FROM done)::int AS completed, (SELECT count(*) FROM dropped)::int AS dropped`,
};

/**
 * Only a running trial completes: a cancel that won the race is not overwritten. A trial
 * the pruner stopped ends `pruned`, its partial result kept and the reason recorded.
 * `claim` (the attempts number startTrial returned): only while that claim holds. The
 * trial's checkpoint row goes in the same statement: a finished trial resumes from nothing.
 */
const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

export async function completeTrial(db: Db, id: string, outcome: TrialOutcome, opts: { prunedReason?: string; claim?: number } = {}): Promise<boolean> {
  const o = outcome;
  const pruned = opts.prunedReason !== undefined;
  const [row] = await db.$sql.rows<{ completed: number }>(COMPLETE, [
    id,
    pruned ? 'pruned' : 'completed',
    pruned ? opts.prunedReason : null,
    o.bestValError,
    o.bestValLoss,
    o.bestEpoch,
    // A program that reports no test metric leaves them NaN: stored as unknown (null).
    finiteOrNull(o.testError),
    finiteOrNull(o.testLoss),
    o.epochsRun,
    pruned ? 'pruned' : o.stopReason,
    Math.round(o.durationMs),
    o.backend,
    finiteOrNull(o.paramCount),
    opts.claim ?? null,
  ]);
  return (row?.completed ?? 0) > 0;
}

const RETRY: Statement = {
  name: 'trial-retry',
  text: `UPDATE "Trial" SET status = ${sqlList([TRIAL_TRANSITIONS.retry.to])}, error = $2::text
          WHERE id = $1::uuid AND status IN (${sqlList(TRIAL_TRANSITIONS.retry.from)}) AND ($3::int IS NULL OR attempts = $3::int)
         RETURNING id`,
};

const FAIL: Statement = {
  name: 'trial-fail',
  text: `
    WITH failed AS (
      UPDATE "Trial" SET status = ${sqlList([TRIAL_TRANSITIONS.fail.to])}, error = $2::text, "finishedAt" = now()
       WHERE id = $1::uuid AND status IN (${sqlList(TRIAL_TRANSITIONS.fail.from)}) AND ($3::int IS NULL OR attempts = $3::int)
      RETURNING id
    ), dropped AS (
      DELETE FROM "Checkpoint" WHERE "trialId" IN (SELECT id FROM failed) RETURNING 1
    )
    SELECT id FROM failed`,
};

/**
 * A failure that will be retried puts the trial back to queued, its error visible and its
 * checkpoint kept (the retry resumes from it); a final one marks it failed and drops the
 * checkpoint row in the same statement. `claim`: only while that claim holds (see startTrial).
 */
export async function failTrial(db: Db, id: string, error: string, opts: { final: boolean; claim?: number }): Promise<boolean> {
  const rows = await db.$sql.rows<{ id: string }>(opts.final ? FAIL : RETRY, [id, error, opts.claim ?? null]);
  return rows.length > 0;
}

const RELEASE: Statement = {
  name: 'trial-release',
  text: `UPDATE "Trial" SET status = ${sqlList([TRIAL_TRANSITIONS.release.to])}
          WHERE id = $1::uuid AND status IN (${sqlList(TRIAL_TRANSITIONS.release.from)}) AND attempts = $2::int
         RETURNING id`,
};

/**
 * Hands a trial back without a verdict (its worker is shutting down): queued again, its
 * checkpoint kept for whoever takes it next. Only while `claim` holds.
 */
export async function releaseTrial(db: Db, id: string, claim: number): Promise<boolean> {
  return (await db.$sql.rows(RELEASE, [id, claim])).length > 0;
}

const BACKEND: Statement = { name: 'trial-backend', text: `UPDATE "Trial" SET backend = $2::text WHERE id = $1::uuid` };

export async function recordBackend(db: Db, id: string, backend: string): Promise<void> {
  await db.$sql.rows(BACKEND, [id, backend]);
}

const COMPLETED_STAMP: Statement = {
  name: 'trial-completed-stamp',
  text: `SELECT count(*)::int AS n, COALESCE(max("finishedAt"), 'epoch')::text AS latest FROM "Trial" WHERE "sweepId" = $1::uuid AND status = 'completed'`,
};

/** What changes when a trial of the sweep completes (their count and the latest end): a cache key for answers computed from the completed trials. */
export async function completedTrialsStamp(db: Db, sweepId: string): Promise<string> {
  const [row] = await db.$sql.rows<{ n: number; latest: string }>(COMPLETED_STAMP, [sweepId]);
  return `${row?.n ?? 0}:${row?.latest ?? ''}`;
}
