import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialEarlyStopping, observeEpoch, type StopReason } from './early-stopping.ts';

/** Feeds a sequence of validation errors; returns the epoch it stopped at, why, and the best. */
function run(values: number[], patience: number, maxEpochs = values.length, collapseAt?: number) {
  let state = initialEarlyStopping();
  for (let i = 0; i < values.length; i++) {
    const step = observeEpoch(state, i + 1, values[i]!, { patience, maxEpochs, ...(collapseAt !== undefined ? { collapseAt } : {}) });
    state = step.state;
    if (step.stop) return { stoppedAt: i + 1, reason: step.stop as StopReason, best: state.bestValue, bestEpoch: state.bestEpoch };
  }
  return { stoppedAt: null, reason: null, best: state.bestValue, bestEpoch: state.bestEpoch };
}

test('stops after `patience` epochs without improvement', () => {
  assert.deepEqual(run([0.5, 0.4, 0.41, 0.42, 0.43, 0.3], 3, 10), { stoppedAt: 5, reason: 'patience', best: 0.4, bestEpoch: 2 });
});

test('an improvement resets the patience count', () => {
  assert.deepEqual(run([0.5, 0.6, 0.4, 0.6, 0.35, 0.6, 0.6], 2, 10), { stoppedAt: 7, reason: 'patience', best: 0.35, bestEpoch: 5 });
});

test('an equal value is not an improvement', () => {
  assert.deepEqual(run([0.5, 0.5, 0.5], 2, 10), { stoppedAt: 3, reason: 'patience', best: 0.5, bestEpoch: 1 });
});

test('max epochs ends the run even while it still improves', () => {
  assert.deepEqual(run([0.5, 0.4, 0.3], 10, 3), { stoppedAt: 3, reason: 'max_epochs', best: 0.3, bestEpoch: 3 });
});

test('the seed setting (patience 10, max 30) runs all 30 epochs of a curve that keeps improving', () => {
  const curve = Array.from({ length: 30 }, (_, i) => 1 / (i + 1));
  assert.deepEqual(run(curve, 10, 30), { stoppedAt: 30, reason: 'max_epochs', best: 1 / 30, bestEpoch: 30 });
});

test('minDelta demands a margin before a value counts as better', () => {
  let s = initialEarlyStopping();
  s = observeEpoch(s, 1, 0.5, { patience: 5, maxEpochs: 10, minDelta: 0.01 }).state;
  const step = observeEpoch(s, 2, 0.495, { patience: 5, maxEpochs: 10, minDelta: 0.01 });
  assert.equal(step.improved, false);
  assert.equal(step.state.bestValue, 0.5);
});

test('NaN (a diverged epoch) never counts as the best', () => {
  assert.deepEqual(run([0.5, Number.NaN, Number.NaN], 2, 10), { stoppedAt: 3, reason: 'patience', best: 0.5, bestEpoch: 1 });
});

test("a net that had learned and is back at chance stops at once as collapsed, keeping its best epoch (model 1's full-budget curve)", () => {
  const model1 = [0.0227, 0.0156, 0.0144, 0.0183, 0.0124, 0.0118, 0.0124, 0.0197, 0.021, 0.0206, 0.0139, 0.0239, 0.0113, 0.0198, 0.901, 0.901, 0.8991];
  assert.deepEqual(run(model1, 10, 30, 0.85), { stoppedAt: 15, reason: 'collapsed', best: 0.0113, bestEpoch: 13 });
  // Without the rule, patience waits it out.
  assert.deepEqual(run(model1, 10, 30).stoppedAt, null);
});

test('a net that never learned is not called collapsed, whatever its error', () => {
  assert.deepEqual(run([0.9, 0.89, 0.9, 0.91], 2, 30, 0.85), { stoppedAt: 4, reason: 'patience', best: 0.89, bestEpoch: 2 });
  assert.deepEqual(run([0.6, 0.9, 0.9], 5, 30, 0.85).stoppedAt, null);
});
