import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { assertClose, expectNative, onBoth, requireNative, values } from './testing.ts';

/**
 * Tanh, Sigmoid, Square and Sqrt (oneDNN eltwise) and their gradients as tfjs computes them
 * (compositions with a scalar-first Sub: tanh' = 1 - y², sigmoid' = y(1 - y)), against cpu.
 */
describe('native unary kernels match the cpu backend', () => {
  before(requireNative);

  for (const shape of [
    [1, 6, 7, 5],
    [3, 9, 8, 16],
    [4, 130],
  ]) {
    it(`Tanh, Sigmoid, Square and Sqrt with their gradients: [${shape.join(',')}]`, async () => {
      const n = shape.reduce((a, b) => a * b, 1);
      const { cpu, native } = await expectNative(['Tanh', 'Sigmoid', 'Square', 'Sqrt', 'Floor', 'Sub', 'RealDiv', 'Multiply'], () =>
        onBoth(() => {
          // Values in [-4, 4): tanh and sigmoid saturate at both ends; sqrt of |x| + 1e-3.
          const x = tf.mul(tf.tensor(values(n, 41), shape), 4);
          const dy = tf.tensor(values(n, 42), shape);
          const weighted = (f: (a: tf.Tensor) => tf.Tensor) => tf.grad((a) => tf.sum(tf.mul(f(a), dy)))(x);
          const sqrtAbs = (a: tf.Tensor) => tf.sqrt(tf.add(tf.abs(a), 1e-3));
          return [
            tf.tanh(x),
            weighted(tf.tanh),
            tf.sigmoid(x),
            weighted(tf.sigmoid),
            tf.square(x),
            weighted(tf.square),
            sqrtAbs(x),
            weighted(sqrtAbs),
            tf.sub(1, x),
            tf.sub(tf.scalar(2), x),
            tf.div(2, tf.add(tf.abs(x), 1)),
            tf.floor(x),
            tf.floor(tf.add(tf.div(x, 8), 0.5)),
          ];
        }),
      );
      const names = ['tanh', 'd tanh', 'sigmoid', 'd sigmoid', 'square', 'd square', 'sqrt', 'd sqrt', '1 - x', 'scalar 2 - x', '2 / (|x| + 1)', 'floor', 'floor (dropout mask)'];
      for (let i = 0; i < cpu.length; i++) assertClose(native[i]!, cpu[i]!, 1e-6, names[i]!);
    });
  }

  it('tanh and sigmoid keep the extremes and NaN as cpu does', async () => {
    const { cpu, native } = await onBoth(() => {
      const x = tf.tensor1d([0, -0, 1e-8, -1e-8, 20, -20, 100, -100, 1e30, -1e30, NaN]);
      return [tf.tanh(x), tf.sigmoid(x), tf.square(x), tf.sqrt(tf.abs(x)), tf.floor(x)];
    });
    for (let i = 0; i < cpu.length; i++) assertClose(native[i]!, cpu[i]!, 1e-6, ['tanh', 'sigmoid', 'square', 'sqrt', 'floor'][i]!);
  });
});
