import type { Assignment, SearchSpace } from '../space/space.ts';
import type { RawVariant } from '../space/assignment.ts';

/**
 * The one interface every search method implements. "Tell" is the history: the scheduler
 * reads every trial of the sweep from the database and passes it in, so a method holds no
 * memory between calls and any process can ask it; "ask" returns up to `n` new variants.
 */
export interface Observation {
  hash: string;
  /** The parameter values (null for an explicit variant). */
  params: Assignment | null;
  /** Objective to MINIMISE (already negated for goal maximize); null unless done. */
  value: number | null;
  state: 'pending' | 'done' | 'failed';
}

export interface Materialised {
  ok: true;
  hash: string;
  /** The normalised variant: model with defaults, training fully resolved. */
  model: Record<string, unknown>;
  training: Record<string, unknown>;
}
export interface Infeasible {
  ok: false;
  reason: string;
}

export interface Proposal {
  params: Assignment | null;
  variant: RawVariant;
  hash: string;
  /** The trial this one was derived from (walk); others get the nearest earlier variant. */
  parentHash?: string;
}

export interface SearchContext {
  space: SearchSpace;
  history: readonly Observation[];
  n: number;
  seed: number;
  /** Validates and normalises a variant; infeasible ones (a filter too big) are skipped. */
  materialise(variant: RawVariant): Materialised | Infeasible;
}

export interface AskResult {
  proposals: Proposal[];
  /** True when the method will never propose anything new (given this history). */
  exhausted: boolean;
}

export interface SearchMethod {
  ask(ctx: SearchContext): AskResult;
}

/** Materialises `variant` and keeps it if feasible and not yet tried or proposed. */
export function tryPropose(ctx: SearchContext, taken: Set<string>, params: Assignment | null, variant: RawVariant, parentHash?: string): Proposal | null {
  const m = ctx.materialise(variant);
  if (!m.ok || taken.has(m.hash)) return null;
  taken.add(m.hash);
  return { params, variant, hash: m.hash, ...(parentHash ? { parentHash } : {}) };
}

export function takenHashes(history: readonly Observation[]): Set<string> {
  return new Set(history.map((o) => o.hash));
}
