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

/** A synthetic space with its objective (to minimise), shared by the tests and the search bench. */
export interface SyntheticSpace {
  parameters: Record<string, Record<string, unknown>>;
  f(p: Assignment): number;
}

/**
 * A categorical trap, like a real sweep's space: "a" is good everywhere (0.3), "d" is the
 * best (0) only in a narrow band of its own conditional gate; a uniform, a stepped int and a
 * log-scaled int besides. Minimum 0 at kind d, gate 0.7, x 1.5, units 70, width 32.
 */
export const TRAP_SPACE: SyntheticSpace = {
  parameters: {
    'model.kind': { type: 'categorical', values: ['a', 'b', 'c', 'd'] },
    'model.gate': { type: 'uniform', min: 0, max: 1, when: { 'model.kind': ['d'] } },
    'model.x': { type: 'uniform', min: -5, max: 5 },
    'model.units': { type: 'int', min: 0, max: 100, step: 10 },
    'model.width': { type: 'int', min: 1, max: 1024, log: true },
  },
  f(p) {
    const kind = p['model.kind'] as string;
    const byKind = kind === 'd' ? 3 * Math.abs((p['model.gate'] as number) - 0.7) : ({ a: 0.3, b: 0.6, c: 1 } as Record<string, number>)[kind]!;
    const x = ((p['model.x'] as number) - 1.5) / 5;
    const units = ((p['model.units'] as number) - 70) / 100;
    const width = (Math.log2(p['model.width'] as number) - 5) / 5;
    return byKind + x ** 2 + units ** 2 + width ** 2;
  },
};

/**
 * The trap's other side: a categorical that simply matters (four values 0.3 apart, the first
 * the best) beside four uniform parameters, where trying a category again costs trials.
 * Minimum 0 at kind a, x0 1, x1 -2, x2 0.3, x3 0.8.
 */
export const CATEGORIES_SPACE: SyntheticSpace = {
  parameters: {
    'model.kind': { type: 'categorical', values: ['a', 'b', 'c', 'd'] },
    'model.x0': { type: 'uniform', min: -5, max: 5 },
    'model.x1': { type: 'uniform', min: -5, max: 5 },
    'model.x2': { type: 'uniform', min: 0, max: 1 },
    'model.x3': { type: 'uniform', min: 0, max: 1 },
  },
  f(p) {
    const byKind = ({ a: 0, b: 0.3, c: 0.6, d: 0.9 } as Record<string, number>)[p['model.kind'] as string]!;
    const [x0, x1, x2, x3] = [0, 1, 2, 3].map((i) => p[`model.x${i}`] as number) as [number, number, number, number];
    return byKind + ((x0 - 1) / 5) ** 2 + ((x1 + 2) / 5) ** 2 + (x2 - 0.3) ** 2 + (x3 - 0.8) ** 2;
  },
};
