import type { SweepSpec, TrialPlan } from '@modelspace/core';
import { isUuid } from './ids.ts';
import { NotFoundError } from '@modelspace/core';
import type { Db } from './client.ts';
import type { Sweep, SweepStatus, TrialStatus } from './generated/prisma/client.ts';

export type TrialCounts = Record<TrialStatus, number> & { total: number };

export interface SweepWithCounts extends Sweep {
  trialCounts: TrialCounts;
}

/** Sweep and all its trials in one transaction: a failure leaves no rows at all. */
export async function createSweepWithTrials(
  db: Db,
  input: { id: string; spec: SweepSpec; trials: (TrialPlan & { id: string })[] },
): Promise<Sweep> {
  const { id, spec, trials } = input;
  const [sweep] = await db.$transaction([
    db.sweep.create({
      data: {
        id,
        name: spec.name,
        description: spec.description ?? null,
        method: spec.method,
        objective: spec.objective.metric,
        goal: spec.objective.goal,
        spec: spec as object,
      },
    }),
    db.trial.createMany({
      data: trials.map((t) => ({
        id: t.id,
        sweepId: id,
        index: t.index,
        name: t.name,
        model: t.model as object,
        training: t.training as object,
      })),
    }),
  ]);
  return sweep;
}

/** Deletes a sweep and its trials: used to undo a creation whose enqueue failed. */
export async function deleteSweep(db: Db, id: string): Promise<void> {
  await db.sweep.deleteMany({ where: { id } });
}

export async function trialCounts(db: Db, sweepId: string): Promise<TrialCounts> {
  const groups = await db.trial.groupBy({ by: ['status'], where: { sweepId }, _count: { _all: true } });
  const counts: TrialCounts = { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0, total: 0 };
  for (const g of groups) {
    counts[g.status] = g._count._all;
    counts.total += g._count._all;
  }
  return counts;
}

export async function getSweep(db: Db, id: string): Promise<SweepWithCounts> {
  const sweep = isUuid(id) ? await db.sweep.findUnique({ where: { id } }) : null;
  if (!sweep) throw new NotFoundError('sweep', id);
  return { ...sweep, trialCounts: await trialCounts(db, id) };
}

export async function listSweeps(
  db: Db,
  opts: { limit: number; offset: number; status?: SweepStatus },
): Promise<{ items: Sweep[]; total: number }> {
  const where = opts.status ? { status: opts.status } : {};
  const [items, total] = await db.$transaction([
    db.sweep.findMany({ where, orderBy: { createdAt: 'desc' }, take: opts.limit, skip: opts.offset }),
    db.sweep.count({ where }),
  ]);
  return { items, total };
}

/** queued → running when its first trial starts. */
export async function markSweepRunning(db: Db, id: string): Promise<void> {
  await db.sweep.updateMany({
    where: { id, status: 'queued' },
    data: { status: 'running', startedAt: new Date() },
  });
}

/**
 * Ends the sweep once no trial is queued or running: completed if any trial completed,
 * else failed. One statement, so two workers finishing the last two trials at once
 * cannot both miss (or both make) the transition.
 */
export async function finishSweepIfDone(db: Db, id: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "Sweep" s
       SET status = (CASE WHEN EXISTS (SELECT 1 FROM "Trial" t WHERE t."sweepId" = s.id AND t.status = 'completed')
                          THEN 'completed' ELSE 'failed' END)::"SweepStatus",
           "finishedAt" = now(), "updatedAt" = now()
     WHERE s.id = ${id}::uuid
       AND s.status IN ('queued', 'running')
       AND NOT EXISTS (SELECT 1 FROM "Trial" t WHERE t."sweepId" = s.id AND t.status IN ('queued', 'running'))`;
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
    if (sweep.status !== 'queued' && sweep.status !== 'running') {
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
