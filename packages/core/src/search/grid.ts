import type { Assignment, ParamValue, SearchSpace } from '../space/space.ts';
import { gridValues } from '../space/space.ts';
import { applyAssignment, clonePlain, isActive, setPath } from '../space/assignment.ts';
import { takenHashes, tryPropose, type SearchMethod } from './method.ts';

/**
 * Every combination of the grid values, in a fixed order: the first parameter varies
 * slowest. Conditional parameters only branch where their condition holds.
 */
export function* gridAssignments(space: SearchSpace): Generator<Assignment> {
  const entries = Object.entries(space.parameters);
  function* walk(i: number, partial: Record<string, unknown>, acc: Assignment): Generator<Assignment> {
    if (i === entries.length) {
      yield { ...acc };
      return;
    }
    const [path, p] = entries[i]!;
    if (!isActive(p, partial)) {
      yield* walk(i + 1, partial, acc);
      return;
    }
    for (const v of gridValues(p) as ParamValue[]) {
      const next = clonePlain(partial);
      setPath(next, path, v);
      yield* walk(i + 1, next, { ...acc, [path]: v });
    }
  }
  yield* walk(0, clonePlain(space.base) as Record<string, unknown>, {});
}

/** How many variants a grid holds before infeasible or duplicate ones are dropped. */
export function gridSize(space: SearchSpace, limit = 1_000_000): number {
  let n = 0;
  for (const _ of gridAssignments(space)) if (++n >= limit) break;
  return n;
}

export const grid: SearchMethod = {
  ask(ctx) {
    const taken = takenHashes(ctx.history);
    const proposals = [];
    for (const params of gridAssignments(ctx.space)) {
      const p = tryPropose(ctx, taken, params, applyAssignment(ctx.space, params));
      if (!p) continue;
      if (proposals.length === ctx.n) return { proposals, exhausted: false };
      proposals.push(p);
    }
    return { proposals, exhausted: true };
  },
};
