import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { SgdMomentumOptimizer } from './sgd.ts';

// The SGD rule itself, on tfjs's reference cpu backend, against the arithmetic written out in
// float32: with loss Σ x·w the gradient is x, so every step is known in advance.
const f = Math.fround;

function expected(w0: number[], x: number[], steps: number, o: { lr: number; m: number; wd: number; nesterov: boolean }): number[] {
  return w0.map((w, i) => {
    let value = f(w);
    let acc = 0;
    for (let s = 0; s < steps; s++) {
      const g = f(x[i]! + f(value * f(o.wd)));
      acc = f(f(f(o.m) * acc) + g);
      const dir = o.nesterov ? f(g + f(acc * f(o.m))) : acc;
      value = f(f(f(-o.lr) * dir) + value);
    }
    return value;
  });
}

describe('SgdMomentumOptimizer: classical or Nesterov momentum with L2 weight decay', () => {
  for (const o of [
    { lr: 0.1, m: 0.9, wd: 0, nesterov: false },
    { lr: 0.1, m: 0.9, wd: 0, nesterov: true },
    { lr: 0.05, m: 0.8, wd: 0.01, nesterov: false },
    { lr: 0.05, m: 0.8, wd: 0.01, nesterov: true },
  ]) {
    it(`lr ${o.lr}, momentum ${o.m}, weight decay ${o.wd}${o.nesterov ? ', Nesterov' : ''}: w after 4 steps as written out`, async () => {
      await tf.setBackend('cpu');
      const w0 = [0.5, -1.25, 2, 0];
      const x = [0.3, -0.7, 0.1, 1];
      const w = tf.variable(tf.tensor1d(w0));
      const xs = tf.tensor1d(x);
      const optimizer = new SgdMomentumOptimizer({ learningRate: o.lr, momentum: o.m, weightDecay: o.wd, nesterov: o.nesterov });
      for (let s = 0; s < 4; s++) tf.dispose(optimizer.minimize(() => tf.sum(tf.mul(xs, w)) as tf.Scalar, true, [w]) ?? []);
      assert.deepEqual([...(w.dataSync() as Float32Array)], expected(w0, x, 4, o));
      optimizer.dispose();
      tf.dispose([w, xs]);
    });
  }

  it('weight decay pulls a weight with no gradient towards 0', async () => {
    await tf.setBackend('cpu');
    const w = tf.variable(tf.tensor1d([1, -2]));
    const optimizer = new SgdMomentumOptimizer({ learningRate: 0.1, momentum: 0, weightDecay: 0.5 });
    for (let s = 0; s < 3; s++) tf.dispose(optimizer.minimize(() => tf.mul(tf.sum(w), 0) as tf.Scalar, true, [w]) ?? []);
    // Each step multiplies by 1 − lr·wd = 0.95.
    const [a, b] = w.dataSync() as Float32Array;
    assert.ok(Math.abs(a! - 0.95 ** 3) < 1e-6 && Math.abs(b! + 2 * 0.95 ** 3) < 1e-6, `${a}, ${b}`);
    optimizer.dispose();
    w.dispose();
  });
});
