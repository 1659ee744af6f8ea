import type { ForestFeature, TreeNode } from './random-forest.ts';

/**
 * Functional ANOVA of one regression tree (Hutter, Hoos and Leyton-Brown, "An Efficient
 * Approach for Assessing Hyperparameter Importance", ICML 2014; what Optuna's
 * FanovaImportanceEvaluator computes): the tree is a constant on each cell of a partition
 * of the space, so under the uniform measure over the space its variance, and the variance
 * of its marginal along one feature or a pair of features, are exact sums over cells.
 */
export interface TreeVariance {
  /** Variance of the tree's prediction over the whole space. */
  total: number;
  /** Per feature: variance of its main effect (the marginal mean along it). */
  main: number[];
  /** Per pair "i,j" (i < j): variance of the pair's marginal minus both main effects. */
  pairs: Map<string, number>;
}

/** A leaf's cell: per feature, an interval [lo, hi) (numeric) or a set of categories. */
interface Cell {
  value: number;
  /** Share of the space's measure the cell covers. */
  volume: number;
  /** Per feature, the share of that feature's measure the cell covers. */
  share: number[];
  box: Array<{ lo: number; hi: number } | boolean[]>;
}

function cells(tree: TreeNode, features: ForestFeature[]): Cell[] {
  const out: Cell[] = [];
  const root = features.map((f) => (f.kind === 'numeric' ? { lo: f.lo, hi: f.hi } : Array.from({ length: f.categories }, () => true)));
  const walk = (node: TreeNode, box: Cell['box']) => {
    if (node.leaf) {
      const share = box.map((b, i) => {
        const f = features[i]!;
        if (f.kind === 'categorical') return (b as boolean[]).filter(Boolean).length / f.categories;
        const { lo, hi } = b as { lo: number; hi: number };
        return f.hi > f.lo ? (hi - lo) / (f.hi - f.lo) : 1;
      });
      const volume = share.reduce((a, b) => a * b, 1);
      if (volume > 0) out.push({ value: node.value, volume, share, box });
      return;
    }
    const f = node.feature;
    const low = [...box];
    const high = [...box];
    if (node.left) {
      const member = box[f] as boolean[];
      low[f] = member.map((m, c) => m && node.left!.has(c));
      high[f] = member.map((m, c) => m && !node.left!.has(c));
    } else {
      const { lo, hi } = box[f] as { lo: number; hi: number };
      low[f] = { lo, hi: Math.min(hi, Math.max(lo, node.threshold!)) };
      high[f] = { lo: Math.max(lo, Math.min(hi, node.threshold!)), hi };
    }
    walk(node.low, low);
    walk(node.high, high);
  };
  walk(tree, root);
  return out;
}

/**
 * One feature's axis cut into segments no cell boundary crosses: each segment's width (share
 * of the measure) and, per cell, the run(s) of segment indexes the cell covers.
 */
interface Axis {
  widths: number[];
  runs: Array<Array<[number, number]>>; // per cell: [from, to) segment ranges
}

function axis(feature: ForestFeature, f: number, list: Cell[]): Axis {
  if (feature.kind === 'categorical') {
    const widths = Array.from({ length: feature.categories }, () => 1 / feature.categories);
    const runs = list.map((c) => {
      const member = c.box[f] as boolean[];
      const r: Array<[number, number]> = [];
      member.forEach((m, k) => {
        if (!m) return;
        const last = r.at(-1);
        if (last && last[1] === k) last[1] = k + 1;
        else r.push([k, k + 1]);
      });
      return r;
    });
    return { widths, runs };
  }
  const points = [...new Set(list.flatMap((c) => [(c.box[f] as { lo: number }).lo, (c.box[f] as { hi: number }).hi]))].sort((a, b) => a - b);
  const span = feature.hi - feature.lo;
  if (points.length < 2 || span <= 0) return { widths: [1], runs: list.map(() => [[0, 1]]) };
  const at = new Map(points.map((p, i) => [p, i]));
  const widths = points.slice(1).map((p, i) => (p - points[i]!) / span);
  const runs = list.map((c) => {
    const { lo, hi } = c.box[f] as { lo: number; hi: number };
    return [[at.get(lo)!, at.get(hi)!] as [number, number]];
  });
  return { widths, runs };
}

/** Σ width·(m − μ)² of the marginal means m over the segments of one axis. */
function mainVariance(ax: Axis, list: Cell[], f: number, mu: number): number {
  const diff = new Float64Array(ax.widths.length + 1);
  list.forEach((c, k) => {
    const contribution = (c.value * c.volume) / c.share[f]!;
    for (const [a, b] of ax.runs[k]!) {
      diff[a]! += contribution;
      diff[b]! -= contribution;
    }
  });
  let m = 0;
  let v = 0;
  ax.widths.forEach((w, s) => {
    m += diff[s]!;
    v += w * (m - mu) ** 2;
  });
  return v;
}

/** The same over the grid of two axes' segments, via a 2-D difference array. */
function pairVariance(ai: Axis, aj: Axis, list: Cell[], i: number, j: number, mu: number): number {
  const ni = ai.widths.length;
  const nj = aj.widths.length;
  const stride = nj + 1;
  const diff = new Float64Array((ni + 1) * stride);
  list.forEach((c, k) => {
    const contribution = (c.value * c.volume) / (c.share[i]! * c.share[j]!);
    for (const [a, b] of ai.runs[k]!)
      for (const [p, q] of aj.runs[k]!) {
        diff[a * stride + p]! += contribution;
        diff[a * stride + q]! -= contribution;
        diff[b * stride + p]! -= contribution;
        diff[b * stride + q]! += contribution;
      }
  });
  // Prefix sums along both axes turn the difference array into the marginal means.
  for (let a = 0; a <= ni; a++) for (let p = 1; p <= nj; p++) diff[a * stride + p]! += diff[a * stride + p - 1]!;
  for (let a = 1; a <= ni; a++) for (let p = 0; p <= nj; p++) diff[a * stride + p]! += diff[(a - 1) * stride + p]!;
  let v = 0;
  for (let a = 0; a < ni; a++) for (let p = 0; p < nj; p++) v += ai.widths[a]! * aj.widths[p]! * (diff[a * stride + p]! - mu) ** 2;
  return v;
}

/** The variance decomposition of one tree: total, per feature, and per pair when `pairs` is set. */
export function treeVariance(tree: TreeNode, features: ForestFeature[], opts: { pairs: boolean }): TreeVariance {
  const list = cells(tree, features);
  let mu = 0;
  for (const c of list) mu += c.value * c.volume;
  let total = 0;
  for (const c of list) total += c.volume * (c.value - mu) ** 2;
  const axes = features.map((f, i) => axis(f, i, list));
  const main = features.map((_f, i) => (axes[i]!.widths.length > 1 ? mainVariance(axes[i]!, list, i, mu) : 0));
  const pairs = new Map<string, number>();
  if (opts.pairs && total > 0)
    for (let i = 0; i < features.length; i++)
      for (let j = i + 1; j < features.length; j++) {
        if (axes[i]!.widths.length < 2 || axes[j]!.widths.length < 2) continue;
        pairs.set(`${i},${j}`, Math.max(0, pairVariance(axes[i]!, axes[j]!, list, i, j, mu) - main[i]! - main[j]!));
      }
  return { total, main, pairs };
}
