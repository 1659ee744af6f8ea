import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { nativeConv2dBiasActivation, nativeDenseBiasActivation } from './fused-layers.ts';
import { assertClose, expectNative, onBoth, requireNative, values } from './testing.ts';

/**
 * The fused conv and dense layer ops (one forward kernel, NativeBiasReluGrad + the input and
 * weight gradients backward) against tfjs's composition on the cpu backend: values and the
 * gradients of x, the weights and the bias, weighted by an arbitrary upstream gradient.
 */
describe('fused conv/dense layers with bias and relu match the cpu composition', () => {
  before(requireNative);

  const convCases: Array<[string, number[], number[], [number, number], 'valid' | 'same', 'relu' | 'linear']> = [
    ['5x5x1→8 valid relu, batch 1', [1, 12, 12, 1], [5, 5, 1, 8], [1, 1], 'valid', 'relu'],
    ['3x3x4→6 same stride 2 relu, batch 3', [3, 9, 8, 4], [3, 3, 4, 6], [2, 2], 'same', 'relu'],
    ['5x5x3→5 valid linear, batch 2', [2, 10, 10, 3], [5, 5, 3, 5], [1, 1], 'valid', 'linear'],
  ];
  for (const [name, xShape, wShape, strides, pad, activation] of convCases) {
    it(`conv ${name}`, async () => {
      const { cpu, native } = await expectNative(activation === 'relu' ? ['NativeBiasReluGrad', 'FusedConv2D'] : ['FusedConv2D'], () =>
        onBoth(() => {
          const x = tf.tensor4d(
            values(
              xShape.reduce((a, b) => a * b),
              1,
            ),
            xShape as [number, number, number, number],
          );
          const w = tf.tensor4d(
            values(
              wShape.reduce((a, b) => a * b),
              2,
            ),
            wShape as [number, number, number, number],
          );
          const b = tf.tensor1d(values(wShape[3]!, 3));
          const op = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
            nativeConv2dBiasActivation(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D, strides, pad, activation) ??
            (activation === 'relu' ? tf.relu : (t: tf.Tensor) => t)(tf.add(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, strides, pad), bb));
          const y = op(x, w, b);
          const dy = tf.tensor(values(y.size, 4), y.shape);
          const grads = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(op(xx, ww, bb), dy)))([x, w, b]);
          return [y, ...grads];
        }),
      );
      for (const [i, what] of ['y', 'dx', 'dw', 'db'].entries()) assertClose(native[i]!, cpu[i]!, 1e-5, what);
    });
  }

  for (const activation of ['relu', 'linear'] as const) {
    it(`dense 37→11 ${activation}, batch 5`, async () => {
      const { cpu, native } = await onBoth(() => {
        const x = tf.tensor2d(values(5 * 37, 5), [5, 37]);
        const w = tf.tensor2d(values(37 * 11, 6), [37, 11]);
        const b = tf.tensor1d(values(11, 7));
        const op = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
          nativeDenseBiasActivation(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, activation) ??
          (activation === 'relu' ? tf.relu : (t: tf.Tensor) => t)(tf.add(tf.matMul(xx, ww), bb));
        const dy = tf.tensor2d(values(5 * 11, 8), [5, 11]);
        return [op(x, w, b), ...tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(op(xx, ww, bb), dy)))([x, w, b])];
      });
      for (const [i, what] of ['y', 'dx', 'dw', 'db'].entries()) assertClose(native[i]!, cpu[i]!, 1e-5, what);
    });
  }

  it('is null off the native backend and for other activations', async () => {
    await tf.setBackend('cpu');
    const x = tf.zeros([1, 4, 4, 1]) as tf.Tensor4D;
    assert.equal(nativeConv2dBiasActivation(x, tf.zeros([3, 3, 1, 2]), tf.zeros([2]), [1, 1], 'valid', 'relu'), null);
    await tf.setBackend('native');
    assert.equal(nativeConv2dBiasActivation(x, tf.zeros([3, 3, 1, 2]), tf.zeros([2]), [1, 1], 'valid', 'tanh'), null);
  });
});
