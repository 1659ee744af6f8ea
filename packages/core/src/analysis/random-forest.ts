import { createRng, type Rng } from '../space/rng.ts';

/**
 * A small regression random forest (CART trees on bootstrap samples), enough for fANOVA
 * (fanova.ts): every tree is an axis-aligned partition of the parameter space with a
 * constant in each cell. Numeric features split on a threshold; categorical ones split
 * their categories into two sets (ordered by the node's mean target, which finds the best
 * set split for squared error).
 */
export type ForestFeature =
  /** Values in [lo, hi]. `activeLo`, when set, is where active values start: below it sits the one "inactive" value. */
  | { kind: 'numeric'; lo: number; hi: number; activeLo?: number }
  /** Values are category indexes 0..categories-1. */
  | { kind: 'categorical'; categories: number };

export type TreeNode =
  | { leaf: true; value: number }
  /** Numeric: x < threshold goes left. Categorical: x in `left` (a set of category indexes) goes left. */
  | { leaf: false; feature: number; threshold?: number; left?: Set<number>; low: TreeNode; high: TreeNode };

export interface ForestOptions {
  trees: number;
  seed: number;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
}

/** Optuna's settings for its fANOVA forest (64 trees, depth 64, split 2, leaf 1). */
export const FOREST_DEFAULTS: ForestOptions = { trees: 64, seed: 0, maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 };

interface Split {
  gain: number;
  feature: number;
  threshold?: number;
  left?: Set<number>;
}

/** Fits `options.trees` trees, each on a bootstrap sample of the rows (deterministic for the seed). */
export function fitForest(features: ForestFeature[], x: number[][], y: number[], options: Partial<ForestOptions> = {}): TreeNode[] {
  const o = { ...FOREST_DEFAULTS, ...options };
  const rng = createRng(o.seed, 0x0f07e57);
  return Array.from({ length: o.trees }, () => {
    const sample = Array.from({ length: y.length }, () => Math.floor(rng() * y.length));
    return grow(features, x, y, sample, 0, o, rng);
  });
}

function mean(y: number[], idx: number[]): number {
  let s = 0;
  for (const i of idx) s += y[i]!;
  return s / idx.length;
}

function grow(features: ForestFeature[], x: number[][], y: number[], idx: number[], depth: number, o: ForestOptions, rng: Rng): TreeNode {
  const value = mean(y, idx);
  if (depth >= o.maxDepth || idx.length < o.minSamplesSplit || idx.every((i) => y[i] === y[idx[0]!])) return { leaf: true, value };
  const split = bestSplit(features, x, y, idx, o.minSamplesLeaf, rng);
  if (!split) return { leaf: true, value };
  const goesLow = (i: number) => (split.left ? split.left.has(x[i]![split.feature]!) : x[i]![split.feature]! < split.threshold!);
  const low = idx.filter(goesLow);
  const high = idx.filter((i) => !goesLow(i));
  return {
    leaf: false,
    feature: split.feature,
    threshold: split.threshold,
    left: split.left,
    low: grow(features, x, y, low, depth + 1, o, rng),
    high: grow(features, x, y, high, depth + 1, o, rng),
  };
}

/** The split with the largest drop in squared error; ties between features broken at random (as sklearn's feature shuffle does). */
function bestSplit(features: ForestFeature[], x: number[][], y: number[], idx: number[], minLeaf: number, rng: Rng): Split | null {
  let best: Split | null = null;
  const start = Math.floor(rng() * features.length);
  for (let k = 0; k < features.length; k++) {
    const f = (start + k) % features.length;
    const feature = features[f]!;
    const s = feature.kind === 'numeric' ? numericSplit(feature, f, x, y, idx, minLeaf) : categoricalSplit(feature, f, x, y, idx, minLeaf);
    if (s && s.gain > 1e-12 && (!best || s.gain > best.gain)) best = s;
  }
  return best;
}

/** Gain in squared error of cutting `total` (over `count` rows) into a left part (sl over nl) and the rest. */
function gainOf(sl: number, nl: number, total: number, count: number): number {
  const sr = total - sl;
  return (sl * sl) / nl + (sr * sr) / (count - nl) - (total * total) / count;
}

// Typed arrays and one sort per node and feature, not maps of groups: fitting is most of the
// cost of an importance answer (64 trees over up to 1,000 trials).
function numericSplit(feature: Extract<ForestFeature, { kind: 'numeric' }>, f: number, x: number[][], y: number[], idx: number[], minLeaf: number): Split | null {
  const n = idx.length;
  const values = new Float64Array(n);
  const targets = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    values[k] = x[idx[k]!]![f]!;
    targets[k] = y[idx[k]!]!;
    total += targets[k]!;
  }
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((a, b) => values[a]! - values[b]!);
  let sl = 0;
  let best: { at: number; gain: number } | null = null;
  for (let k = 0; k < n - 1; k++) {
    sl += targets[order[k]!]!;
    const nl = k + 1;
    // A cut only between two different values, leaving minLeaf rows on each side.
    if (values[order[k]!] === values[order[k + 1]!] || nl < minLeaf || n - nl < minLeaf) continue;
    const gain = gainOf(sl, nl, total, n);
    if (!best || gain > best.gain) best = { at: k, gain };
  }
  if (!best) return null;
  const a = values[order[best.at]!]!;
  const b = values[order[best.at + 1]!]!;
  // The inactive value owns exactly its own region [lo, activeLo): the cut sits at activeLo.
  const threshold = feature.activeLo !== undefined && a < feature.activeLo ? feature.activeLo : (a + b) / 2;
  return { gain: best.gain, feature: f, threshold };
}

function categoricalSplit(feature: Extract<ForestFeature, { kind: 'categorical' }>, f: number, x: number[][], y: number[], idx: number[], minLeaf: number): Split | null {
  const counts = new Float64Array(feature.categories);
  const sums = new Float64Array(feature.categories);
  let total = 0;
  for (const i of idx) {
    const c = x[i]![f]!;
    counts[c]! += 1;
    sums[c]! += y[i]!;
    total += y[i]!;
  }
  const present: number[] = [];
  for (let c = 0; c < feature.categories; c++) if (counts[c]! > 0) present.push(c);
  if (present.length < 2) return null;
  // Sorted by mean target, the best two-set split is a prefix (Breiman et al., CART, 1984).
  present.sort((a, b) => sums[a]! / counts[a]! - sums[b]! / counts[b]! || a - b);
  let sl = 0;
  let nl = 0;
  let best: { at: number; gain: number } | null = null;
  for (let k = 0; k < present.length - 1; k++) {
    sl += sums[present[k]!]!;
    nl += counts[present[k]!]!;
    if (nl < minLeaf || idx.length - nl < minLeaf) continue;
    const gain = gainOf(sl, nl, total, idx.length);
    if (!best || gain > best.gain) best = { at: k, gain };
  }
  if (!best) return null;
  // Categories absent from this node go high: fANOVA needs every category somewhere.
  return { gain: best.gain, feature: f, left: new Set(present.slice(0, best.at + 1)) };
}

/** The forest's prediction at one point: the mean of its trees'. */
export function predictForest(trees: TreeNode[], point: number[]): number {
  let s = 0;
  for (const t of trees) {
    let node = t;
    while (!node.leaf) node = (node.left ? node.left.has(point[node.feature]!) : point[node.feature]! < node.threshold!) ? node.low : node.high;
    s += node.value;
  }
  return s / trees.length;
}
