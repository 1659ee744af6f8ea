import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askPruner, cancelRun, epochBoundary, epochMatters, NEW_RUN, settlesSweep, trialOutcome, type EpochFacts, type TrainingEnd, type TrialRun } from './trial-run.ts';

/** What one epoch brings, in brief: the write, then the facts after it is reported. */
type Epoch = { saved?: boolean | null; status?: string; diverged?: string; releasing?: boolean; prune?: string | null; cancelNotice?: boolean };

/**
 * Plays epochs through the boundary rules as the worker does (a cancel notice arrives
 * between epochs); returns each boundary's action and the run at the end.
 */
function play(epochs: Epoch[]): { actions: string[]; run: TrialRun } {
  let run = NEW_RUN;
  const actions: string[] = [];
  for (const e of epochs) {
    if (e.cancelNotice) run = cancelRun(run);
    if (!epochMatters(run)) {
      actions.push('ignored');
      continue;
    }
    const written: EpochFacts = { phase: 'written', saved: e.saved === undefined ? true : e.saved, trialStatus: e.status ?? 'running', diverged: e.diverged ?? null };
    const first = epochBoundary(run, written);
    run = first.run;
    if (first.boundary.action !== 'continue') {
      actions.push(describe(first.boundary));
      continue;
    }
    const prune = e.prune === undefined || !askPruner(run) ? null : { pruned: e.prune };
    const second = epochBoundary(run, { phase: 'reported', releasing: e.releasing ?? false, trialStatus: e.status ?? 'running', prune });
    run = second.run;
    actions.push(describe(second.boundary));
  }
  return { actions, run };
}

function describe(b: ReturnType<typeof epochBoundary>['boundary']): string {
  if (b.action === 'continue') return 'continue';
  if (b.action === 'release') return `release: ${b.reason}`;
  return `stop: ${b.reason.kind}`;
}

const result: TrainingEnd = { kind: 'result' };
const noResult: TrainingEnd = { kind: 'no result' };
const error = (over: Partial<Extract<TrainingEnd, { kind: 'error' }>> = {}): TrainingEnd => ({
  kind: 'error',
  message: 'boom',
  unrecoverable: false,
  lastAttempt: false,
  inTraining: true,
  ...over,
});

test('a run with nothing in its way continues at every boundary and completes', () => {
  const { actions, run } = play([{}, {}, {}]);
  assert.deepEqual(actions, ['continue', 'continue', 'continue']);
  assert.deepEqual(trialOutcome(run, result, false), { kind: 'complete', pruned: null });
});

test('the pruner stops it at a boundary; later epochs do not ask again; it ends pruned with the reason', () => {
  const { actions, run } = play([{}, { prune: 'rung 1' }, { prune: 'ignored' }]);
  assert.deepEqual(actions, ['continue', 'stop: pruned', 'continue']);
  assert.deepEqual(trialOutcome(run, result, false), { kind: 'complete', pruned: 'rung 1' });
});

test('a stopping sweep ends it with its result kept (completed, not pruned)', () => {
  const { actions, run } = play([{}, { prune: null }]);
  assert.deepEqual(actions, ['continue', 'stop: sweep stopping']);
  assert.deepEqual(trialOutcome(run, result, false), { kind: 'complete', pruned: null });
});

test('divergence stops it, later epochs are ignored, and it fails for good even with a result', () => {
  const { actions, run } = play([{}, { saved: null, diverged: 'training diverged: NaN' }, {}]);
  assert.deepEqual(actions, ['continue', 'stop: diverged', 'ignored']);
  assert.deepEqual(trialOutcome(run, result, false), { kind: 'fail', message: 'training diverged: NaN', final: true });
  assert.ok(settlesSweep(trialOutcome(run, result, false)));
});

test('a cancel wins over divergence and pruning, whether noticed by the row, the write, or a notice', () => {
  assert.deepEqual(play([{ status: 'cancelled' }]).actions, ['stop: cancelled']);
  assert.deepEqual(play([{ saved: false, status: 'cancelled' }]).actions, ['stop: cancelled']);
  const diverged = play([{ saved: null, diverged: 'training diverged' }]).run;
  assert.deepEqual(trialOutcome(cancelRun(diverged), result, false), { kind: 'cancelled' });
  const pruned = play([{ prune: 'rung 1' }, { cancelNotice: true }]).run;
  assert.deepEqual(trialOutcome(pruned, result, false), { kind: 'cancelled' });
  assert.deepEqual(trialOutcome(cancelRun(NEW_RUN), error(), false), { kind: 'cancelled' });
});

test('a write the claim no longer covers (not cancelled): taken over, let go, later epochs ignored, nothing settles', () => {
  const { actions, run } = play([{}, { saved: false, status: 'running' }, {}]);
  assert.deepEqual(actions, ['continue', 'release: taken over', 'ignored']);
  for (const end of [result, noResult, error()]) {
    const outcome = trialOutcome(run, end, false);
    assert.deepEqual(outcome, { kind: 'taken over' });
    assert.equal(settlesSweep(outcome), false);
  }
});

test('at shutdown the trial is handed back at the next boundary, even when the killed training errs', () => {
  const { actions, run } = play([{}, { releasing: true }, {}]);
  assert.deepEqual(actions, ['continue', 'release: shutdown', 'ignored']);
  assert.deepEqual(trialOutcome(run, noResult, true), { kind: 'hand back' });
  assert.deepEqual(trialOutcome(run, error(), true), { kind: 'hand back' });
  // Shutting down before any boundary: a training that ends without a result goes back too, unless cancelled.
  assert.deepEqual(trialOutcome(NEW_RUN, noResult, true), { kind: 'hand back' });
  assert.deepEqual(trialOutcome(cancelRun(NEW_RUN), noResult, true), { kind: 'cancelled' });
  assert.equal(settlesSweep({ kind: 'hand back' }), false);
});

test('a failure retries until its last attempt; an unrecoverable one is final at once; a failed write is a failure even at shutdown', () => {
  assert.deepEqual(trialOutcome(NEW_RUN, error(), false), { kind: 'fail', message: 'boom', final: false });
  assert.deepEqual(trialOutcome(NEW_RUN, error({ lastAttempt: true }), false), { kind: 'fail', message: 'boom', final: true });
  assert.deepEqual(trialOutcome(NEW_RUN, error({ unrecoverable: true }), false), { kind: 'fail', message: 'boom', final: true });
  const released = play([{ releasing: true }]).run;
  assert.deepEqual(trialOutcome(released, error({ inTraining: false }), false), { kind: 'fail', message: 'boom', final: false });
});

test('a training stopped before its first result, without shutdown, counts as cancelled', () => {
  assert.deepEqual(trialOutcome(NEW_RUN, noResult, false), { kind: 'cancelled' });
});
