/**
 * One trial's training as its worker sees it, decided as pure functions of plain facts:
 * at each epoch boundary whether the training goes on, stops (the trial ends here with a
 * verdict) or is let go (the trial is no longer this worker's), and at the end what becomes
 * of the trial. The worker's BullMQ processor gathers the facts (its database reads and
 * writes) and carries the decisions out; these functions hold every rule.
 */

/** Why training stops at an epoch boundary with the trial ending here. */
export type EpochStopReason = { kind: 'cancelled' } | { kind: 'diverged'; message: string } | { kind: 'pruned'; reason: string } | { kind: 'sweep stopping' };

/** Why the trial stops being this worker's: handed back at shutdown, or claimed by another worker. */
export type ReleaseReason = 'shutdown' | 'taken over';

export type Boundary = { action: 'continue' } | { action: 'stop'; reason: EpochStopReason } | { action: 'release'; reason: ReleaseReason };

/**
 * What has happened to the run so far. Each part is set once: a later stop does not replace
 * an earlier one, but a cancel is remembered beside any of them (it wins at the end).
 */
export interface TrialRun {
  stopped: Exclude<EpochStopReason, { kind: 'cancelled' }> | null;
  cancelled: boolean;
  released: ReleaseReason | null;
}

export const NEW_RUN: TrialRun = { stopped: null, cancelled: false, released: null };

/**
 * The facts of one epoch boundary, in the order the worker learns them: the epoch's write,
 * then (once it is reported to watchers) shutdown, the trial's status and the pruner.
 * `saved`: null when the epoch was not written (its numbers are not finite).
 */
export type EpochFacts =
  | { phase: 'written'; saved: boolean | null; trialStatus: string | null; diverged: string | null }
  | { phase: 'reported'; releasing: boolean; trialStatus: string | null; prune: { pruned: string | null } | null };

/** Whether this boundary still needs deciding: a run that diverged or was let go ignores further epochs. */
export function epochMatters(run: TrialRun): boolean {
  return run.released === null && run.stopped?.kind !== 'diverged';
}

/** Whether the pruner (and the sweep's stop) need asking at this boundary: not once the run has stopped. */
export function askPruner(run: TrialRun): boolean {
  return run.stopped === null;
}

/** The decision at one phase of an epoch boundary, and the run after it. */
export function epochBoundary(run: TrialRun, facts: EpochFacts): { run: TrialRun; boundary: Boundary } {
  const stop = (reason: EpochStopReason) => ({ run: stopRun(run, reason), boundary: { action: 'stop' as const, reason } });
  if (facts.phase === 'written') {
    // The claim no longer holds: the trial was cancelled, or another worker took it.
    if (facts.saved === false) {
      if (facts.trialStatus === 'cancelled') return stop({ kind: 'cancelled' });
      return { run: { ...run, released: run.released ?? 'taken over' }, boundary: { action: 'release', reason: 'taken over' } };
    }
    if (facts.diverged) return stop({ kind: 'diverged', message: facts.diverged });
    return { run, boundary: { action: 'continue' } };
  }
  // Shutting down: this epoch is checkpointed, hand the trial back now.
  if (facts.releasing) return { run: { ...run, released: run.released ?? 'shutdown' }, boundary: { action: 'release', reason: 'shutdown' } };
  // A cancel notice can be missed (pub/sub is fire-and-forget); the row is the truth.
  if (facts.trialStatus === 'cancelled') return stop({ kind: 'cancelled' });
  if (facts.prune) return stop(facts.prune.pruned === null ? { kind: 'sweep stopping' } : { kind: 'pruned', reason: facts.prune.pruned });
  return { run, boundary: { action: 'continue' } };
}

/** A cancel notice (or the row) says stop: remembered beside whatever else happened. */
export function cancelRun(run: TrialRun): TrialRun {
  return { ...run, cancelled: true };
}

function stopRun(run: TrialRun, reason: EpochStopReason): TrialRun {
  if (reason.kind === 'cancelled') return cancelRun(run);
  return { ...run, stopped: run.stopped ?? reason };
}

/**
 * How the training ended: with a result, without one (stopped before its first result, or
 * killed), or with an error — of the training itself, or of recording what came of it
 * (`inTraining` false: a database write failed; the attempt failed whatever the run says).
 */
export type TrainingEnd = { kind: 'result' } | { kind: 'no result' } | { kind: 'error'; message: string; unrecoverable: boolean; lastAttempt: boolean; inTraining: boolean };

export type TrialEnding =
  /** Another worker holds the trial: nothing to write, nothing to settle. */
  | { kind: 'taken over' }
  /** Back to the queue with its checkpoint, no attempt used; nothing to settle. */
  | { kind: 'hand back' }
  | { kind: 'cancelled' }
  /** The result is written: `pruned` with the pruner's reason, else completed (early stop and sweep stop included). */
  | { kind: 'complete'; pruned: string | null }
  /** `final`: failed for good (diverged, or attempts used up); else retried from the checkpoint. */
  | { kind: 'fail'; message: string; final: boolean };

/**
 * What becomes of the trial once its training ended, and whether its sweep must be settled
 * (every outcome but the two where the trial did not end here). `releasing`: the worker is
 * shutting down now (a training killed for that ends without a result).
 */
export function trialOutcome(run: TrialRun, end: TrainingEnd, releasing: boolean): TrialEnding {
  if (run.released === 'taken over') return { kind: 'taken over' };
  // A training killed on purpose (let go, or at shutdown) ends without a result, not with a failure.
  const ended = end.kind === 'error' && end.inTraining && (run.released !== null || releasing) ? ({ kind: 'no result' } as const) : end;
  if (ended.kind === 'error') {
    if (run.cancelled) return { kind: 'cancelled' };
    // A diverged training fails the same way every time: no retry.
    return { kind: 'fail', message: ended.message, final: ended.unrecoverable || ended.lastAttempt };
  }
  if (run.released === 'shutdown' || (ended.kind === 'no result' && releasing && !run.cancelled)) return { kind: 'hand back' };
  if (run.stopped?.kind === 'diverged' && !run.cancelled) return { kind: 'fail', message: run.stopped.message, final: true };
  if (run.cancelled || ended.kind === 'no result') return { kind: 'cancelled' };
  return { kind: 'complete', pruned: run.stopped?.kind === 'pruned' ? run.stopped.reason : null };
}

/** Whether the trial ended on this worker, so its sweep must be settled. */
export function settlesSweep(outcome: TrialEnding): boolean {
  return outcome.kind !== 'taken over' && outcome.kind !== 'hand back';
}
