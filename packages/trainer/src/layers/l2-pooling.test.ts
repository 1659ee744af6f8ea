import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, bothBackends, randomValues, valuesOn } from '../testing/compare.ts';
import { l2Pool } from './l2-pooling.ts';

const CASES = [
  { n: 1, side: 6, c: 2, size: 2, stride: 2 },
  { n: 3, side: 7, c: 3, size: 3, stride: 2 }, // overlapping windows
  { n: 2, side: 5, c: 2, size: 2, stride: 1 },
];

/** Central differences of Σ w·l2Pool(x) in float64 on the JS side, for a few coordinates. */
function numericalGrad(xv: Float32Array, shape: number[], wv: Float32Array, size: number, stride: number, at: number[]): number[] {
  const f = (values: Float32Array) =>
    tf.tidy(() => {
      const y = l2Pool(tf.tensor4d(values, shape as [number, number, number, number]), size, stride);
      return tf.sum(tf.mul(y, tf.tensor(wv, y.shape))).dataSync()[0]!;
    });
  const h = 1e-2;
  return at.map((i) => {
    const plus = Float32Array.from(xv);
    const minus = Float32Array.from(xv);
    plus[i]! += h;
    minus[i]! -= h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

describe('L2 pooling √(Σ x²) per window', () => {
  before(bothBackends);

  it('computes the window norms', async () => {
    const got = await valuesOn('wasm', () => l2Pool(tf.tensor4d([3, 4, 0, 0, 1, 2, 2, 0, 1], [1, 3, 3, 1]), 2, 1));
    assertClose(got.values, Float32Array.from([Math.sqrt(9 + 16 + 1), Math.sqrt(16 + 1 + 4), Math.sqrt(1 + 4), Math.sqrt(1 + 4 + 1)]), 1e-6, 'norms');
  });

  for (const [k, c] of CASES.entries()) {
    const label = `batch ${c.n}, ${c.side}x${c.side}x${c.c}, window ${c.size} stride ${c.stride}`;
    it(`gradient matches central differences (cpu) and the cpu backend (wasm): ${label}`, async () => {
      const shape = [c.n, c.side, c.side, c.c];
      const xv = randomValues(
        shape.reduce((a, b) => a * b),
        70 + k,
      );
      const outSide = Math.floor((c.side - c.size) / c.stride) + 1;
      const wv = randomValues(c.n * outSide * outSide * c.c, 80 + k);
      const grad = () =>
        tf.grad((x: tf.Tensor) => tf.sum(tf.mul(l2Pool(x as tf.Tensor4D, c.size, c.stride), tf.tensor4d(wv, [c.n, outSide, outSide, c.c]))))(
          tf.tensor4d(xv, shape as [number, number, number, number]),
        );
      const cpu = await valuesOn('cpu', grad);
      const at = [0, 5, Math.floor(xv.length / 2), xv.length - 1];
      const numeric = numericalGrad(xv, shape, wv, c.size, c.stride, at);
      assertClose(Float32Array.from(at.map((i) => cpu.values[i]!)), Float32Array.from(numeric), 2e-2, 'autodiff vs finite differences');
      const wasm = await valuesOn('wasm', grad);
      assertClose(wasm.values, cpu.values, 1e-5, 'wasm vs cpu');
    });
  }

  it('has a zero, finite gradient where a whole window is zero (after ReLU)', async () => {
    const g = await valuesOn('wasm', () => tf.grad((x: tf.Tensor) => tf.sum(l2Pool(x as tf.Tensor4D, 2, 2)))(tf.zeros([1, 4, 4, 1])));
    assert.ok(g.values.every((v) => v === 0));
  });
});

describe('stock wasm AvgPoolGrad (average pooling, and L2 pooling through it) matches cpu', () => {
  before(bothBackends);
  for (const [k, c] of [...CASES, { n: 2, side: 7, c: 2, size: 3, stride: 2, pad: 'same' as const }].entries()) {
    const pad = 'pad' in c ? c.pad : ('valid' as const);
    it(`batch ${c.n}, ${c.side}x${c.side}x${c.c}, window ${c.size} stride ${c.stride} ${pad}`, async () => {
      const shape = [c.n, c.side, c.side, c.c] as [number, number, number, number];
      const xv = randomValues(
        shape.reduce((a, b) => a * b),
        90 + k,
      );
      const grad = () => tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.avgPool(x as tf.Tensor4D, c.size, c.stride, pad))))(tf.tensor4d(xv, shape));
      const want = await valuesOn('cpu', grad);
      const got = await valuesOn('wasm', grad);
      assertClose(got.values, want.values, 1e-5, 'dx');
    });
  }
});
