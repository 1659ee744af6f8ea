import { randomUUID } from 'node:crypto';
import {
  budgetDeadline,
  scheduleStep,
  stepOnTrialEnd,
  sweepEnd,
  SCHEDULING_SWEEP_STATES,
  TRIAL_TRANSITIONS,
  type SweepState,
  type TrialState,
  type EffectiveBudget,
  type ObjectiveMetric,
  type PoolName,
  type ScheduledTrial,
  type SweepSpec,
  programOf,
} from '@modelspace/core';
import type { Db } from './client.ts';
import { sqlList, type Statement } from './sql.ts';
import { OBJECTIVE_COLUMN } from './objective-column.ts';
import { isUuid } from './ids.ts';
import type { Sweep, Trial } from './generated/prisma/client.ts';

export interface QueuedTrial {
  trialId: string;
  pool: PoolName;
  /** The program a program trial runs: its job waits for a worker offering it (null: the built-in trainer). */
  program: string | null;
}

const queuedOf = (t: Pick<Trial, 'id' | 'pool' | 'model'>): QueuedTrial => ({ trialId: t.id, pool: t.pool as PoolName, program: programOf(t.model) });

/**
 * A step that creates a 10,000-trial list or grid (validation, 10,000 rows) takes seconds
 * on a loaded machine: more than Prisma's default 5 s for an interactive transaction.
 */
export const SCHEDULE_STEP_TX = { timeout: 60_000, maxWait: 10_000 };

/** Rows per INSERT: a 10,000-trial step is a few multi-row statements, not one huge one. */
const INSERT_CHUNK = 2000;

type NewTrialRow = {
  id: string;
  sweepId: string;
  index: number;
  name: string;
  model: object;
  training: object;
  variantHash: string;
  params?: object;
  parentId: string | null;
  diff?: object;
  pool: string;
};

/**
 * Many trials in one statement with one parameter (the rows as JSON), like COPY: Prisma's
 * createMany spends seconds compiling a 10,000-row insert with a parameter per cell.
 */
async function insertTrials(tx: Pick<Db, '$executeRaw'>, rows: NewTrialRow[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Trial" (id, "sweepId", index, name, model, training, "variantHash", params, "parentId", diff, pool)
    SELECT id, "sweepId", index, name, model, training, "variantHash", params, "parentId", diff, pool
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(id uuid, "sweepId" uuid, index int, name text, model jsonb, training jsonb, "variantHash" text,
             params jsonb, "parentId" uuid, diff jsonb, pool text)`;
}

/**
 * Builds the rows chunk by chunk, each while Postgres writes the chunk before: building
 * reads each new trial's parent and diff (found when first read, see scheduleStep), CPU
 * work that so overlaps the insert. One statement at a time on the connection.
 */
async function insertTrialsPipelined<T>(tx: Pick<Db, '$executeRaw'>, items: readonly T[], rowOf: (item: T, k: number) => NewTrialRow): Promise<NewTrialRow[]> {
  const rows: NewTrialRow[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < items.length; i += INSERT_CHUNK) {
    const chunk = items.slice(i, i + INSERT_CHUNK).map((item, k) => rowOf(item, i + k));
    rows.push(...chunk);
    await writing;
    writing = insertTrials(tx, chunk);
    writing.catch(() => {}); // awaited next round; a failure meanwhile is not unhandled
    await new Promise(setImmediate); // the statement goes out before the next chunk is built
  }
  await writing;
  return rows;
}

/** What one scheduling step did, for the caller to mirror in the job queue. */
export interface ScheduleResult {
  status: Sweep['status'];
  addedTrialIds: string[];
  /** Every trial of the sweep still queued: each must have a waiting job in its pool's queue. */
  queued: QueuedTrial[];
  /** Trials this step cancelled (the sweep failed, or the time budget is spent): their jobs go, running ones stop. */
  cancelledTrialIds: string[];
  /**
   * When the sweep's time budget runs out, if it is still open and that is in the future:
   * the caller schedules a step then, so the sweep ends on time even if no trial ends.
   */
  deadline: Date | null;
}

export function sweepBudget(s: Sweep): EffectiveBudget {
  return {
    maxTrials: s.maxTrials,
    maxConcurrentTrials: s.maxConcurrentTrials,
    maxFailedTrials: s.maxFailedTrials,
    maxDurationSeconds: s.maxDurationSeconds,
  };
}

function toScheduled(t: Trial, metric: ObjectiveMetric): ScheduledTrial {
  return {
    id: t.id,
    hash: t.variantHash,
    params: (t.params ?? null) as ScheduledTrial['params'],
    state: t.status as TrialState,
    metric: t[OBJECTIVE_COLUMN[metric]],
    model: t.model,
    training: t.training,
  };
}

/**
 * One scheduling step for a sweep, under a row lock on the sweep: any process may run it,
 * and two runs at once simply take turns. Adds the trials the method proposes within the
 * budgets, finishes the sweep when nothing more will run, and turns `stopping` into
 * `stopped` once its last trial ended. The unique (sweepId, variantHash) index is the
 * final guard against training a variant twice.
 */
export async function runScheduleStep(db: Db, sweepId: string, now = new Date()): Promise<ScheduleResult> {
  return db.$transaction((tx) => runScheduleStepIn(tx, sweepId, now), SCHEDULE_STEP_TX);
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const SCHEDULING: readonly SweepState[] = SCHEDULING_SWEEP_STATES;

/**
 * The step inside a transaction the caller holds (give it SCHEDULE_STEP_TX's timeout).
 * `spec`: the sweep's definition when the caller has it (it just created the sweep), so a
 * 10,000-variant definition is neither read back nor validated a second time.
 */
export async function runScheduleStepIn(tx: Tx, sweepId: string, now = new Date(), known: { spec?: SweepSpec } = {}): Promise<ScheduleResult> {
  {
    await tx.$queryRaw`SELECT id FROM "Sweep" WHERE id = ${sweepId}::uuid FOR UPDATE`;
    const row = await tx.sweep.findUnique({ where: { id: sweepId }, omit: { spec: !!known.spec } });
    const sweep = row && ({ ...row, spec: known.spec ?? (row as Sweep).spec } as Sweep);
    if (!sweep) return { status: 'cancelled', addedTrialIds: [], queued: [], cancelledTrialIds: [], deadline: null };
    const trials = await tx.trial.findMany({ where: { sweepId }, orderBy: { index: 'asc' } });
    const open = trials.filter((t) => t.status === 'queued' || t.status === 'running');
    const deadline = budgetDeadline(sweep.createdAt, sweepBudget(sweep));
    const result: ScheduleResult = {
      status: sweep.status,
      addedTrialIds: [],
      queued: [],
      cancelledTrialIds: [],
      deadline: deadline && deadline > now && [...SCHEDULING, 'paused'].includes(sweep.status as SweepState) ? deadline : null,
    };

    // A stopping sweep ends here once its last trial ended (scheduling ones below, by scheduleStep).
    const stopped =
      sweep.status === 'stopping'
        ? sweepEnd(
            'stopping',
            trials.map((t) => t.status as TrialState),
          )
        : null;
    if (stopped) {
      await tx.sweep.update({ where: { id: sweepId }, data: { status: stopped, finishedAt: now }, select: { id: true } });
      result.status = stopped;
    }
    if (!SCHEDULING.includes(sweep.status as SweepState)) {
      result.queued = sweep.status === 'paused' ? [] : open.filter((t) => t.status === 'queued').map(queuedOf);
      return result;
    }

    const spec = sweep.spec as unknown as SweepSpec;
    const step = scheduleStep({
      spec,
      budget: sweepBudget(sweep),
      createdAt: sweep.createdAt,
      now,
      trials: trials.map((t) => toScheduled(t, spec.objective.metric)),
    });
    if (step.drop) {
      await tx.trial.updateMany({
        where: { id: { in: step.drop.ids }, status: { in: [...TRIAL_TRANSITIONS.drop.from] } },
        data: { status: TRIAL_TRANSITIONS.drop.to, finishedAt: now, statusReason: step.drop.reason },
      });
      result.cancelledTrialIds = step.drop.ids;
    }
    const index = trials.reduce((m, t) => Math.max(m, t.index + 1), 0);
    const newIds = step.add.map(() => randomUUID());
    const idOf = (parent: string | null) => (parent?.startsWith('#') ? newIds[Number(parent.slice(1))]! : parent);
    const rowOf = (t: (typeof step.add)[number], k: number): NewTrialRow => ({
      id: newIds[k]!,
      sweepId,
      index: index + k,
      name: t.name,
      model: t.model as object,
      training: t.training as object,
      variantHash: t.hash,
      params: (t.params ?? undefined) as object | undefined,
      parentId: idOf(t.parent),
      diff: (t.diff ?? undefined) as object | undefined,
      pool: t.pool,
    });
    const rows = await insertTrialsPipelined(tx, step.add, rowOf);
    result.addedTrialIds = newIds;
    const proposed = trials.filter((t) => t.status !== 'cancelled').length + newIds.length;
    const methodState = { exhausted: step.exhausted, drained: step.drained, proposed, lastStepAt: now.toISOString() };
    const settleOnly = !stepOnTrialEnd(spec, step.drained);
    if (step.finish) {
      const dropped = new Set(result.cancelledTrialIds);
      const cancel = step.finish.status === 'failed' ? open.map((t) => t.id).filter((id) => !dropped.has(id)) : [];
      if (cancel.length) {
        await tx.trial.updateMany({
          where: { id: { in: cancel }, status: { in: [...TRIAL_TRANSITIONS.cancel.from] } },
          data: { status: TRIAL_TRANSITIONS.cancel.to, finishedAt: now, statusReason: `the sweep failed: ${step.finish.reason}` },
        });
      }
      await tx.sweep.update({
        where: { id: sweepId },
        data: { status: step.finish.status, statusReason: step.finish.reason, finishedAt: now, methodState, stepOnTrialEnd: !settleOnly },
        select: { id: true },
      });
      result.status = step.finish.status;
      result.cancelledTrialIds = [...result.cancelledTrialIds, ...cancel];
      result.deadline = null;
      return result;
    }
    // select: the row's spec (megabytes for a big list) is not read back.
    await tx.sweep.update({ where: { id: sweepId }, data: { methodState, stepOnTrialEnd: !settleOnly }, select: { id: true } });
    const dropped = new Set(result.cancelledTrialIds);
    result.queued = [...open.filter((t) => t.status === 'queued' && !dropped.has(t.id)).map(queuedOf), ...rows.map(queuedOf)];
    return result;
  }
}

/** Per-epoch curves of the sweep's other trials, for the pruner (metric to minimise). */
export async function otherCurves(db: Db, sweepId: string, trialId: string, metric: 'valError' | 'valLoss'): Promise<number[][]> {
  const rows = await db.epochMetric.findMany({
    where: { trial: { sweepId, id: { not: trialId } } },
    orderBy: [{ trialId: 'asc' }, { epoch: 'asc' }],
    select: { trialId: true, epoch: true, valError: true, valLoss: true },
  });
  const curves = new Map<string, number[]>();
  for (const r of rows) {
    const c = curves.get(r.trialId) ?? [];
    c[r.epoch - 1] = r[metric];
    curves.set(r.trialId, c);
  }
  return [...curves.values()];
}

const LOSE: Statement = {
  name: 'trial-lose',
  text: `
    WITH lost AS (
      UPDATE "Trial" SET status = ${sqlList([TRIAL_TRANSITIONS.lose.to])}, error = 'the job failed outside training: ' || $2::text, "finishedAt" = now()
       WHERE id = $1::uuid AND status IN (${sqlList(TRIAL_TRANSITIONS.lose.from)})
      RETURNING id, "sweepId"
    ), dropped AS (
      DELETE FROM "Checkpoint" WHERE "trialId" IN (SELECT id FROM lost) RETURNING 1
    )
    SELECT "sweepId" FROM lost`,
};

/**
 * A trial whose job failed in the queue without its processor recording the end (BullMQ
 * failed it after it stalled too often: the workers that held it died) would stay queued
 * or running for ever, and its sweep with it. Marks it failed and drops its checkpoint row
 * (a failed trial resumes from nothing, as failTrial's), in one statement; returns its
 * sweep's id if this call changed it, so the caller can schedule the sweep's next step.
 */
export async function failLostTrial(db: Db, trialId: string, reason: string): Promise<string | null> {
  if (!isUuid(trialId)) return null;
  const [row] = await db.$sql.rows<{ sweepId: string }>(LOSE, [trialId, reason]);
  return row?.sweepId ?? null;
}
