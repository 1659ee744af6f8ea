import { ConflictError } from '../errors.ts';
import { hasResult, isOpenTrial, type TrialState } from './trial.ts';

/**
 * The sweep state machine: states, events with the states they apply in, the guards that
 * pick the target state, and the one rule for when a sweep is done (sweepEnd). The API
 * asks `checkSweepEvent` for the 409 a refused action answers; packages/db runs each
 * transition as one statement built from these lists; the scheduling step (scheduleStep)
 * and the settle at a trial's end both end sweeps by `sweepEnd`.
 */
export const SWEEP_STATES = ['queued', 'running', 'paused', 'stopping', 'stopped', 'completed', 'failed', 'cancelled'] as const;
export type SweepState = (typeof SWEEP_STATES)[number];

/** A sweep nothing more happens to, unless a PATCH reopens it (cancelled ones stay). */
export const FINISHED_SWEEP_STATES = ['completed', 'failed', 'cancelled', 'stopped'] as const satisfies readonly SweepState[];
/** A sweep whose scheduler may still add trials. */
export const SCHEDULING_SWEEP_STATES = ['queued', 'running'] as const satisfies readonly SweepState[];

/** What the guards read: whether a trial ever started, and how many run now. */
export interface SweepFacts {
  started: boolean;
  runningTrials: number;
}

export type SweepEvent = keyof typeof SWEEP_TRANSITIONS;

export const SWEEP_TRANSITIONS = {
  /** Its first trial was claimed. */
  start: { from: ['queued'], to: () => 'running', past: 'started' },
  /** No new trial starts; running ones finish. */
  pause: { from: ['queued', 'running'], to: () => 'paused', past: 'paused' },
  /** Back to where it was before the pause. */
  resume: { from: ['paused'], to: (f: SweepFacts) => (f.started ? 'running' : 'queued'), past: 'resumed' },
  /** Queued trials are dropped; running ones end at their next epoch boundary, results kept. */
  stop: { from: ['queued', 'running', 'paused'], to: (f: SweepFacts) => (f.runningTrials > 0 ? 'stopping' : 'stopped'), past: 'stopped' },
  /** Every open trial is cancelled at once. */
  cancel: { from: ['queued', 'running', 'paused', 'stopping'], to: () => 'cancelled', past: 'cancelled' },
  /** PATCH gives a finished sweep new room (budget, variants): the scheduler runs again. */
  reopen: { from: ['completed', 'failed', 'stopped'], to: () => 'running', past: 'reopened' },
  /** Its last trial ended (sweepEnd says to what); `finish` in scheduleStep for a method run dry. */
  end: { from: ['queued', 'running', 'stopping'], to: () => null, past: 'ended' },
} as const satisfies Record<string, { from: readonly SweepState[]; to: (f: SweepFacts) => SweepState | null; past: string }>;

export function sweepEventApplies(state: SweepState, event: SweepEvent): boolean {
  return (SWEEP_TRANSITIONS[event].from as readonly SweepState[]).includes(state);
}

/** The sweep's state after `event`, or a 409 naming the states it applies in. */
export function checkSweepEvent(id: string, state: SweepState, event: Exclude<SweepEvent, 'end'>, facts: SweepFacts): SweepState {
  const t = SWEEP_TRANSITIONS[event];
  if (!sweepEventApplies(state, event)) {
    throw new ConflictError(`cannot ${event} sweep ${id}: it is ${state}; only a ${orList(t.from)} sweep can be ${t.past}`);
  }
  return t.to(facts) as SweepState;
}

/**
 * The "sweep is done" rule, the only one: once no trial may still train (none queued or
 * running), a stopping sweep is `stopped`, and a scheduling one is `completed` if a trial
 * ended with a result (completed or pruned), else `failed`. Null while it is not done. For
 * a scheduling sweep the caller must also know that no more trials will come (its method
 * ran dry, or a budget or target ended it).
 */
export function sweepEnd(state: SweepState, trials: readonly TrialState[]): 'completed' | 'failed' | 'stopped' | null {
  if (!sweepEventApplies(state, 'end') || trials.some(isOpenTrial)) return null;
  if (state === 'stopping') return 'stopped';
  return sweepOutcome(trials);
}

/** How a scheduling sweep that ends now ends: completed if any trial has a result. */
export function sweepOutcome(trials: readonly TrialState[]): 'completed' | 'failed' {
  return trials.some(hasResult) ? 'completed' : 'failed';
}

const orList = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items.join(''));
