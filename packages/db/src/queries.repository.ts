import type { Db } from './client.ts';
import { OBJECTIVE_COLUMN } from './objective-column.ts';
import type { EpochMetric, Sweep, SweepStatus, Trial, TrialStatus } from './generated/prisma/client.ts';
import { SweepStatus as SWEEP_STATUS, TrialStatus as TRIAL_STATUS } from './generated/prisma/enums.ts';

/**
 * Read-side queries for watching and comparing sweeps: sorted, paginated lists, the best
 * trial by best or last epoch, and the totals that /metrics exposes.
 */

/** Every state a sweep or trial can be in, straight from the schema (so new states appear here). */
export const SWEEP_STATUS_VALUES = Object.values(SWEEP_STATUS) as [SweepStatus, ...SweepStatus[]];
export const TRIAL_STATUS_VALUES = Object.values(TRIAL_STATUS) as [TrialStatus, ...TrialStatus[]];

export type SortOrder = 'asc' | 'desc';

const zeros = (values: string[]): Record<string, number> => ({ ...Object.fromEntries(values.map((v) => [v, 0])), total: 0 });

/** Prisma accepts `nulls` only on optional columns; rows without the value go last either way. */
function orderOn(column: string, order: SortOrder, nullable: readonly string[]) {
  return { [column]: nullable.includes(column) ? { sort: order, nulls: 'last' as const } : order };
}
const NULLABLE_TRIAL_COLUMNS = ['bestValError', 'testError', 'bestValLoss', 'bestEpoch', 'epochsRun', 'durationMs', 'paramCount', 'startedAt', 'finishedAt'];

export const SWEEP_SORT_FIELDS = ['createdAt', 'name', 'status', 'startedAt', 'finishedAt'] as const;
export type SweepSortField = (typeof SWEEP_SORT_FIELDS)[number];

/** A listed sweep: everything but its definition (megabytes for a 10,000-variant list). */
export interface SweepListItem extends Omit<Sweep, 'spec'> {
  /** The lowest validation error of a completed trial, null while none has completed. */
  bestValError: number | null;
  /** Trials by state, and their total. */
  trialCounts: Record<string, number>;
}

export async function listSweepsPage(
  db: Db,
  opts: { limit: number; offset: number; status?: SweepStatus; sort: SweepSortField; order: SortOrder; projectId?: string },
): Promise<{ items: SweepListItem[]; total: number }> {
  const where = { ...(opts.status ? { status: opts.status } : {}), ...(opts.projectId ? { projectId: opts.projectId } : {}) };
  const [items, total] = await db.$transaction([
    db.sweep.findMany({
      where,
      omit: { spec: true },
      // id breaks ties so that pages never overlap or skip rows.
      orderBy: [orderOn(opts.sort, opts.order, ['startedAt', 'finishedAt']), { id: 'asc' }],
      take: opts.limit,
      skip: opts.offset,
    }),
    db.sweep.count({ where }),
  ]);
  const groups = items.length
    ? await db.trial.groupBy({
        by: ['sweepId', 'status'],
        where: { sweepId: { in: items.map((s) => s.id) } },
        _min: { bestValError: true },
        _count: { _all: true },
      })
    : [];
  const extra = new Map(items.map((s) => [s.id, { bestValError: null as number | null, trialCounts: zeros(TRIAL_STATUS_VALUES) }]));
  for (const g of groups) {
    const e = extra.get(g.sweepId)!;
    e.trialCounts[g.status] = g._count._all;
    e.trialCounts.total = (e.trialCounts.total ?? 0) + g._count._all;
    if (g.status === 'completed') e.bestValError = g._min.bestValError;
  }
  return { items: items.map((s) => ({ ...s, ...extra.get(s.id)! })), total };
}

/** Trial columns a list can be sorted by; the metric names map to the trial's best values. */
export const TRIAL_SORT_FIELDS = [
  'index',
  'name',
  'status',
  'valError',
  'testError',
  'valLoss',
  'bestEpoch',
  'epochsRun',
  'durationMs',
  'paramCount',
  'startedAt',
  'finishedAt',
] as const;
export type TrialSortField = (typeof TRIAL_SORT_FIELDS)[number];

const TRIAL_SORT_COLUMN: Record<TrialSortField, keyof Trial> = {
  index: 'index',
  name: 'name',
  status: 'status',
  ...OBJECTIVE_COLUMN,
  bestEpoch: 'bestEpoch',
  epochsRun: 'epochsRun',
  durationMs: 'durationMs',
  paramCount: 'paramCount',
  startedAt: 'startedAt',
  finishedAt: 'finishedAt',
};

export async function listTrialsPage(
  db: Db,
  sweepId: string,
  opts: { status?: TrialStatus[]; sort: TrialSortField; order: SortOrder; limit: number; offset: number },
): Promise<{ items: Trial[]; total: number }> {
  const where = { sweepId, ...(opts.status?.length ? { status: { in: opts.status } } : {}) };
  const column = TRIAL_SORT_COLUMN[opts.sort];
  // Not one transaction: Prisma ends a transaction after 5 s, which 10,000 trials on a loaded
  // machine exceeded (the dashboard's page failed with 500, bench/dashboard-scale.ts). A
  // trial ending between the two reads makes the total one off, which a page count survives.
  const [items, total] = await Promise.all([
    db.trial.findMany({
      where,
      // Trials without the value yet (still training) go last in either direction.
      orderBy: [orderOn(column, opts.order, NULLABLE_TRIAL_COLUMNS), { index: 'asc' }],
      take: opts.limit,
      skip: opts.offset,
    }),
    db.trial.count({ where }),
  ]);
  return { items, total };
}

export type BestStrategy = 'best-epoch' | 'last-epoch';

/** The validation metrics' values at each trial's last epoch (recorded at completion). */
const LAST_EPOCH_COLUMN = { valError: 'lastValError', valLoss: 'lastValLoss' } as const satisfies Record<string, keyof Trial>;
export type BestMetric = 'valError' | 'testError' | 'valLoss';

export interface BestTrialAnswer {
  trial: Trial;
  /** The metric's value under the strategy. */
  value: number;
  /** The epoch the value comes from (testError is measured once, after training). */
  epoch: number | null;
  curve: EpochMetric[];
}

/**
 * The completed trial that is best by `metric` (lowest), judged at each trial's best epoch
 * (what early stopping keeps) or its last epoch (what the model ended at). Ties go to the
 * earlier trial. The test error is measured once per trial, so both strategies agree on it.
 */
export async function bestTrialBy(db: Db, sweepId: string, metric: BestMetric, strategy: BestStrategy): Promise<BestTrialAnswer | null> {
  // Each strategy's value is a column of the trial (the last epoch's recorded at completion):
  // one index-served read, not a probe into the epochs of every trial.
  const column = metric === 'testError' || strategy === 'best-epoch' ? OBJECTIVE_COLUMN[metric] : LAST_EPOCH_COLUMN[metric];
  const t = await db.trial.findFirst({
    where: { sweepId, status: 'completed', [column]: { not: null } },
    orderBy: [{ [column]: 'asc' }, { index: 'asc' }],
  });
  if (!t) return null;
  const curve = await db.epochMetric.findMany({ where: { trialId: t.id }, orderBy: { epoch: 'asc' } });
  // The test error is measured with the best epoch's weights, whichever the strategy.
  const epoch = metric === 'testError' || strategy === 'best-epoch' ? t.bestEpoch : t.lastEpoch;
  return { trial: t, value: t[column]!, epoch, curve };
}

/** Every epoch of every trial of a sweep, for learning curves of many trials in one request. */
export async function sweepEpochs(db: Db, sweepId: string): Promise<EpochMetric[]> {
  return db.epochMetric.findMany({
    where: { trial: { sweepId } },
    orderBy: [{ trialId: 'asc' }, { epoch: 'asc' }],
  });
}

export interface ServiceTotals {
  trialsByStatus: Record<string, number>;
  sweepsByStatus: Record<string, number>;
  epochsTrained: number;
  /** Mean training samples/s over the epochs recorded in the last `windowSeconds`, 0 if none. */
  recentSamplesPerSec: number;
}

export async function serviceTotals(db: Db, windowSeconds = 300): Promise<ServiceTotals> {
  const since = new Date(Date.now() - windowSeconds * 1000);
  const [trials, sweeps, epochsTrained, recent] = await Promise.all([
    db.trial.groupBy({ by: ['status'], _count: { _all: true } }),
    db.sweep.groupBy({ by: ['status'], _count: { _all: true } }),
    db.epochMetric.count(),
    db.epochMetric.aggregate({ where: { createdAt: { gte: since } }, _avg: { samplesPerSec: true } }),
  ]);
  const byState = (values: string[]) => Object.fromEntries(values.map((v) => [v, 0])) as Record<string, number>;
  const trialsByStatus = byState(TRIAL_STATUS_VALUES);
  for (const g of trials) trialsByStatus[g.status] = g._count._all;
  const sweepsByStatus = byState(SWEEP_STATUS_VALUES);
  for (const g of sweeps) sweepsByStatus[g.status] = g._count._all;
  return { trialsByStatus, sweepsByStatus, epochsTrained, recentSamplesPerSec: recent._avg.samplesPerSec ?? 0 };
}
