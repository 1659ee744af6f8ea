import { bestUpTo, CONTINUE, fmt, type PruneDecision, type PruneInput } from './decision.ts';

/**
 * Asynchronous successive halving (Li et al. 2020, ASHA): rungs at epochs r, rη, rη², …;
 * at a rung a trial goes on only if its best value so far is among the top 1/η of the
 * trials that reached that rung (itself included). Asynchronous, it never waits for a
 * full cohort: only the very first trial at a rung always goes on (with fewer than η
 * there, the top 1/η is the single best); a later one is judged against those before it.
 */
export interface AshaOptions {
  minEpochs: number;
  reductionFactor: number;
}

export function isRung(epoch: number, o: AshaOptions): boolean {
  for (let r = o.minEpochs; r <= epoch; r *= o.reductionFactor) if (r === epoch) return true;
  return false;
}

export function asha(input: PruneInput, o: AshaOptions): PruneDecision {
  const { epoch } = input;
  if (!isRung(epoch, o)) return CONTINUE;
  const mine = bestUpTo(input.curve, epoch);
  if (mine === null) return CONTINUE;
  const competing = [mine, ...input.others.map((c) => bestUpTo(c, epoch)).filter((v): v is number => v !== null)].sort((a, b) => a - b);
  const k = Math.max(1, Math.floor(competing.length / o.reductionFactor));
  const cutoff = competing[k - 1]!;
  if (mine <= cutoff) return CONTINUE;
  return {
    stop: true,
    reason: `ASHA rung at epoch ${epoch}: best ${fmt(mine)} is not in the top ${k} of ${competing.length} (cutoff ${fmt(cutoff)})`,
  };
}
