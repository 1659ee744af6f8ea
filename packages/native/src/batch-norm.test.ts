import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { expectNative, onBoth, requireNative, values } from './testing.ts';

// FusedBatchNorm is the cpu kernel's double expression in C++: the same float32 values, bit for
// bit, on maps and rows, with and without scale and offset, and with per-channel or scalar moments.
describe('the native FusedBatchNorm kernel matches the cpu backend bit for bit', () => {
  before(requireNative);

  const cases: Array<[string, number[], boolean, number]> = [
    ['an NHWC map, scale and offset, epsilon 1e-3', [3, 5, 4, 6], true, 1e-3],
    ['rows [n, c] (after a dense layer), epsilon 1e-5', [7, 9], true, 1e-5],
    ['no scale and offset', [2, 3, 3, 4], false, 0.01],
  ];
  for (const [what, shape, affine, epsilon] of cases) {
    it(what, async () => {
      const c = shape.at(-1)!;
      const { cpu, native } = await expectNative(['FusedBatchNorm'], () =>
        onBoth(() => {
          const x = tf.tensor(
            values(
              shape.reduce((a, b) => a * b, 1),
              21,
            ),
            shape,
          );
          const mean = tf.tensor1d(values(c, 22));
          // Variances of every size, some tiny: the division by sqrt(v + ε) must round as on cpu.
          const variance = tf.abs(tf.tensor1d(values(c, 23))).mul(tf.tensor1d(Array.from({ length: c }, (_, i) => 10 ** (i % 4) / 100)));
          const scale = affine ? tf.tensor1d(values(c, 24)) : undefined;
          const offset = affine ? tf.tensor1d(values(c, 25)) : undefined;
          return [tf.batchNorm(x, mean, variance, offset, scale, epsilon)];
        }),
      );
      assert.deepEqual(native[0], cpu[0]);
    });
  }

  it('a scalar mean and variance cycle along x as on cpu', async () => {
    const { cpu, native } = await expectNative(['FusedBatchNorm'], () =>
      onBoth(() => [tf.batchNorm(tf.tensor2d(values(12, 31), [3, 4]), tf.scalar(0.3), tf.scalar(1.7), tf.scalar(-0.2), tf.scalar(1.3), 1e-3)]),
    );
    assert.deepEqual(native[0], cpu[0]);
  });
});
