import { createRng } from '../space/rng.ts';
import { treeVariance } from './fanova.ts';
import { fitForest, FOREST_DEFAULTS, type ForestFeature } from './random-forest.ts';

/**
 * Hyperparameter importance by fANOVA over a random forest, as Optuna's default evaluator
 * computes it: a forest is fitted to (parameters → objective) over the finished trials,
 * and each tree's prediction variance over the whole space is split into the share of each
 * parameter alone (its main effect) and of each pair (their interaction). A parameter's
 * importance is its main-effect share averaged over the trees, normalised so the
 * importances sum to 1 (Optuna's number); the unnormalised shares and the pairs are given
 * too, so an effect that only shows jointly (x·y) is not hidden.
 */
export interface ImportanceParameter {
  name: string;
  /** Numeric parameters are split on thresholds (on log10 of the value when `log`); categorical ones on sets of values. */
  kind: 'numeric' | 'categorical';
  log?: boolean;
}

export interface ImportanceRow {
  /** A missing parameter (undefined) is inactive in that trial (a conditional parameter whose condition failed). */
  values: Record<string, unknown>;
  objective: number;
}

export interface ImportanceOptions {
  seed: number;
  trees: number;
  /** At most this many rows are fitted (a seeded sample of them): the cost grows with trees × rows × parameters², and the API answers on its event loop. */
  maxRows: number;
  /** Below this many rows the answer is "too few trials", not noise. */
  minTrials: number;
}

/** Fewer finished trials than this and a forest over them fits noise: the answer says so. */
export const MIN_IMPORTANCE_TRIALS = 10;
export const IMPORTANCE_DEFAULTS: ImportanceOptions = { seed: 0, trees: FOREST_DEFAULTS.trees, maxRows: 500, minTrials: MIN_IMPORTANCE_TRIALS };

export interface ParameterImportance {
  name: string;
  /** Main-effect share normalised over the parameters: sums to 1 (0 for all when nothing varies). */
  importance: number;
  /** Share of the objective's variance this parameter explains alone (mean over trees). */
  mainEffect: number;
  /** Standard deviation of that share over the trees. */
  std: number;
}

export type ImportanceAnswer =
  | {
      status: 'ok';
      method: 'fanova';
      trials: number;
      /** Rows the forest was fitted to (a sample when trials > maxRows). */
      used: number;
      trees: number;
      seed: number;
      /** Most important first. */
      parameters: ParameterImportance[];
      /** Pairs whose joint effect goes beyond their main effects, largest first (share of variance). */
      interactions: Array<{ a: string; b: string; share: number }>;
    }
  | { status: 'too-few-trials' | 'nothing-varies'; trials: number; minimum: number; reason: string; parameters: []; interactions: [] };

const INACTIVE = '\u0000inactive';

/** One parameter as forest features see it: how to turn a trial's value into a number, and the domain. */
function encoder(p: ImportanceParameter, rows: ImportanceRow[]): { feature: ForestFeature; encode: (v: unknown) => number } | null {
  const present = rows.map((r) => r.values[p.name]).filter((v) => v !== undefined);
  const inactive = present.length < rows.length;
  if (p.kind === 'numeric' && present.every((v) => typeof v === 'number' && Number.isFinite(v) && (!p.log || v > 0))) {
    const t = (v: number) => (p.log ? Math.log10(v) : v);
    const values = present.map((v) => t(v as number));
    if (!values.length) return null;
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    if (!inactive) return lo === hi ? null : { feature: { kind: 'numeric', lo, hi }, encode: (v) => t(v as number) };
    // Inactive is one more value below the active range, owning the share of the measure
    // that the inactive trials have of all trials (a uniform measure has no better guess).
    const share = (rows.length - present.length) / rows.length;
    const span = hi > lo ? hi - lo : 1;
    const below = lo - (span * share) / (1 - share);
    return { feature: { kind: 'numeric', lo: below, hi: hi > lo ? hi : lo + span, activeLo: lo }, encode: (v) => (v === undefined ? below : t(v as number)) };
  }
  const key = (v: unknown) => (v === undefined ? INACTIVE : JSON.stringify(v));
  const categories = [...new Set(rows.map((r) => key(r.values[p.name])))].sort();
  if (categories.length < 2) return null;
  const index = new Map(categories.map((c, i) => [c, i]));
  return { feature: { kind: 'categorical', categories: categories.length }, encode: (v) => index.get(key(v))! };
}

/** A seeded sample of `k` rows out of `rows` (all of them when there are no more than k). */
function sample<T>(rows: T[], k: number, seed: number): T[] {
  if (rows.length <= k) return rows;
  const rng = createRng(seed, 0x5a3b1e);
  const copy = [...rows];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, k);
}

export function importance(parameters: ImportanceParameter[], allRows: ImportanceRow[], options: Partial<ImportanceOptions> = {}): ImportanceAnswer {
  const o = { ...IMPORTANCE_DEFAULTS, ...options };
  const finite = allRows.filter((r) => Number.isFinite(r.objective));
  const empty = { trials: finite.length, minimum: o.minTrials, parameters: [] as [], interactions: [] as [] };
  if (finite.length < o.minTrials) {
    return { status: 'too-few-trials', ...empty, reason: `${finite.length} finished trial(s) with an objective value; importance needs at least ${o.minTrials}` };
  }
  const rows = sample(finite, o.maxRows, o.seed);
  const encoded = parameters.map((p) => ({ p, e: encoder(p, rows) })).filter((x): x is { p: ImportanceParameter; e: NonNullable<ReturnType<typeof encoder>> } => x.e !== null);
  const y = rows.map((r) => r.objective);
  if (!encoded.length || y.every((v) => v === y[0])) {
    return { status: 'nothing-varies', ...empty, reason: encoded.length ? 'every trial has the same objective value' : 'no parameter takes two values over these trials' };
  }
  const features = encoded.map((x) => x.e.feature);
  const x = rows.map((r) => encoded.map(({ p, e }) => e.encode(r.values[p.name])));
  const trees = fitForest(features, x, y, { trees: o.trees, seed: o.seed });
  const shares = encoded.map(() => [] as number[]);
  const pairShares = new Map<string, number>();
  let counted = 0;
  for (const tree of trees) {
    const v = treeVariance(tree, features, { pairs: features.length > 1 });
    if (v.total <= 0) continue; // a tree that predicts a constant says nothing (Optuna skips it too)
    counted += 1;
    v.main.forEach((m, i) => {
      shares[i]!.push(m / v.total);
    });
    for (const [k, m] of v.pairs) pairShares.set(k, (pairShares.get(k) ?? 0) + m / v.total);
  }
  const meanOf = (a: number[]) => (a.length ? a.reduce((s, b) => s + b, 0) / a.length : 0);
  const means = shares.map(meanOf);
  const sum = means.reduce((s, m) => s + m, 0);
  const result = encoded.map(({ p }, i) => ({
    name: p.name,
    importance: sum > 0 ? means[i]! / sum : 0,
    mainEffect: means[i]!,
    std: Math.sqrt(meanOf(shares[i]!.map((s) => (s - means[i]!) ** 2))),
  }));
  // Parameters dropped for taking one value explain nothing: listed with 0, after the others.
  for (const p of parameters) if (!result.some((r) => r.name === p.name)) result.push({ name: p.name, importance: 0, mainEffect: 0, std: 0 });
  const interactions = [...pairShares]
    .map(([k, s]) => {
      const [i, j] = k.split(',').map(Number);
      return { a: encoded[i!]!.p.name, b: encoded[j!]!.p.name, share: counted ? s / counted : 0 };
    })
    .sort((a, b) => b.share - a.share);
  return {
    status: 'ok',
    method: 'fanova',
    trials: finite.length,
    used: rows.length,
    trees: o.trees,
    seed: o.seed,
    parameters: result.sort((a, b) => b.importance - a.importance || a.name.localeCompare(b.name)),
    interactions,
  };
}
