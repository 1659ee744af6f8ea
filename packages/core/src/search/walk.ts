import type { Assignment, Param, ParamValue } from '../space/space.ts';
import { logSteps, roundTo, startValue } from '../space/space.ts';
import { applyAssignment, decide } from '../space/assignment.ts';
import { canonicalJson } from '../space/variant.ts';
import { takenHashes, tryPropose, type Observation, type Proposal, type SearchContext, type SearchMethod } from './method.ts';
import { snapInt, snapLog, snapUniform } from './sample.ts';

/**
 * The seed study's own way through model space: start from a base variant; each round
 * propose the neighbours of the best variant so far that change one knob; keep the best;
 * stop when every neighbour of the best has been tried and none improved on it.
 * Every proposal names the best as its parent.
 */
export const DEFAULT_LOG_FACTOR = Math.sqrt(10);

export const walk: SearchMethod = {
  ask(ctx) {
    const taken = takenHashes(ctx.history);
    const searchable = ctx.history.filter((h) => h.params !== null);
    const pending = ctx.history.some((h) => h.state === 'pending');
    const base = searchable[0];
    if (!base) {
      // First round: the base variant itself, and its neighbours in any other free slot.
      const params = decide(ctx.space, (_path, p) => startValue(p));
      const p = tryPropose(ctx, taken, params, applyAssignment(ctx.space, params));
      if (!p) return { proposals: [], exhausted: true };
      return { proposals: proposeNeighbours(ctx, taken, params, p.hash, [p]), exhausted: false };
    }
    // While the base runs, slots that free up try its neighbours: the round after it would
    // propose exactly these, so a walk with several slots keeps them busy from the start.
    // A neighbour that ends first is not a new centre until the base has been measured.
    if (base.state === 'pending') return { proposals: proposeNeighbours(ctx, taken, base.params!, base.hash, []), exhausted: false };
    const best = bestDone(searchable);
    if (!best) return { proposals: [], exhausted: !pending };
    const proposals = proposeNeighbours(ctx, taken, best.params!, best.hash, []);
    // No untried neighbour: done unless a pending one may still beat the best.
    return { proposals, exhausted: proposals.length === 0 && !pending };
  },
};

/** Untried one-knob neighbours of `center`, after `proposals`, until the free slots are full. */
function proposeNeighbours(ctx: SearchContext, taken: Set<string>, center: Assignment, centerHash: string, proposals: Proposal[]): Proposal[] {
  for (const params of neighbours(ctx.space.parameters, center, ctx)) {
    if (proposals.length >= ctx.n) break;
    const p = tryPropose(ctx, taken, params, applyAssignment(ctx.space, params), centerHash);
    if (p) proposals.push(p);
  }
  return proposals;
}

function bestDone(history: readonly Observation[]): Observation | null {
  let best: Observation | null = null;
  for (const h of history) if (h.state === 'done' && h.value !== null && (!best || h.value < best.value!)) best = h;
  return best;
}

/** Every assignment that changes one knob of `center` (conditional knobs follow their parents). */
export function* neighbours(parameters: Record<string, Param>, center: Assignment, ctx: { space: Parameters<typeof decide>[0] }): Generator<Assignment> {
  for (const [path, p] of Object.entries(parameters)) {
    if (!(path in center)) continue;
    for (const alt of alternatives(p, center[path]!)) {
      yield decide(ctx.space, (q, qp) => (q === path ? alt : q in center ? center[q]! : startValue(qp)));
    }
  }
}

/** The values one step away from `v` on a parameter's own scale. */
export function alternatives(p: Param, v: ParamValue): ParamValue[] {
  const distinct = (xs: ParamValue[]) => xs.filter((x, i) => canonicalJson(x) !== canonicalJson(v) && xs.findIndex((y) => canonicalJson(y) === canonicalJson(x)) === i);
  switch (p.type) {
    case 'fixed':
      return [];
    case 'categorical':
      return distinct(p.values);
    case 'int': {
      const n = v as number;
      return distinct(p.log ? [snapInt(p, n / 2), snapInt(p, n * 2)] : [snapInt(p, n - p.step), snapInt(p, n + p.step)]);
    }
    case 'uniform': {
      const step = p.step ?? (p.max - p.min) / 10;
      const n = v as number;
      return distinct([snapUniform(p, roundTo(n - step, step)), snapUniform(p, roundTo(n + step, step))]);
    }
    case 'loguniform': {
      const n = v as number;
      if (p.factor) return distinct(logGridNeighbours(p.min, p.max, p.factor, n));
      return distinct([snapLog(p, n / DEFAULT_LOG_FACTOR), snapLog(p, n * DEFAULT_LOG_FACTOR)]);
    }
  }
}

/**
 * The grid points min·factor^k just below and just above `v` (one step either way when
 * `v` is on the grid), so a walk from a start off the grid skips no grid value.
 */
function logGridNeighbours(min: number, max: number, factor: number, v: number): number[] {
  const k = Math.log(v / min) / Math.log(factor);
  const top = logSteps(min, max, factor);
  const at = (i: number) => Number((min * factor ** Math.min(top, Math.max(0, i))).toPrecision(12));
  return [at(Math.ceil(k - 1e-9) - 1), at(Math.floor(k + 1e-9) + 1)];
}
