import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConflictError } from '../errors.ts';
import { checkSweepEvent, SWEEP_STATES, SWEEP_TRANSITIONS, sweepEnd, type SweepEvent, type SweepState } from './sweep.ts';
import { TRIAL_STATES, trialTransition, type TrialEvent, type TrialState } from './trial.ts';

const facts = { started: true, runningTrials: 0 };

/** Plays a sequence of events from `queued`; returns each state it passed through, or where it was refused. */
function playSweep(events: [Exclude<SweepEvent, 'end'>, typeof facts?][]): string[] {
  let state: SweepState = 'queued';
  const seen: string[] = [state];
  for (const [event, f] of events) {
    try {
      state = checkSweepEvent('s', state, event, f ?? facts);
      seen.push(state);
    } catch (err) {
      assert.ok(err instanceof ConflictError);
      seen.push(`refused ${event}`);
    }
  }
  return seen;
}

test('a sweep is paused, resumed to where it was, stopped while a trial runs, and cannot be resumed after', () => {
  assert.deepEqual(playSweep([['start'], ['pause'], ['resume'], ['stop', { started: true, runningTrials: 1 }], ['resume'], ['pause'], ['cancel']]), [
    'queued',
    'running',
    'paused',
    'running',
    'stopping',
    'refused resume',
    'refused pause',
    'cancelled',
  ]);
});

test('resume goes back to queued when no trial ever started; stop with nothing running is stopped at once', () => {
  assert.deepEqual(playSweep([['pause'], ['resume', { started: false, runningTrials: 0 }]]), ['queued', 'paused', 'queued']);
  assert.deepEqual(playSweep([['stop', { started: false, runningTrials: 0 }], ['reopen'], ['cancel'], ['reopen']]), [
    'queued',
    'stopped',
    'running',
    'cancelled',
    'refused reopen',
  ]);
});

test('a refusal is a 409 that names the states the action applies in', () => {
  assert.throws(
    () => checkSweepEvent('abc', 'completed', 'pause', facts),
    (err: ConflictError) => err.code === 'CONFLICT' && /cannot pause sweep abc: it is completed; only a queued or running sweep can be paused/.test(err.message),
  );
  assert.throws(() => checkSweepEvent('abc', 'cancelled', 'cancel', facts), /only a queued, running, paused or stopping sweep can be cancelled/);
});

test('every event names only real states, and a cancelled sweep takes no event', () => {
  for (const [event, t] of Object.entries(SWEEP_TRANSITIONS)) {
    for (const s of t.from) assert.ok((SWEEP_STATES as readonly string[]).includes(s), `${event} from ${s}`);
    assert.ok(!(t.from as readonly string[]).includes('cancelled'), event);
  }
});

test('the done rule: not while a trial may train; completed with a result (pruned counts), else failed; stopping → stopped', () => {
  assert.equal(sweepEnd('running', ['completed', 'running']), null);
  assert.equal(sweepEnd('running', ['failed', 'queued']), null);
  assert.equal(sweepEnd('running', ['failed', 'completed', 'cancelled']), 'completed');
  assert.equal(sweepEnd('running', ['failed', 'pruned']), 'completed');
  assert.equal(sweepEnd('queued', ['failed', 'cancelled']), 'failed');
  assert.equal(sweepEnd('running', []), 'failed');
  assert.equal(sweepEnd('stopping', ['completed', 'running']), null);
  assert.equal(sweepEnd('stopping', ['failed']), 'stopped');
  for (const s of ['paused', 'completed', 'failed', 'cancelled', 'stopped'] as const) assert.equal(sweepEnd(s, ['completed']), null, s);
});

test('a trial: claimed, retried, claimed again, released at shutdown, claimed, pruned; nothing moves it after', () => {
  let state: TrialState = 'queued';
  const path: string[] = [state];
  for (const e of ['claim', 'retry', 'claim', 'release', 'claim', 'prune', 'complete', 'cancel', 'claim', 'lose'] as TrialEvent[]) {
    const next = trialTransition(state, e);
    path.push(next ?? `no ${e}`);
    state = next ?? state;
  }
  assert.deepEqual(path, ['queued', 'running', 'queued', 'running', 'queued', 'running', 'pruned', 'no complete', 'no cancel', 'no claim', 'no lose']);
});

test('a claim takes over a running trial (its worker died); a drop touches only queued ones; finished trials are final', () => {
  assert.equal(trialTransition('running', 'claim'), 'running');
  assert.equal(trialTransition('running', 'drop'), null);
  assert.equal(trialTransition('queued', 'drop'), 'cancelled');
  assert.equal(trialTransition('queued', 'lose'), 'failed');
  for (const s of ['completed', 'pruned', 'failed', 'cancelled'] as const) {
    for (const e of ['claim', 'complete', 'prune', 'retry', 'fail', 'release', 'cancel', 'drop', 'lose'] as TrialEvent[]) assert.equal(trialTransition(s, e), null, `${s} ${e}`);
  }
  assert.deepEqual([...TRIAL_STATES].sort(), ['cancelled', 'completed', 'failed', 'pruned', 'queued', 'running']);
});
