import { bestUpTo, CONTINUE, fmt, type PruneDecision, type PruneInput } from './decision.ts';

/**
 * Median stopping (Golovin et al. 2017, Google Vizier): stop a trial whose best value by
 * epoch e is worse than the median of the other trials' best values by epoch e.
 */
export interface MedianOptions {
  /** No decision before this epoch: early epochs are noisy. */
  warmupEpochs: number;
  /** No decision until this many other trials have reached the epoch. */
  minTrials: number;
}

export function median(input: PruneInput, o: MedianOptions): PruneDecision {
  const { epoch } = input;
  if (epoch < o.warmupEpochs) return CONTINUE;
  const mine = bestUpTo(input.curve, epoch);
  const others = input.others
    .map((c) => bestUpTo(c, epoch))
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  if (mine === null || others.length < Math.max(1, o.minTrials)) return CONTINUE;
  const mid = others.length / 2;
  const med = others.length % 2 ? others[Math.floor(mid)]! : (others[mid - 1]! + others[mid]!) / 2;
  if (mine <= med) return CONTINUE;
  return { stop: true, reason: `median stopping at epoch ${epoch}: best ${fmt(mine)} is worse than the median ${fmt(med)} of ${others.length} other trials` };
}
