import type { Assignment, Param, ParamValue, SearchSpace } from '../space/space.ts';
import { applyAssignment, decide } from '../space/assignment.ts';
import { createRng, type Rng } from '../space/rng.ts';
import { takenHashes, tryPropose, type Observation, type SearchMethod } from './method.ts';
import { samplePrior } from './sample.ts';
import { encode, fitParzen, logDensity, pickComponent, sampleFrom, type Encoded, type Parzen, type ParzenOptions } from './parzen.ts';

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011): finished trials are split into
 * the best ones ("good") and the rest; a Parzen density l(x) is fitted to the good values
 * and g(x) to the bad ones, candidates are drawn from l, and the one maximising l(x)/g(x)
 * wins. Multivariate (Falkner et al. 2018, Optuna's `multivariate=True`): one joint density
 * over all parameters, so what works together is proposed together; univariate: one
 * density per parameter. Conditional parameters count only where they existed (the "tree").
 */
export interface TpeOptions {
  /** Random proposals before the model is used. */
  startupTrials: number;
  /** Fraction of trials counted as good; unset: Optuna's schedule, min(⌈0.1·n⌉, 25). */
  gamma?: number;
  candidates: number;
  /** Multivariate: at least this many candidates per parameter (fixed ones aside), as in more
   * dimensions l's mass is wider and a fixed number of draws finds its best l/g less often. 12.8:
   * 64 up to 5 parameters, 128 at 10. 0: `candidates` alone. A one-parameter draw keeps `candidates`. */
  candidatesPerParam: number;
  multivariate: boolean;
  /** Trials still running (and those proposed in the same batch) count as bad (a constant liar:
   * the worst value, as Optuna's constant_liar), so parallel proposals spread out. */
  liar: boolean;
  bandwidth: ParzenOptions['bandwidth'];
  /** The floor of a categorical's kernels where candidates are drawn (see ParzenOptions). */
  categoricalFloor: ParzenOptions['categoricalFloor'];
  /** The floor of a categorical's kernels in its own marginal score ('marginal' only): 'shrink',
   * Optuna's, is wide for the few good trials and narrow for the many bad, so a category that
   * few trials have tried scores as promising, and one tried often without success does not. */
  categoricalScoreFloor: ParzenOptions['categoricalFloor'];
  /** Candidates are drawn from l with its kernels this much wider than it scores with. */
  widen: number;
  /** How a categorical counts in the multivariate score: in the joint density, or by its own
   * marginal l/g (as univariate TPE), the numeric parameters scored jointly. */
  categorical: 'joint' | 'marginal';
  /** Older bad trials weigh less (Optuna's default weights: a ramp from 1/n up to the latest 25). */
  ramp: boolean;
  /** Once the winning candidate's categories ('marginal' only) have this many bad trials of their
   * own, its numeric values are chosen again among the candidates of those categories, judged
   * against those trials' failures alone; Infinity: never. */
  branchFailures: number;
  /** A conditional parameter no good trial has yet: of this many draws from its prior, the one
   * where its failures are thinnest (1: a plain prior draw). Not more: the value farthest from
   * every failure lies at an edge of the range. */
  untriedDraws: number;
}

/** What the search bench (bench/search.ts, docs/sweeps.md) showed to help; widen did not. */
export const TPE_DEFAULTS: TpeOptions = {
  startupTrials: 5,
  candidates: 64,
  candidatesPerParam: 12.8,
  multivariate: true,
  liar: true,
  bandwidth: 'gaps',
  categoricalFloor: 0.5,
  categoricalScoreFloor: 'shrink',
  widen: 1,
  ramp: false,
  categorical: 'marginal',
  branchFailures: 20,
  untriedDraws: 2,
};

type Tried = Observation & { params: Assignment };

/** The trials a proposal is modelled on: the good ones and the bad ones (oldest first). */
interface Split {
  good: Assignment[];
  bad: Assignment[];
}

/** Optuna's default_weights: the latest 25 weigh 1, older ones from 1/n upwards. */
export function rampWeights(n: number): number[] {
  if (n < 25) return Array(n).fill(1);
  const r = n - 25;
  return [...Array.from({ length: r }, (_, i) => (r === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (r - 1))), ...Array(25).fill(1)];
}

/** How many of `n` finished trials count as good. */
export function goodCount(n: number, gamma: number | undefined): number {
  return Math.max(1, gamma === undefined ? Math.min(Math.ceil(0.1 * n), 25) : Math.ceil(gamma * n));
}

/** How many candidates a joint proposal draws in `space`. */
export function candidateCount(o: Pick<TpeOptions, 'candidates' | 'candidatesPerParam'>, space: SearchSpace): number {
  const dims = Object.values(space.parameters).filter((p) => p.type !== 'fixed').length;
  return Math.max(o.candidates, Math.round(o.candidatesPerParam * dims));
}

export function createTpe(opts: Partial<TpeOptions> = {}): SearchMethod {
  const o: TpeOptions = { ...TPE_DEFAULTS, ...opts };
  const parzen: ParzenOptions = { bandwidth: o.bandwidth, categoricalFloor: o.categoricalFloor };
  return {
    ask(ctx) {
      const rng = createRng(ctx.seed, ctx.history.length, 7);
      const tried = ctx.history.filter((h): h is Tried => h.params !== null);
      const order = new Map(tried.map((h, i) => [h, i]));
      const done = tried.filter((h) => h.state === 'done' && h.value !== null).sort((a, b) => a.value! - b.value!);
      const running = o.liar ? tried.filter((h) => h.state === 'pending') : [];
      const taken = takenHashes(ctx.history);
      const useModel = done.length >= o.startupTrials;
      // The liar's value for a running trial is the worst (Optuna's constant_liar).
      const entries: Entry[] = [
        ...done.map((h) => ({ params: h.params, value: h.value!, order: order.get(h)! })),
        ...running.map((h) => ({ params: h.params, value: Infinity, order: order.get(h)! })),
      ];
      let m = split(entries, o.gamma);
      const proposals = [];
      for (let attempt = 0; proposals.length < ctx.n && attempt < ctx.n * 200; attempt++) {
        // After many duplicates the model has collapsed onto tried points: explore instead.
        const model = useModel && attempt < ctx.n * 20;
        const params = !model
          ? decide(ctx.space, (_path, p) => samplePrior(p, rng))
          : o.multivariate
            ? suggestJoint(ctx.space, m, rng, o, parzen)
            : decide(ctx.space, (path, p) => suggestOne(path, p, m, rng, o, parzen));
        const proposal = tryPropose(ctx, taken, params, applyAssignment(ctx.space, params));
        if (!proposal) continue;
        proposals.push(proposal);
        // Proposed now, running soon: the liar counts it as bad for the next proposal.
        if (o.liar) {
          entries.push({ params, value: Infinity, order: entries.length });
          m = split(entries, o.gamma);
        }
      }
      return { proposals, exhausted: proposals.length < ctx.n };
    },
  };
}

export const tpe = createTpe();

interface Entry {
  params: Assignment;
  value: number;
  order: number;
}

/** The best `goodCount` entries (lies included, at the value they are taken to have) and the rest, oldest first. */
function split(entries: Entry[], gamma: number | undefined): Split {
  const ranked = [...entries].sort((a, b) => a.value - b.value);
  const nGood = goodCount(entries.length, gamma);
  // Chronological, as the ramp's weights assume.
  const bad = ranked.slice(nGood).sort((a, b) => a.order - b.order);
  return { good: ranked.slice(0, nGood).map((e) => e.params), bad: bad.map((e) => e.params) };
}

function encodeAll(params: Record<string, Param>, trials: Assignment[]): Encoded[] {
  return trials.map((t) => {
    const e: Encoded = {};
    for (const [path, v] of Object.entries(t)) if (params[path] && params[path]!.type !== 'fixed') e[path] = encode(params[path]!, v);
    return e;
  });
}

/** Multivariate: whole assignments drawn around one good trial each, scored jointly. */
function suggestJoint(space: SearchSpace, m: Split, rng: Rng, o: TpeOptions, po: ParzenOptions): Assignment {
  const l = fitParzen(space.parameters, encodeAll(space.parameters, m.good), po);
  const kinds = byKind(space);
  const marginal = o.categorical === 'marginal' ? marginalScore(kinds, m, o, po) : null;
  const score = marginal ? marginal.score : jointScore(space, l, m, o, po);
  let best: Assignment | null = null;
  let bestScore = -Infinity;
  const candidates: { params: Assignment; x: Encoded }[] = [];
  for (let c = 0, n = candidateCount(o, space); c < n; c++) {
    const k = pickComponent(l, rng);
    const kernel = k === null ? null : l.kernels[k]!;
    // A parameter the chosen good trial lacks (a condition it did not meet, as the gate of a
    // category the candidate switched to) is drawn by its own univariate model: around the good
    // trials that have it once there are some, rather than at random.
    const candidate = decide(space, (path, p) =>
      kernel && kernel.at[path] === undefined && conditional(p) ? suggestOne(path, p, m, rng, o, po) : sampleFrom(l, k, path, rng, o.widen),
    );
    const [x] = encodeAll(space.parameters, [candidate]);
    candidates.push({ params: candidate, x: x! });
    const s = score(x!);
    if (s > bestScore) [best, bestScore] = [candidate, s];
  }
  if (!marginal) return best!;
  return withinBranch(kinds, m, o, po, marginal.numericL, candidates, best!) ?? best!;
}

/** 'joint': l/g over every parameter at once, g fitted to all the bad trials. */
function jointScore(space: SearchSpace, l: Parzen, m: Split, o: TpeOptions, po: ParzenOptions): (x: Encoded) => number {
  const g = fitBad(space.parameters, m, () => true, o, po);
  return (x) => logDensity(l, x) - logDensity(g, x);
}

/** A space's parameters by kind: the numeric ones (a parameter map) and the categorical ones. */
interface Kinds {
  numeric: Record<string, Param>;
  categorical: [string, Param][];
}

function byKind(space: SearchSpace): Kinds {
  const entries = Object.entries(space.parameters);
  return {
    numeric: Object.fromEntries(entries.filter(([, p]) => p.type !== 'categorical' && p.type !== 'fixed')),
    categorical: entries.filter(([, p]) => p.type === 'categorical'),
  };
}

/** The encoded point `x` on those of `keys` it has. */
function restrict(x: Encoded, keys: string[]): Encoded {
  return Object.fromEntries(keys.filter((k) => k in x).map((k) => [k, x[k]!]));
}

/**
 * The numeric values again, once the categories are chosen: among the candidates sharing the
 * winner's categories, the best by the numeric l (`numericL`, the one the score used) against
 * a g of those categories' own bad trials. In the pooled g a trial of another category that
 * failed near the best numeric values counts against them, though its category, not its
 * numbers, is what failed; with fewer than `branchFailures` of its own the pooled choice
 * stands (too few to fit a g to).
 */
function withinBranch(
  { numeric, categorical }: Kinds,
  m: Split,
  o: TpeOptions,
  po: ParzenOptions,
  numericL: Parzen,
  candidates: { params: Assignment; x: Encoded }[],
  winner: Assignment,
): Assignment | null {
  const keys = Object.keys(numeric);
  if (categorical.length === 0 || keys.length === 0) return null;
  const branchOf = (t: Assignment) => categorical.map(([path, p]) => (path in t ? encode(p, t[path]!) : -1)).join(',');
  const branch = branchOf(winner);
  const own = new Set(m.bad.filter((t) => keys.some((k) => k in t) && branchOf(t) === branch));
  if (own.size < o.branchFailures) return null;
  const g = fitBad(numeric, m, (t) => own.has(t), o, po);
  let best: Assignment | null = null;
  let bestScore = -Infinity;
  for (const c of candidates) {
    if (branchOf(c.params) !== branch) continue;
    const sub = restrict(c.x, keys);
    const s = logDensity(numericL, sub) - logDensity(g, sub);
    if (s > bestScore) [best, bestScore] = [c.params, s];
  }
  return best;
}

/**
 * The joint l/g of the numeric parameters plus, for each categorical, its own marginal l/g:
 * a category rarely tried among the bad trials then scores as univariate TPE scores it, so
 * it is tried again now and then, where in the joint density one failure next to the good
 * trials outweighs many of the favoured category. Also gives the numeric l, which
 * withinBranch scores with again.
 */
function marginalScore({ numeric, categorical }: Kinds, m: Split, o: TpeOptions, po: ParzenOptions): { score: (x: Encoded) => number; numericL: Parzen } {
  const scored: ParzenOptions = { ...po, categoricalFloor: o.categoricalScoreFloor };
  const parts = [numeric, ...categorical.map(([path, p]) => ({ [path]: p }))].map((params, i) => {
    const has = (t: Assignment) => Object.keys(params).some((k) => k in t);
    const q = i === 0 ? po : scored;
    return { keys: Object.keys(params), l: fitParzen(params, encodeAll(params, m.good.filter(has)), q), g: fitBad(params, m, has, o, q) };
  });
  const score = (x: Encoded) => {
    let s = 0;
    for (const { keys, l, g } of parts) {
      const sub = restrict(x, keys);
      if (Object.keys(sub).length) s += logDensity(l, sub) - logDensity(g, sub);
    }
    return s;
  };
  return { score, numericL: parts[0]!.l };
}

/** g over `params`, fitted to the bad trials that pass `has` (those where the parameters exist). */
function fitBad(params: Record<string, Param>, m: Split, has: (t: Assignment) => boolean, o: TpeOptions, po: ParzenOptions) {
  const having = m.bad.filter(has);
  return fitParzen(params, encodeAll(params, having), po, o.ramp ? rampWeights(having.length) : undefined);
}

const conditional = (p: Param) => p.type !== 'fixed' && p.when !== undefined && Object.keys(p.when).length > 0;

/** Univariate: one parameter's value, from densities fitted to that parameter alone. */
function suggestOne(path: string, p: Param, m: Split, rng: Rng, o: TpeOptions, po: ParzenOptions): ParamValue {
  if (p.type === 'fixed') return p.value;
  const one = { [path]: p };
  // Each density is fitted to the trials in which this parameter is active.
  const has = (t: Assignment) => path in t;
  const l = fitParzen(one, encodeAll(one, m.good.filter(has)), po);
  const g = fitBad(one, m, has, o, po);
  if (l.kernels.length === 0) return awayFromFailures(path, p, g, rng, o.untriedDraws);
  let best: ParamValue = null;
  let bestScore = -Infinity;
  for (let c = 0; c < o.candidates; c++) {
    const v = sampleFrom(l, pickComponent(l, rng), path, rng, o.widen);
    const x = { [path]: encode(p, v) };
    const score = logDensity(l, x) - logDensity(g, x);
    if (score > bestScore) [best, bestScore] = [v, score];
  }
  return best;
}

/** Of `draws` values from the prior, the one where the bad density `g` is lowest. */
function awayFromFailures(path: string, p: Param, g: Parzen, rng: Rng, draws: number): ParamValue {
  let pick = samplePrior(p, rng);
  let low = logDensity(g, { [path]: encode(p, pick) });
  for (let i = 1; i < draws; i++) {
    const v = samplePrior(p, rng);
    const d = logDensity(g, { [path]: encode(p, v) });
    if (d < low) [pick, low] = [v, d];
  }
  return pick;
}
