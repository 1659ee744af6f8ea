import { effectiveBudget, gridAssignments, applyAssignment, materialiser, scheduleStep, type SweepSpec } from '@modelspace/core';

const PREVIEW = 10;
const GRID_COUNT_LIMIT = 100_000;

/**
 * What a definition expands to, creating nothing: how many trials (null when it depends
 * on results, as for a walk) and the first proposals with their parents and diffs.
 */
export function dryRun(spec: SweepSpec) {
  const budget = effectiveBudget(spec);
  const step = scheduleStep({ spec, budget: { ...budget, maxConcurrentTrials: PREVIEW }, createdAt: new Date(), now: new Date(), trials: [], maxBatch: PREVIEW });
  return {
    dryRun: true,
    method: spec.method,
    budget,
    trials: countTrials(spec, budget.maxTrials),
    proposals: step.add.map((t, i) => ({ order: i, name: t.name, params: t.params, model: t.model, training: t.training, parent: t.parent, diff: t.diff })),
  };
}

function countTrials(spec: SweepSpec, maxTrials: number | null): number | null {
  const cap = (n: number) => (maxTrials === null ? n : Math.min(n, maxTrials));
  const materialise = materialiser(spec);
  const explicit = new Set((spec.variants ?? []).map((v) => materialise(v as never)).flatMap((m) => (m.ok ? [m.hash] : [])));
  if (spec.method === 'list') return cap(explicit.size);
  if (spec.method === 'walk' || !spec.space) return null;
  if (spec.method === 'grid') {
    let n = 0;
    for (const params of gridAssignments(spec.space)) {
      const m = materialise(applyAssignment(spec.space, params));
      if (m.ok && !explicit.has(m.hash)) {
        explicit.add(m.hash);
        n++;
      }
      if (n >= GRID_COUNT_LIMIT) break;
    }
    return cap(explicit.size);
  }
  return maxTrials;
}
