import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, bothBackends, randomValues } from '../testing/compare.ts';
import { softmaxBeta } from './softmax-beta.ts';

/**
 * Section 1 of the seed study, checked against tfjs's autodiff element by element: the
 * derivative of the sigmoid is σ(x)(1−σ(x)), and the Jacobian of softmax(−βx) is
 * ∂out_i/∂x_j = −β·out_i·(δ_ij − out_j).
 */
describe("the seed's derivations hold in our code (autodiff vs closed form)", () => {
  before(bothBackends);

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`${backend}: d sigmoid(x)/dx = σ(x)(1 − σ(x)) at every element`, async () => {
      await tf.setBackend(backend);
      const xv = randomValues(64, 11, -6, 6);
      const [got, want] = tf.tidy(() => {
        const x = tf.tensor1d(xv);
        const s = tf.sigmoid(x);
        return [tf.grad((t: tf.Tensor) => tf.sum(tf.sigmoid(t)))(x), tf.mul(s, tf.sub(1, s))];
      });
      assertClose(got.dataSync() as Float32Array, want.dataSync() as Float32Array, 1e-6, 'dσ/dx');
      tf.dispose([got, want]);
    });

    for (const beta of [-1, 0.5, 2, -3]) {
      it(`${backend}: ∂softmax(−βx)_i/∂x_j = −β·out_i·(δ_ij − out_j), β = ${beta}`, async () => {
        await tf.setBackend(backend);
        const n = 5;
        const xv = randomValues(n, 20 + beta * 10, -2, 2);
        const out = tf.tidy(() => softmaxBeta(tf.tensor2d(xv, [1, n]), beta).dataSync() as Float32Array);
        // Row i of the Jacobian is the gradient of out_i alone.
        const jacobian = new Float32Array(n * n);
        const closed = new Float32Array(n * n);
        for (let i = 0; i < n; i++) {
          const row = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.slice(softmaxBeta(x, beta), [0, i], [1, 1]).sum())(tf.tensor2d(xv, [1, n])));
          jacobian.set(row.dataSync(), i * n);
          row.dispose();
          for (let j = 0; j < n; j++) closed[i * n + j] = -beta * out[i]! * ((i === j ? 1 : 0) - out[j]!);
        }
        assertClose(jacobian, closed, 1e-6, `Jacobian, β=${beta}`);
      });
    }
  }
});
