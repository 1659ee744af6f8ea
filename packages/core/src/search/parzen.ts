import type { Param, ParamValue } from '../space/space.ts';
import { canonicalJson } from '../space/variant.ts';
import { gaussian, type Rng } from '../space/rng.ts';
import { intRange, samplePrior, snapInt, snapLog, snapUniform } from './sample.ts';

/**
 * The Parzen estimator TPE fits to a set of trials: a mixture of the prior and one kernel
 * per trial, over any subset of the parameters (all of them jointly for multivariate TPE,
 * one at a time for univariate). Values are encoded on the unit interval of each numeric
 * parameter's own scale (log for log-scaled ones), where the prior is uniform, and as an
 * index for a categorical. A trial that lacks a parameter (a conditional one that did not
 * apply) contributes the prior for it, so the tree of conditions needs no special case.
 */
export type Encoded = Record<string, number>;

export interface ParzenOptions {
  /** 'gaps': per-trial widths from the gaps to neighbouring values (Hyperopt, Optuna's univariate);
   * 'scott': one width per parameter, 0.2·n^(-1/(d+4)) (Optuna's multivariate). */
  bandwidth: 'gaps' | 'scott';
  /** Probability mass each categorical kernel spreads evenly over every value (a floor);
   * 'shrink': Optuna's, K/(n+1+K) for K values and n trials, wide for few trials, narrow for many. */
  categoricalFloor: number | 'shrink';
}

interface Kernel {
  at: Encoded;
  /** Relative weight in the mixture (the prior's is 1). */
  weight: number;
  width: Encoded;
  /** Per numeric parameter, −log(σ·√(2π)·mass inside [0, 1]): its truncated normal's normaliser. */
  logNorm: Encoded;
  /** Per numeric parameter, the normal's mass inside [0, 1]. */
  inside: Encoded;
}

export interface Parzen {
  params: Record<string, Param>;
  kernels: Kernel[];
  o: ParzenOptions;
  /** Per categorical parameter, the floor its kernels spread over every value. */
  floor: Record<string, number>;
}

type Numeric = Extract<Param, { type: 'int' | 'uniform' | 'loguniform' }>;

/** The interval (on the parameter's own scale) mapped onto [0, 1]. */
function scale(p: Numeric): { lo: number; hi: number; log: boolean } {
  const log = p.type === 'loguniform' || (p.type === 'int' && p.log);
  const raw = p.type === 'int' ? intRange(p) : { lo: p.min, hi: p.max };
  return log ? { lo: Math.log(raw.lo), hi: Math.log(raw.hi), log } : { ...raw, log };
}

export function encode(p: Param, v: ParamValue): number {
  if (p.type === 'categorical') return p.values.map(canonicalJson).indexOf(canonicalJson(v));
  if (p.type === 'fixed') return 0;
  const s = scale(p);
  const x = s.log ? Math.log(v as number) : (v as number);
  return s.hi > s.lo ? (x - s.lo) / (s.hi - s.lo) : 0.5;
}

export function decode(p: Param, u: number): ParamValue {
  if (p.type === 'categorical') return p.values[u]!;
  if (p.type === 'fixed') return p.value;
  const s = scale(p);
  const x = s.lo + u * (s.hi - s.lo);
  const v = s.log ? Math.exp(x) : x;
  if (p.type === 'int') return snapInt(p, v);
  if (p.type === 'uniform') return snapUniform(p, v);
  return snapLog(p, v);
}

/**
 * Fits kernels to encoded trials over `params` (fixed parameters carry no information),
 * each weighing `weights[i]` (default 1) against the prior's 1.
 */
export function fitParzen(params: Record<string, Param>, trials: Encoded[], o: ParzenOptions, weights?: number[]): Parzen {
  const numeric = Object.keys(params).filter((k) => params[k]!.type !== 'categorical' && params[k]!.type !== 'fixed');
  const widths = trials.map(() => ({}) as Encoded);
  for (const path of numeric) {
    const having = trials.map((t, i) => [t[path], i] as const).filter((e): e is readonly [number, number] => e[0] !== undefined);
    const n = having.length;
    // Hyperopt's and Optuna's "magic clip": no kernel narrower than 1/min(100, n + 1).
    const minWidth = 1 / Math.min(100, n + 1);
    if (o.bandwidth === 'scott') {
      const w = Math.max(minWidth, 0.2 * Math.max(1, n) ** (-1 / (numeric.length + 4)));
      for (const [, i] of having) widths[i]![path] = w;
      continue;
    }
    const sorted = [...having].sort((a, b) => a[0] - b[0]);
    sorted.forEach(([x, i], j) => {
      const left = j > 0 ? x - sorted[j - 1]![0] : 0;
      const right = j < n - 1 ? sorted[j + 1]![0] - x : 0;
      const gap = n === 1 ? 1 : Math.max(left, right);
      widths[i]![path] = Math.min(1, Math.max(minWidth, gap));
    });
  }
  const kernels = trials.map((at, i) => {
    const logNorm: Encoded = {};
    const inside: Encoded = {};
    for (const [path, w] of Object.entries(widths[i]!)) {
      const mass = normalCdf((1 - at[path]!) / w) - normalCdf(-at[path]! / w);
      inside[path] = Math.max(mass, 1e-12);
      logNorm[path] = -Math.log(w * Math.sqrt(2 * Math.PI) * inside[path]!);
    }
    return { at, weight: weights?.[i] ?? 1, width: widths[i]!, logNorm, inside };
  });
  const floor: Record<string, number> = {};
  for (const [path, p] of Object.entries(params)) {
    if (p.type !== 'categorical') continue;
    const n = trials.filter((t) => t[path] !== undefined).length;
    const k = p.values.length;
    floor[path] = o.categoricalFloor === 'shrink' ? k / (n + 1 + k) : o.categoricalFloor;
  }
  return { params, kernels, o, floor };
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26; error below 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * log density at `x` of one component (null: the prior) along one parameter. On a grid (an
 * int, a stepped uniform, a log-uniform with a factor) it is the log of the component's mass
 * over `x`'s cell instead, as Optuna's discrete distributions score: a density read at grid
 * points would weigh each value by how narrow the kernels there happen to be, and the many
 * bad trials sharing a value make theirs the narrowest.
 */
function logKernel(pz: Parzen, k: Kernel | null, path: string, x: number, cell: Cell | null): number {
  const p = pz.params[path]!;
  const at = k?.at[path];
  if (p.type === 'categorical') {
    const uniform = 1 / p.values.length;
    if (at === undefined) return Math.log(uniform);
    return Math.log(pz.floor[path]! * uniform + (x === at ? 1 - pz.floor[path]! : 0));
  }
  if (cell) {
    const [a, b] = cell;
    if (at === undefined) return Math.log(b - a);
    const w = k!.width[path]!;
    // A cell narrow against the kernel: its density times the width (a difference of two
    // nearly equal CDFs would lose the digits).
    if (b - a < 0.05 * w) return k!.logNorm[path]! - 0.5 * ((x - at) / w) ** 2 + Math.log(b - a);
    return Math.log(Math.max(0, normalCdf((b - at) / w) - normalCdf((a - at) / w)) / k!.inside[path]!);
  }
  if (at === undefined) return 0;
  const z = (x - at) / k!.width[path]!;
  return k!.logNorm[path]! - 0.5 * z * z;
}

/** An encoded interval [a, b] within [0, 1]. */
type Cell = [number, number];

/** The grid cell of the value at encoded `x` (half a step, or half a factor, either side), or null off a grid. */
function cellOf(p: Param, x: number): Cell | null {
  if (p.type === 'categorical' || p.type === 'fixed') return null;
  if (p.type === 'uniform' && !p.step) return null;
  if (p.type === 'loguniform' && !p.factor) return null;
  const s = scale(p);
  const v = decode(p, x) as number;
  const enc = (u: number) => Math.min(1, Math.max(0, (u - s.lo) / (s.hi - s.lo)));
  if (p.type === 'loguniform') {
    const half = Math.log(p.factor!) / 2;
    return [enc(Math.log(v) - half), enc(Math.log(v) + half)];
  }
  const half = p.step! / 2;
  if (!s.log) return [enc(v - half), enc(v + half)];
  return [enc(Math.log(Math.max(v - half, Math.exp(s.lo)))), enc(Math.log(v + half))];
}

/** log density of the mixture (the prior and the kernels, by their weights) at the encoded point `x`. */
export function logDensity(pz: Parzen, x: Encoded): number {
  const paths = Object.keys(x).filter((k) => pz.params[k] && pz.params[k]!.type !== 'fixed');
  const cells = paths.map((path) => cellOf(pz.params[path]!, x[path]!));
  const logs: number[] = [];
  let total = 1;
  for (const k of [null, ...pz.kernels]) {
    let s = k ? Math.log(k.weight) : 0;
    for (let i = 0; i < paths.length; i++) s += logKernel(pz, k, paths[i]!, x[paths[i]!]!, cells[i]!);
    logs.push(s);
    if (k) total += k.weight;
  }
  let max = -Infinity;
  for (const l of logs) if (l > max) max = l;
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - max);
  return max + Math.log(sum / total);
}

/**
 * One value for `path` drawn from the mixture component `k` (null: the prior), its width
 * stretched by `widen` to explore a little around the good trials.
 */
export function sampleFrom(pz: Parzen, k: number | null, path: string, rng: Rng, widen = 1): ParamValue {
  const p = pz.params[path]!;
  const kernel = k === null ? null : pz.kernels[k]!;
  const at = kernel?.at[path];
  if (at === undefined || p.type === 'fixed') return samplePrior(p, rng);
  if (p.type === 'categorical') return rng() < pz.floor[path]! ? samplePrior(p, rng) : p.values[at]!;
  const sigma = Math.min(1, kernel!.width[path]! * widen);
  for (let i = 0; i < 20; i++) {
    const u = at + gaussian(rng) * sigma;
    if (u >= 0 && u <= 1) return decode(p, u);
  }
  return decode(p, at);
}

/** A mixture component drawn by the weights (the prior's is 1): null is the prior. */
export function pickComponent(pz: Parzen, rng: Rng): number | null {
  let total = 1;
  for (const k of pz.kernels) total += k.weight;
  let r = rng() * total;
  for (let i = 0; i < pz.kernels.length; i++) {
    r -= pz.kernels[i]!.weight;
    if (r < 0) return i;
  }
  return null;
}
