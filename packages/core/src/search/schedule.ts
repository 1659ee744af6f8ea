import type { EffectiveBudget, SweepSpec } from '../sweep-spec.ts';
import { materialiser, MAX_VARIANTS } from '../sweep-spec.ts';
import type { Assignment } from '../space/space.ts';
import { assignmentName } from '../space/assignment.ts';
import type { Change } from '../space/variant.ts';
import { NEAREST_PARENT_WINDOW, nearestParent } from '../path.ts';
import { trialPool, type PoolName } from '../resources.ts';
import { askExplicit } from './list.ts';
import { grid } from './grid.ts';
import { random } from './random.ts';
import { createTpe } from './tpe.ts';
import { walk } from './walk.ts';
import type { Infeasible, Materialised, Observation, Proposal, SearchMethod } from './method.ts';
import type { RawVariant } from '../space/assignment.ts';
import { OPEN_TRIAL_STATES, RESULT_TRIAL_STATES, type TrialState } from '../lifecycle/trial.ts';
import { sweepOutcome } from '../lifecycle/sweep.ts';

/**
 * One scheduling step, as a pure function of the sweep and its trials: how many trials to
 * add (never more than maxConcurrentTrials open, never more than maxTrials in all), which
 * ones, and whether the sweep is finished. The database layer runs it under a row lock,
 * so it is safe on any process and harmless to run twice.
 */

export interface ScheduledTrial {
  id: string;
  hash: string;
  params: Assignment | null;
  state: TrialState;
  /** The objective metric as recorded (not negated); null until known. */
  metric: number | null;
  model: unknown;
  training: unknown;
}

export interface ScheduleInput {
  spec: SweepSpec;
  budget: EffectiveBudget;
  createdAt: Date;
  now: Date;
  trials: readonly ScheduledTrial[];
  /** Upper bound on trials created in one step, so an unlimited budget stays bounded. */
  maxBatch?: number;
}

export interface NewTrial {
  name: string;
  hash: string;
  params: Assignment | null;
  model: Record<string, unknown>;
  training: Record<string, unknown>;
  /**
   * Id of an existing trial, or `#k` for the k-th new trial of this same step. It and
   * `diff` are found when first read (nearestParent), so a caller can spread that work.
   */
  readonly parent: string | null;
  readonly diff: Change[] | null;
  /** The worker pool that trains it. */
  pool: PoolName;
}

export interface ScheduleOutput {
  add: NewTrial[];
  /** Queued trials that must not start (the time budget is spent), with the reason. */
  drop: { ids: string[]; reason: string } | null;
  finish: { status: 'completed' | 'failed'; reason: string } | null;
  exhausted: boolean;
  /** After this step the method will propose nothing more: every trial the sweep runs exists. */
  drained: boolean;
}

export function methodFor(spec: SweepSpec): SearchMethod | null {
  switch (spec.method) {
    case 'list':
      return null;
    case 'grid':
      return grid;
    case 'random':
      return random;
    case 'tpe':
      return createTpe({ startupTrials: spec.search.startupTrials, candidates: spec.search.candidates, ...(spec.search.gamma === undefined ? {} : { gamma: spec.search.gamma }) });
    case 'walk':
      return walk;
  }
}

const OPEN: readonly TrialState[] = OPEN_TRIAL_STATES;
const DONE: readonly TrialState[] = RESULT_TRIAL_STATES;

export function reachedTarget(spec: SweepSpec, metric: number): boolean {
  const t = spec.objective.target;
  if (t === undefined) return false;
  return spec.objective.goal === 'minimize' ? metric <= t : metric >= t;
}

export function observations(spec: SweepSpec, trials: readonly ScheduledTrial[]): Observation[] {
  const sign = spec.objective.goal === 'maximize' ? -1 : 1;
  // Cancelled trials stay in the history as failed: their variants are taken for good
  // (the database keeps one variant per sweep), so no method proposes them again.
  return trials.map((t) => ({
    hash: t.hash,
    params: t.params,
    value: DONE.includes(t.state) && t.metric !== null ? sign * t.metric : null,
    state: OPEN.includes(t.state) ? 'pending' : DONE.includes(t.state) && t.metric !== null ? 'done' : 'failed',
  }));
}

/** When the time budget runs out (counted from the sweep's creation), or null without one. */
export function budgetDeadline(createdAt: Date, budget: Pick<EffectiveBudget, 'maxDurationSeconds'>): Date | null {
  return budget.maxDurationSeconds === null ? null : new Date(createdAt.getTime() + budget.maxDurationSeconds * 1000);
}

function timeSpent(input: Pick<ScheduleInput, 'budget' | 'createdAt' | 'now'>): string | null {
  const deadline = budgetDeadline(input.createdAt, input.budget);
  return deadline && input.now.getTime() >= deadline.getTime() ? `the time budget of ${input.budget.maxDurationSeconds} s is spent` : null;
}

/** Why the sweep ends before its method runs dry (target reached, time spent), or null. */
function endsEarly(input: ScheduleInput): string | null {
  const { spec, trials } = input;
  if (trials.some((t) => DONE.includes(t.state) && t.metric !== null && reachedTarget(spec, t.metric))) {
    return `a trial reached the target ${spec.objective.metric} ${spec.objective.target}`;
  }
  return timeSpent(input);
}

/** Why the sweep proposes nothing more, or null while it may. */
export function stopProposing(input: ScheduleInput): string | null {
  const { budget, trials } = input;
  const early = endsEarly(input);
  if (early) return early;
  const total = trials.filter((t) => t.state !== 'cancelled').length;
  if (budget.maxTrials !== null && total >= budget.maxTrials) return `maxTrials ${budget.maxTrials} reached`;
  return null;
}

export function scheduleStep(input: ScheduleInput): ScheduleOutput {
  const { spec, budget, trials } = input;
  const failed = trials.filter((t) => t.state === 'failed').length;
  if (budget.maxFailedTrials !== null && failed > budget.maxFailedTrials) {
    return {
      add: [],
      drop: null,
      exhausted: false,
      drained: false,
      finish: { status: 'failed', reason: `${failed} trials failed, more than maxFailedTrials ${budget.maxFailedTrials}` },
    };
  }
  const drop = queuedToDrop(input);
  const open = trials.filter((t) => OPEN.includes(t.state)).length - (drop?.ids.length ?? 0);
  const total = trials.filter((t) => t.state !== 'cancelled').length;
  const stop = stopProposing(input);
  let add: NewTrial[] = [];
  let exhausted = false;
  let drained = false;
  if (!stop) {
    const room = Math.min(
      budget.maxConcurrentTrials === null ? Infinity : budget.maxConcurrentTrials - open,
      budget.maxTrials === null ? Infinity : budget.maxTrials - total,
      input.maxBatch ?? MAX_BATCH,
    );
    const materialise = materialiser(spec);
    const asked = room > 0 ? ask(spec, trials, room, materialise) : { proposals: [], exhausted: false };
    add = toNewTrials(spec, trials, asked.proposals, materialise);
    exhausted = asked.exhausted && add.length === 0;
    drained = asked.exhausted && add.length === asked.proposals.length;
  }
  if (open + add.length > 0) return { add, drop, exhausted, drained, finish: null };
  if (!stop && !exhausted) return { add, drop, exhausted, drained, finish: null };
  return { add, drop, exhausted, drained, finish: { status: sweepOutcome(trials.map((t) => t.state)), reason: stop ?? NOTHING_NEW_REASON } };
}

/**
 * Trials one step may create when no budget says fewer: a whole 10,000-variant list or grid
 * at once (its trials are all known up front), so its later trial ends need no step.
 */
export const MAX_BATCH = MAX_VARIANTS;

/** The reason a trial end ends the sweep when every trial has ended and nothing more comes. */
export const NOTHING_NEW_REASON = 'the search method has nothing new to propose';

/**
 * Whether a trial's end needs a scheduling step (which reads every trial of the sweep under
 * a lock), or only a settle: once a list or grid sweep has every trial it will run and no
 * target can end it early, a trial end can only finish the sweep. A failed trial and a
 * deadline still run a step (maxFailedTrials, the time budget); PATCH recomputes this.
 */
export function stepOnTrialEnd(spec: Pick<SweepSpec, 'method' | 'objective'>, drained: boolean): boolean {
  if (!drained) return true;
  if (spec.method !== 'list' && spec.method !== 'grid') return true;
  return spec.objective.target !== undefined;
}

/**
 * Queued trials that must not start: all of them once the sweep ends early (target reached,
 * time budget spent; running ones finish), and the latest ones beyond a lowered maxTrials.
 */
function queuedToDrop(input: ScheduleInput): ScheduleOutput['drop'] {
  const { budget, trials } = input;
  const queued = trials.filter((t) => t.state === 'queued').map((t) => t.id);
  if (!queued.length) return null;
  const early = endsEarly(input);
  if (early) return { ids: queued, reason: early };
  const excess = budget.maxTrials === null ? 0 : trials.filter((t) => t.state !== 'cancelled').length - budget.maxTrials;
  if (excess <= 0) return null;
  return { ids: queued.slice(-excess), reason: `maxTrials was lowered to ${budget.maxTrials}` };
}

/** Explicit variants first (all a list sweep has), then the method's own proposals. */
function ask(
  spec: SweepSpec,
  trials: readonly ScheduledTrial[],
  n: number,
  materialise: (variant: RawVariant) => Materialised | Infeasible,
): { proposals: (Proposal & { explicitIndex?: number })[]; exhausted: boolean } {
  const history = observations(spec, trials);
  const explicit = askExplicit({ history, n, seed: spec.search.seed, materialise }, spec.variants ?? []);
  const indexOf = new Map<string, number>();
  (spec.variants ?? []).forEach((v, i) => {
    const m = materialise(v as unknown as RawVariant);
    if (m.ok && !indexOf.has(m.hash)) indexOf.set(m.hash, i);
  });
  const withIndex = explicit.proposals.map((p) => ({ ...p, explicitIndex: indexOf.get(p.hash) ?? -1 }));
  const method = methodFor(spec);
  if (!method || !spec.space || withIndex.length === n) return { proposals: withIndex, exhausted: explicit.exhausted && !method };
  const pendingExplicit = withIndex.map((p) => ({ hash: p.hash, params: null, value: null, state: 'pending' as const }));
  const more = method.ask({ space: spec.space, history: [...history, ...pendingExplicit], n: n - withIndex.length, seed: spec.search.seed, materialise });
  return { proposals: [...withIndex, ...more.proposals], exhausted: explicit.exhausted && more.exhausted };
}

function toNewTrials(
  spec: SweepSpec,
  trials: readonly ScheduledTrial[],
  proposals: (Proposal & { explicitIndex?: number })[],
  materialise: (variant: RawVariant) => Materialised | Infeasible,
): NewTrial[] {
  const earlier: ParentCandidate[] = trials.filter((t) => t.state !== 'cancelled').map((t) => ({ key: t.id, hash: t.hash, model: t.model, training: t.training }));
  const out: NewTrial[] = [];
  proposals.forEach((p) => {
    const m = materialise(p.variant);
    if (!m.ok) return;
    const variant = { model: m.model, training: m.training };
    const named = p.explicitIndex !== undefined && p.explicitIndex >= 0 ? spec.variants![p.explicitIndex]! : null;
    const name = named ? (named.name ?? `variant ${p.explicitIndex! + 1}`) : assignmentName(p.params ?? {}, spec.space!);
    // The same object is compared now and as a later variant's candidate: its leaves are computed once.
    const entry = { key: `#${out.length}`, hash: m.hash, ...variant };
    const declared = p.parentHash ? earlier.find((e) => e.hash === p.parentHash) : undefined;
    const candidates = declared ? { list: [declared], upto: 1 } : { list: earlier, upto: earlier.length };
    earlier.push(entry);
    out.push(withParent({ name, hash: m.hash, params: p.params, ...variant, pool: trialPool(spec, named) }, candidates, entry));
  });
  return out;
}

type ParentCandidate = { key: string; hash: string; model: unknown; training: unknown };

function parentAmong(candidates: { list: readonly ParentCandidate[]; upto: number }, entry: ParentCandidate) {
  const { list, upto } = candidates;
  return nearestParent(list.slice(Math.max(0, upto - NEAREST_PARENT_WINDOW), upto), entry);
}

/**
 * The trial with its parent and diff found when first read: the database layer reads them
 * chunk by chunk while it writes the chunk before, so this work overlaps the insert. The
 * candidates are the earlier variants as they stood when the trial was proposed
 * (`list` only grows, so its first `upto` are those).
 */
function withParent(t: Omit<NewTrial, 'parent' | 'diff'>, candidates: { list: readonly ParentCandidate[]; upto: number }, entry: ParentCandidate): NewTrial {
  // No closure for the lookup: tsx names every closure it creates, at a cost per trial.
  let found: { parent: ParentCandidate; changes: Change[] } | null | undefined;
  const { name, hash, params, model, training, pool } = t;
  return {
    name,
    hash,
    params,
    model,
    training,
    get parent() {
      if (found === undefined) found = parentAmong(candidates, entry);
      return found?.parent.key ?? null;
    },
    get diff() {
      if (found === undefined) found = parentAmong(candidates, entry);
      return found?.changes ?? null;
    },
    pool,
  };
}
