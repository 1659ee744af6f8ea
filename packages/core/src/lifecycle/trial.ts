/**
 * The trial state machine: every state a trial can be in, and every event that moves it,
 * with the states it may come from. packages/db runs each transition as one SQL statement
 * whose WHERE clause is the `from` list below (see sqlList), so a transition that lost a race
 * (a cancel before a completion) changes nothing.
 */
export const TRIAL_STATES = ['queued', 'running', 'completed', 'pruned', 'failed', 'cancelled'] as const;
export type TrialState = (typeof TRIAL_STATES)[number];

/** A trial that may still train: the sweep is not done while one is. */
export const OPEN_TRIAL_STATES = ['queued', 'running'] as const satisfies readonly TrialState[];
/** A trial that ended with a result (a pruned trial keeps its partial one). */
export const RESULT_TRIAL_STATES = ['completed', 'pruned'] as const satisfies readonly TrialState[];

export type TrialEvent = keyof typeof TRIAL_TRANSITIONS;

export const TRIAL_TRANSITIONS = {
  /** A worker's job starts it: queued, or running whose worker died (its stalled job was handed on). */
  claim: { from: ['queued', 'running'], to: 'running' },
  /** Training ended: at its last epoch, by early stopping, or because the sweep is stopping. */
  complete: { from: ['running'], to: 'completed' },
  /** The sweep's pruner ended it early. */
  prune: { from: ['running'], to: 'pruned' },
  /** Training failed and will be retried (from its checkpoint). */
  retry: { from: ['running'], to: 'queued' },
  /** Training failed for the last time, or diverged. */
  fail: { from: ['running'], to: 'failed' },
  /** Its worker shuts down: handed back at an epoch boundary, checkpoint kept. */
  release: { from: ['running'], to: 'queued' },
  /** The sweep was cancelled (or failed): running ones are told to stop. */
  cancel: { from: ['queued', 'running'], to: 'cancelled' },
  /** Must not start: the sweep stopped, its time budget is spent, or maxTrials was lowered. */
  drop: { from: ['queued'], to: 'cancelled' },
  /** Its job failed outside training (it stalled too often: the workers holding it died). */
  lose: { from: ['queued', 'running'], to: 'failed' },
} as const satisfies Record<string, { from: readonly TrialState[]; to: TrialState }>;

/** The state `event` moves a trial in `state` to, or null when the event does not apply there. */
export function trialTransition(state: TrialState, event: TrialEvent): TrialState | null {
  const t = TRIAL_TRANSITIONS[event];
  return (t.from as readonly TrialState[]).includes(state) ? t.to : null;
}

export function isOpenTrial(state: TrialState): boolean {
  return (OPEN_TRIAL_STATES as readonly TrialState[]).includes(state);
}

export function hasResult(state: TrialState): boolean {
  return (RESULT_TRIAL_STATES as readonly TrialState[]).includes(state);
}
