import type { Param, ParamValue } from '../space/space.ts';
import { applyAssignment, decide } from '../space/assignment.ts';
import { canonicalJson } from '../space/variant.ts';
import { createRng, gaussian, type Rng } from '../space/rng.ts';
import { takenHashes, tryPropose, type Observation, type SearchMethod } from './method.ts';
import { intRange, samplePrior, snapInt, snapLog, snapUniform } from './sample.ts';

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate as in Hyperopt and
 * Optuna's default: finished trials are split into the best fraction `gamma` ("good") and
 * the rest; per parameter, a Parzen density l(x) is fitted to the good values and g(x)
 * to the bad ones, candidates are drawn from l, and the one maximising l(x)/g(x) wins.
 * Conditional parameters fit only on the trials where they existed (the "tree").
 */
export interface TpeOptions {
  /** Random proposals before the model is used. */
  startupTrials: number;
  gamma: number;
  candidates: number;
}

export const TPE_DEFAULTS: TpeOptions = { startupTrials: 10, gamma: 0.15, candidates: 24 };

type Done = Observation & { params: NonNullable<Observation['params']>; value: number };

export function createTpe(opts: Partial<TpeOptions> = {}): SearchMethod {
  const o = { ...TPE_DEFAULTS, ...opts };
  return {
    ask(ctx) {
      const rng = createRng(ctx.seed, ctx.history.length, 7);
      const done = ctx.history.filter((h): h is Done => h.state === 'done' && h.params !== null && h.value !== null);
      const taken = takenHashes(ctx.history);
      const useModel = done.length >= o.startupTrials;
      const sorted = [...done].sort((a, b) => a.value - b.value);
      const nGood = Math.max(1, Math.ceil(o.gamma * sorted.length));
      const good = sorted.slice(0, nGood);
      const bad = sorted.slice(nGood);
      const proposals = [];
      for (let attempt = 0; proposals.length < ctx.n && attempt < ctx.n * 200; attempt++) {
        // After many duplicates the model has collapsed onto tried points: explore instead.
        const model = useModel && attempt < ctx.n * 20;
        const params = decide(ctx.space, (path, p) => (model ? suggest(path, p, good, bad, rng, o.candidates) : samplePrior(p, rng)));
        const proposal = tryPropose(ctx, taken, params, applyAssignment(ctx.space, params));
        if (proposal) proposals.push(proposal);
      }
      return { proposals, exhausted: proposals.length < ctx.n };
    },
  };
}

export const tpe = createTpe();

function valuesAt(obs: Done[], path: string): ParamValue[] {
  return obs.filter((h) => path in h.params).map((h) => h.params[path]!);
}

function suggest(path: string, p: Param, goodObs: Done[], badObs: Done[], rng: Rng, candidates: number): ParamValue {
  const good = valuesAt(goodObs, path);
  const bad = valuesAt(badObs, path);
  if (p.type === 'fixed') return p.value;
  if (good.length === 0) return samplePrior(p, rng);
  if (p.type === 'categorical') return suggestCategorical(p.values, good, bad, rng, candidates);
  return suggestNumeric(p, good as number[], bad as number[], rng, candidates);
}

function suggestCategorical(values: ParamValue[], good: ParamValue[], bad: ParamValue[], rng: Rng, candidates: number): ParamValue {
  const keys = values.map(canonicalJson);
  const weights = (obs: ParamValue[]) => {
    const w = keys.map(() => 1); // prior: one pseudo-count per value
    for (const v of obs) {
      const i = keys.indexOf(canonicalJson(v));
      if (i >= 0) w[i]! += 1;
    }
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  };
  const l = weights(good);
  const g = weights(bad);
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < candidates; c++) {
    let r = rng();
    let i = 0;
    while (i < l.length - 1 && r >= l[i]!) r -= l[i++]!;
    const score = Math.log(l[i]!) - Math.log(g[i]!);
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  return values[best]!;
}

type Numeric = Extract<Param, { type: 'int' | 'uniform' | 'loguniform' }>;

/** Parameters on a log scale are modelled in log space, where their prior is uniform. */
function isLog(p: Numeric): boolean {
  return p.type === 'loguniform' || (p.type === 'int' && p.log);
}

interface Parzen {
  mus: number[];
  sigmas: number[];
  lo: number;
  hi: number;
}

/** A mixture of the uniform prior and one Gaussian per observation, widths from neighbour gaps. */
function fitParzen(points: number[], lo: number, hi: number): Parzen {
  const range = hi - lo || 1;
  const sorted = [...points].sort((a, b) => a - b);
  const minSigma = range / Math.min(100, 1 + sorted.length);
  const sigmas = sorted.map((x, i) => {
    const left = i > 0 ? x - sorted[i - 1]! : x - lo;
    const right = i < sorted.length - 1 ? sorted[i + 1]! - x : hi - x;
    return Math.min(range, Math.max(minSigma, left, right));
  });
  return { mus: sorted, sigmas, lo, hi };
}

function logDensity(pz: Parzen, x: number): number {
  const n = pz.mus.length + 1;
  let d = 1 / (pz.hi - pz.lo || 1) / n; // the prior component
  pz.mus.forEach((mu, i) => {
    const s = pz.sigmas[i]!;
    d += Math.exp(-0.5 * ((x - mu) / s) ** 2) / (s * Math.sqrt(2 * Math.PI)) / n;
  });
  return Math.log(d);
}

function sampleParzen(pz: Parzen, rng: Rng): number {
  const k = Math.floor(rng() * (pz.mus.length + 1));
  if (k === pz.mus.length) return pz.lo + rng() * (pz.hi - pz.lo);
  for (let i = 0; i < 20; i++) {
    const x = pz.mus[k]! + gaussian(rng) * pz.sigmas[k]!;
    if (x >= pz.lo && x <= pz.hi) return x;
  }
  return Math.min(pz.hi, Math.max(pz.lo, pz.mus[k]!));
}

function suggestNumeric(p: Numeric, good: number[], bad: number[], rng: Rng, candidates: number): ParamValue {
  const log = isLog(p);
  const to = (v: number) => (log ? Math.log(v) : v);
  const raw = p.type === 'int' ? intRange(p) : { lo: p.min, hi: p.max };
  const [lo, hi] = [to(raw.lo), to(raw.hi)];
  const l = fitParzen(good.map(to), lo, hi);
  const g = fitParzen(bad.map(to), lo, hi);
  let best = l.mus[0]!;
  let bestScore = -Infinity;
  for (let c = 0; c < candidates; c++) {
    const x = sampleParzen(l, rng);
    const score = logDensity(l, x) - logDensity(g, x);
    if (score > bestScore) [best, bestScore] = [x, score];
  }
  const value = log ? Math.exp(best) : best;
  if (p.type === 'int') return snapInt(p, value);
  if (p.type === 'uniform') return snapUniform(p, value);
  return snapLog(p, value);
}
