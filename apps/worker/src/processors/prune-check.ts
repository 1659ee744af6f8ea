import { decidePrune, type SweepSpec } from '@modelspace/core';
import { listEpochs, otherCurves, type Db } from '@modelspace/db';

/**
 * After each epoch: should this trial end now? Yes if its sweep is stopping (results
 * kept), or if the sweep's pruner (ASHA, median) says its curve is not worth finishing.
 * Reads the other trials' curves from Postgres, so every worker judges on the same data.
 */
export async function createPruneCheck(db: Db, sweepId: string, trialId: string) {
  const sweep = await db.sweep.findUnique({ where: { id: sweepId }, select: { spec: true, objective: true } });
  const spec = sweep?.spec as unknown as SweepSpec | undefined;
  const pruner = spec?.pruner ?? { type: 'none' as const };
  // Test error exists only at the end: prune on validation error then.
  const metric = sweep?.objective === 'valLoss' ? 'valLoss' : 'valError';
  return async (epoch: number): Promise<{ pruned: string | null } | null> => {
    const now = await db.sweep.findUnique({ where: { id: sweepId }, select: { status: true } });
    if (now?.status === 'stopping') return { pruned: null };
    if (pruner.type === 'none') return null;
    const curve = (await listEpochs(db, trialId)).map((e) => e[metric]);
    const others = await otherCurves(db, sweepId, trialId, metric);
    const d = decidePrune(pruner, { epoch, curve, others });
    return d.stop ? { pruned: d.reason } : null;
  };
}
