/**
 * What a pruner answers after each epoch. Curves are per-epoch values of the metric to
 * MINIMISE (index 0 = epoch 1), for the trial being judged and for the other trials of
 * the sweep (finished or still running).
 */
export interface PruneInput {
  epoch: number;
  curve: readonly number[];
  others: readonly (readonly number[])[];
  /** The trial's last epoch, when known: stopping there saves nothing, so no pruner does. */
  maxEpochs?: number;
}

export type PruneDecision = { stop: false } | { stop: true; reason: string };

export const CONTINUE: PruneDecision = { stop: false };

/** Best value reached by epoch `epoch` (1-based), or null if the curve is shorter. */
export function bestUpTo(curve: readonly number[], epoch: number): number | null {
  if (curve.length < epoch) return null;
  let best = Infinity;
  for (let i = 0; i < epoch; i++) if (curve[i]! < best) best = curve[i]!;
  return best;
}

export const fmt = (v: number) => Number(v.toPrecision(4)).toString();
