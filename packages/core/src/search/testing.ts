// Test helpers for search methods: synthetic objectives with known optima, clearly test-only.
import { SearchSpace, type Assignment } from '../space/space.ts';
import { canonicalJson } from '../space/variant.ts';
import type { RawVariant } from '../space/assignment.ts';
import type { Materialised, Observation, SearchMethod } from './method.ts';

/** Any variant is feasible; its hash is its canonical JSON. */
export function plainMaterialise(variant: RawVariant): Materialised {
  return { ok: true, hash: canonicalJson(variant), model: variant.model, training: variant.training ?? {} };
}

/**
 * Runs a method sequentially (one proposal per round, told the result at once) for
 * `budget` trials against `objective`; returns the best value and every assignment tried.
 */
export function runSearch(method: SearchMethod, spaceInput: unknown, objective: (p: Assignment) => number, budget: number, seed: number) {
  const space = SearchSpace.parse(spaceInput);
  const history: (Observation & { params: Assignment })[] = [];
  for (let i = 0; i < budget; i++) {
    const { proposals, exhausted } = method.ask({ space, history, n: 1, seed, materialise: plainMaterialise });
    if (!proposals.length || (exhausted && !proposals.length)) break;
    const p = proposals[0]!;
    history.push({ hash: p.hash, params: p.params!, value: objective(p.params!), state: 'done' });
  }
  return { best: Math.min(...history.map((h) => h.value!)), history };
}
