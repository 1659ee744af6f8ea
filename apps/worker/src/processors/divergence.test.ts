import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constantGuessLoss, divergence } from './divergence.ts';

const softmax = { kind: 'softmax' } as const;
const logistic = { kind: 'logistic' } as const;

test('a loss that is not finite is divergence, named with its epoch', () => {
  assert.equal(divergence({ epoch: 3, trainLoss: Number.NaN }, softmax), 'training diverged: train loss NaN at epoch 3');
  assert.equal(divergence({ epoch: 1, trainLoss: Number.POSITIVE_INFINITY }, softmax), 'training diverged: train loss Infinity at epoch 1');
});

test('a loss far above the best constant guess is divergence; ordinary losses are not', () => {
  assert.ok(Math.abs(constantGuessLoss(softmax) - Math.log(10)) < 1e-12);
  // Epoch-1 losses measured on 300 MNIST images (see divergence.ts).
  assert.match(divergence({ epoch: 1, trainLoss: 8.3 }, softmax)!, /train loss 8.300 at epoch 1, over 3x the 2.30 of a constant guess/);
  for (const loss of [0.2, 1.68, 2.31, 3.57]) assert.equal(divergence({ epoch: 1, trainLoss: loss }, softmax), null, `softmax loss ${loss}`);
  // The logistic model sums ten one-vs-rest losses: its untrained loss (10 ln 2 ≈ 6.9) is normal.
  assert.equal(divergence({ epoch: 1, trainLoss: 6.93 }, logistic), null);
  assert.match(divergence({ epoch: 2, trainLoss: 12.3 }, logistic)!, /at epoch 2/);
});

test("the constant guess follows the dataset's class count: an ordinary first epoch on 200 classes is not divergence", () => {
  assert.equal(constantGuessLoss(softmax, 200), Math.log(200));
  assert.ok(Math.abs(constantGuessLoss(logistic, 4) - 4 * -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75))) < 1e-12);
  // ln 200 = 5.3: a first epoch at 7 is above 3x ln 10 (6.9) but an ordinary loss for 200 classes.
  assert.equal(divergence({ epoch: 1, trainLoss: 7 }, softmax, 200), null);
  assert.match(divergence({ epoch: 1, trainLoss: 7 }, softmax)!, /over 3x the 2.30 of a constant guess/);
  assert.match(divergence({ epoch: 1, trainLoss: 16.5 }, softmax, 200)!, /over 3x the 5.30 of a constant guess/);
});
