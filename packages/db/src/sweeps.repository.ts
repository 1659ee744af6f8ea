import {
  checkSweepEvent,
  ConflictError,
  NotFoundError,
  sweepEventApplies,
  SWEEP_TRANSITIONS,
  TRIAL_TRANSITIONS,
  type Budget,
  type SweepSpec,
  type SweepState,
  type VariantSpec,
} from '@modelspace/core';
import { sqlList, type Statement } from './sql.ts';
import { isUuid } from './ids.ts';
import type { Db } from './client.ts';
import type { Sweep, SweepStatus, TrialStatus } from './generated/prisma/client.ts';

export type TrialCounts = Record<TrialStatus, number> & { total: number };

/** A sweep without its definition (`spec`, up to megabytes for 10,000 variants): what status reads need. */
export type SweepSummary = Omit<Sweep, 'spec'>;

export interface SweepWithCounts extends SweepSummary {
  trialCounts: TrialCounts;
}

/** Deletes a sweep and its trials: used to undo a creation whose enqueue failed. */
export async function deleteSweep(db: Db, id: string): Promise<void> {
  await db.sweep.deleteMany({ where: { id } });
}

export async function trialCounts(db: Db, sweepId: string): Promise<TrialCounts> {
  const groups = await db.trial.groupBy({ by: ['status'], where: { sweepId }, _count: { _all: true } });
  const counts: TrialCounts = { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0, pruned: 0, total: 0 };
  for (const g of groups) {
    counts[g.status] = g._count._all;
    counts.total += g._count._all;
  }
  return counts;
}

/** The sweep's status, budgets and trial counts; its definition is getSweepSpec's. */
export async function getSweep(db: Db, id: string): Promise<SweepWithCounts> {
  const sweep = isUuid(id) ? await db.sweep.findUnique({ where: { id }, omit: { spec: true } }) : null;
  if (!sweep) throw new NotFoundError('sweep', id);
  return { ...sweep, trialCounts: await trialCounts(db, id) };
}

/** The sweep's status alone (what each trial end and epoch boundary may need), or null if it is gone. */
export async function sweepStatus(db: Db, id: string): Promise<SweepStatus | null> {
  const row = isUuid(id) ? await db.sweep.findUnique({ where: { id }, select: { status: true } }) : null;
  return row?.status ?? null;
}

/** Sweeps that may still schedule: what a worker re-schedules after Redis came back. */
export async function openSweepIds(db: Db): Promise<string[]> {
  const rows = await db.sweep.findMany({ where: { status: { in: ['queued', 'running', 'stopping'] } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Of the given sweeps, those of the project. */
export async function sweepsOfProject(db: Db, ids: string[], projectId: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.sweep.findMany({ where: { id: { in: ids }, projectId }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** The sweep's definition as validated (defaults filled in). */
export async function getSweepSpec(db: Db, id: string): Promise<SweepSpec> {
  const sweep = isUuid(id) ? await db.sweep.findUnique({ where: { id }, select: { spec: true } }) : null;
  if (!sweep) throw new NotFoundError('sweep', id);
  return sweep.spec as unknown as SweepSpec;
}

const T = SWEEP_TRANSITIONS;
/** A guard's target for each value of one fact, as a CASE on the SQL condition that is that fact. */
const guardCase = (condition: string, ifTrue: string, ifFalse: string) => `(CASE WHEN ${condition} THEN ${sqlList([ifTrue])} ELSE ${sqlList([ifFalse])} END)::"SweepStatus"`;
const STARTED = { started: true, runningTrials: 0 };
const NOT_STARTED = { started: false, runningTrials: 0 };
const TRIAL_RUNNING = `EXISTS (SELECT 1 FROM "Trial" t WHERE t."sweepId" = w.id AND t.status = 'running')`;

/** The sweep locked, and whether `event` applies to it: the head of every lifecycle statement. */
const head = (event: keyof typeof T) => `
    WITH cur AS (SELECT id, status FROM "Sweep" WHERE id = $1::uuid FOR UPDATE),
         ok AS (SELECT id FROM cur WHERE status IN (${sqlList(T[event].from)}))`;

const PAUSE: Statement = {
  name: 'sweep-pause',
  text: `${head('pause')}, upd AS (
      UPDATE "Sweep" w SET status = ${sqlList([T.pause.to()])}, "statusReason" = 'paused by the user', "updatedAt" = now()
        FROM ok WHERE w.id = ok.id RETURNING 1)
    SELECT cur.status::text AS status, (SELECT count(*) FROM upd)::int AS changed, '{}'::uuid[] AS "trialIds" FROM cur`,
};

const RESUME: Statement = {
  name: 'sweep-resume',
  text: `${head('resume')}, upd AS (
      UPDATE "Sweep" w SET status = ${guardCase('w."startedAt" IS NOT NULL', T.resume.to(STARTED), T.resume.to(NOT_STARTED))}, "statusReason" = NULL, "updatedAt" = now()
        FROM ok WHERE w.id = ok.id RETURNING 1)
    SELECT cur.status::text AS status, (SELECT count(*) FROM upd)::int AS changed, '{}'::uuid[] AS "trialIds" FROM cur`,
};

// Trials dropped here are queued ones, so "a trial runs" reads the same before and after them.
const STOP_TO = guardCase(TRIAL_RUNNING, T.stop.to({ started: true, runningTrials: 1 }), T.stop.to({ started: true, runningTrials: 0 }));
const STOP: Statement = {
  name: 'sweep-stop',
  text: `${head('stop')}, dropped AS (
      UPDATE "Trial" t SET status = ${sqlList([TRIAL_TRANSITIONS.drop.to])}, "finishedAt" = now(), "statusReason" = 'the sweep was stopped'
        FROM ok WHERE t."sweepId" = ok.id AND t.status IN (${sqlList(TRIAL_TRANSITIONS.drop.from)}) RETURNING t.id
    ), upd AS (
      UPDATE "Sweep" w SET status = ${STOP_TO}, "statusReason" = 'stopped by the user', "updatedAt" = now(),
             "finishedAt" = CASE WHEN ${STOP_TO} = 'stopped' THEN now() ELSE w."finishedAt" END
        FROM ok WHERE w.id = ok.id RETURNING 1)
    SELECT cur.status::text AS status, (SELECT count(*) FROM upd)::int AS changed, ARRAY(SELECT id FROM dropped) AS "trialIds" FROM cur`,
};

const CANCEL: Statement = {
  name: 'sweep-cancel',
  text: `${head('cancel')}, cancelled AS (
      UPDATE "Trial" t SET status = ${sqlList([TRIAL_TRANSITIONS.cancel.to])}, "finishedAt" = now()
        FROM ok WHERE t."sweepId" = ok.id AND t.status IN (${sqlList(TRIAL_TRANSITIONS.cancel.from)}) RETURNING t.id
    ), upd AS (
      UPDATE "Sweep" w SET status = ${sqlList([T.cancel.to()])}, "finishedAt" = now(), "updatedAt" = now()
        FROM ok WHERE w.id = ok.id RETURNING 1)
    SELECT cur.status::text AS status, (SELECT count(*) FROM upd)::int AS changed, ARRAY(SELECT id FROM cancelled) AS "trialIds" FROM cur`,
};

type TransitionRow = { status: SweepState; changed: number; trialIds: string[] };

/**
 * One lifecycle transition of a sweep, as one statement under the sweep's row lock; the
 * trials it ended (cancel, stop). Unknown sweep: 404; an event that does not apply in the
 * sweep's state: 409 with the reason (checkSweepEvent).
 */
async function transition(db: Db, id: string, event: 'pause' | 'resume' | 'stop' | 'cancel', statement: Statement): Promise<string[]> {
  if (!isUuid(id)) throw new NotFoundError('sweep', id);
  const [row] = await db.$sql.rows<TransitionRow>(statement, [id]);
  if (!row) throw new NotFoundError('sweep', id);
  if (!row.changed) checkSweepEvent(id, row.status, event, NOT_STARTED); // throws: it did not apply
  return row.trialIds;
}

/**
 * Cancels a sweep and every trial not yet finished; returns the ids of those trials so the
 * caller can remove their jobs and stop the running ones. A finished sweep: 409.
 */
export async function cancelSweep(db: Db, id: string): Promise<{ cancelledTrialIds: string[] }> {
  return { cancelledTrialIds: await transition(db, id, 'cancel', CANCEL) };
}

/** Pause (no new trial starts; running ones finish) or resume. */
export async function setSweepPaused(db: Db, id: string, paused: boolean): Promise<void> {
  await transition(db, id, paused ? 'pause' : 'resume', paused ? PAUSE : RESUME);
}

/**
 * Stop: queued trials are cancelled, running ones end at their next epoch boundary with
 * their results kept; the sweep is `stopping` until the last one ends, then `stopped`.
 */
export async function stopSweep(db: Db, id: string): Promise<{ cancelledTrialIds: string[] }> {
  return { cancelledTrialIds: await transition(db, id, 'stop', STOP) };
}

async function lockedSweep(tx: Parameters<Parameters<Db['$transaction']>[0]>[0], id: string): Promise<Sweep> {
  if (!isUuid(id)) throw new NotFoundError('sweep', id);
  await tx.$queryRaw`SELECT id FROM "Sweep" WHERE id = ${id}::uuid FOR UPDATE`;
  const sweep = await tx.sweep.findUnique({ where: { id } });
  if (!sweep) throw new NotFoundError('sweep', id);
  return sweep;
}

export interface SweepPatch {
  /** The limits that change (null lifts one); the others stay. */
  budget: Budget;
  addVariants?: VariantSpec[];
}

/**
 * Changes budgets or appends explicit variants, while the sweep runs or after it ended;
 * a finished sweep is reopened so the scheduler can use the new room. The method keeps
 * its state: it is rebuilt from the trials, which are untouched.
 */
export async function patchSweep(db: Db, id: string, patch: SweepPatch, validate: (spec: unknown) => SweepSpec): Promise<Sweep> {
  return db.$transaction(async (tx) => {
    const sweep = await lockedSweep(tx, id);
    if (sweep.status === 'cancelled') throw new ConflictError(`cannot change sweep ${id}: it was cancelled`);
    const { addVariants, budget } = patch;
    const spec = sweep.spec as unknown as SweepSpec;
    // The stored definition keeps saying what the budget columns say.
    const withBudget = { ...spec, budget: { ...spec.budget, ...budget } };
    const nextSpec = addVariants?.length ? validate({ ...withBudget, variants: [...(spec.variants ?? []), ...addVariants] }) : withBudget;
    const reopen = sweepEventApplies(sweep.status, 'reopen');
    return tx.sweep.update({
      where: { id },
      data: {
        ...budget,
        spec: nextSpec as object,
        ...(reopen ? { status: T.reopen.to(), finishedAt: null, statusReason: 'reopened by PATCH' } : {}),
      },
    });
  });
}
