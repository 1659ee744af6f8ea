import { decidePrune, type PrunerSpec } from '@modelspace/core';
import { listEpochs, otherCurves, sweepStatus as sweepStatusOf, type Db } from '@modelspace/db';

/**
 * After each epoch: should this trial end now? Yes if its sweep is stopping (results
 * kept), or if the sweep's pruner (ASHA, median) says its curve is not worth finishing.
 * Reads the other trials' curves from Postgres, so every worker judges on the same data.
 */
export function createPruneCheck(db: Db, sweepId: string, trialId: string, sweep: { pruner: PrunerSpec | null; objective: string }, maxEpochs: number) {
  const pruner = sweep.pruner ?? { type: 'none' as const };
  // Test error exists only at the end: prune on validation error then.
  const metric = sweep.objective === 'valLoss' ? 'valLoss' : 'valError';
  /** `sweepStatus`: the sweep's status as just read (epochStatus), else it is read here. */
  return async (epoch: number, sweepStatus: string | null = null): Promise<{ pruned: string | null } | null> => {
    const status = sweepStatus ?? (await sweepStatusOf(db, sweepId));
    if (status === 'stopping') return { pruned: null };
    if (pruner.type === 'none') return null;
    const curve = (await listEpochs(db, trialId)).map((e) => e[metric]);
    const others = await otherCurves(db, sweepId, trialId, metric);
    const d = decidePrune(pruner, { epoch, curve, others, maxEpochs });
    return d.stop ? { pruned: d.reason } : null;
  };
}
