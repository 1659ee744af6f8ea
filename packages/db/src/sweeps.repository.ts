import { ConflictError, NotFoundError, type Budget, type SweepSpec, type VariantSpec } from '@modelspace/core';
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

/**
 * Cancels a sweep and every trial not yet finished; returns the ids of those trials so the
 * caller can remove their jobs and stop the running ones. A finished sweep is left as is.
 */
export async function cancelSweep(
  db: Db,
  id: string,
): Promise<{ sweep: Sweep; cancelledTrialIds: string[]; changed: boolean }> {
  return db.$transaction(async (tx) => {
    const sweep = isUuid(id) ? await tx.sweep.findUnique({ where: { id } }) : null;
    if (!sweep) throw new NotFoundError('sweep', id);
    if (!['queued', 'running', 'paused', 'stopping'].includes(sweep.status)) {
      return { sweep, cancelledTrialIds: [], changed: false };
    }
    const open = await tx.trial.findMany({
      where: { sweepId: id, status: { in: ['queued', 'running'] } },
      select: { id: true },
    });
    const now = new Date();
    await tx.trial.updateMany({
      where: { sweepId: id, status: { in: ['queued', 'running'] } },
      data: { status: 'cancelled', finishedAt: now },
    });
    const updated = await tx.sweep.update({
      where: { id },
      data: { status: 'cancelled', finishedAt: now },
    });
    return { sweep: updated, cancelledTrialIds: open.map((t) => t.id), changed: true };
  });
}

/** Which lifecycle action is allowed from which state; anything else is a 409 with the reason. */
const FROM: Record<'pause' | 'resume' | 'stop', SweepStatus[]> = {
  pause: ['queued', 'running'],
  resume: ['paused'],
  stop: ['queued', 'running', 'paused'],
};

async function lockedSweep(tx: Parameters<Parameters<Db['$transaction']>[0]>[0], id: string): Promise<Sweep> {
  if (!isUuid(id)) throw new NotFoundError('sweep', id);
  await tx.$queryRaw`SELECT id FROM "Sweep" WHERE id = ${id}::uuid FOR UPDATE`;
  const sweep = await tx.sweep.findUnique({ where: { id } });
  if (!sweep) throw new NotFoundError('sweep', id);
  return sweep;
}

function refuse(action: string, sweep: Sweep, allowed: SweepStatus[]): never {
  throw new ConflictError(`cannot ${action} sweep ${sweep.id}: it is ${sweep.status}; only a ${allowed.join(' or ')} sweep can be ${action === 'stop' ? 'stopped' : `${action}d`}`);
}

/** Pause (no new trial starts; running ones finish) or resume. */
export async function setSweepPaused(db: Db, id: string, paused: boolean): Promise<Sweep> {
  return db.$transaction(async (tx) => {
    const sweep = await lockedSweep(tx, id);
    const action = paused ? 'pause' : 'resume';
    if (!FROM[action].includes(sweep.status)) refuse(action, sweep, FROM[action]);
    const resumeTo = sweep.startedAt ? 'running' : 'queued';
    return tx.sweep.update({
      where: { id },
      data: paused ? { status: 'paused', statusReason: 'paused by the user' } : { status: resumeTo, statusReason: null },
    });
  });
}

/**
 * Stop: queued trials are cancelled, running ones end at their next epoch boundary with
 * their results kept; the sweep is `stopping` until the last one ends, then `stopped`.
 */
export async function stopSweep(db: Db, id: string): Promise<{ sweep: Sweep; cancelledTrialIds: string[] }> {
  return db.$transaction(async (tx) => {
    const sweep = await lockedSweep(tx, id);
    if (!FROM.stop.includes(sweep.status)) refuse('stop', sweep, FROM.stop);
    const queued = await tx.trial.findMany({ where: { sweepId: id, status: 'queued' }, select: { id: true } });
    const now = new Date();
    await tx.trial.updateMany({ where: { sweepId: id, status: 'queued' }, data: { status: 'cancelled', finishedAt: now, statusReason: 'the sweep was stopped' } });
    const running = await tx.trial.count({ where: { sweepId: id, status: 'running' } });
    const updated = await tx.sweep.update({
      where: { id },
      data: running ? { status: 'stopping', statusReason: 'stopped by the user' } : { status: 'stopped', statusReason: 'stopped by the user', finishedAt: now },
    });
    return { sweep: updated, cancelledTrialIds: queued.map((t) => t.id) };
  });
}

export interface SweepPatch {
  /** The limits that change (null lifts one); the others stay. */
  budget: Budget;
  addVariants?: VariantSpec[];
}

const FINISHED: SweepStatus[] = ['completed', 'failed', 'stopped'];

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
    const reopen = FINISHED.includes(sweep.status);
    return tx.sweep.update({
      where: { id },
      data: {
        ...budget,
        spec: nextSpec as object,
        ...(reopen ? { status: 'running', finishedAt: null, statusReason: 'reopened by PATCH' } : {}),
      },
    });
  });
}
