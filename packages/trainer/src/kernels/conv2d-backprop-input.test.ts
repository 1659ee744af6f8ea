import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, bothBackends, randomValues, valuesOn } from '../testing/compare.ts';
import { CONV_CASES } from '../testing/conv-cases.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';

describe('wasm Conv2DBackpropInput (dx as a forward convolution)', () => {
  before(bothBackends);

  it('is registered for wasm in place of the slow stock kernel', () => {
    assert.equal(tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc, conv2dBackpropInputConfig.kernelFunc);
  });

  for (const [i, c] of CONV_CASES.entries()) {
    it(`matches the cpu backend: batch ${c.n}, ${c.size.join('x')}x${c.cin} → ${c.cout}, filter ${c.k.join('x')}, stride ${c.stride}, ${c.pad}`, async () => {
      const filterShape: [number, number, number, number] = [c.k[0], c.k[1], c.cin, c.cout];
      const xShape: [number, number, number, number] = [c.n, c.size[0], c.size[1], c.cin];
      const dyShape = tf.backend_util.computeConv2DInfo(xShape, filterShape, c.stride, 1, c.pad).outShape;
      const wv = randomValues(
        filterShape.reduce((a, b) => a * b),
        300 + i,
      );
      const dyv = randomValues(
        dyShape.reduce((a, b) => a * b),
        400 + i,
      );
      const run = () =>
        tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor4d(dyv, dyShape), filter: tf.tensor4d(wv, filterShape) }, {
          strides: c.stride,
          pad: c.pad,
          dataFormat: 'NHWC',
          inputShape: xShape,
        } as unknown as tf.NamedAttrMap) as tf.Tensor;
      const want = await valuesOn('cpu', run);
      const startTensors = tf.memory().numTensors;
      const got = await valuesOn('wasm', run);
      assert.deepEqual(got.shape, xShape);
      assertClose(got.values, want.values, 1e-4, 'dx');
      assert.equal(tf.memory().numTensors, startTensors, 'no tensor leaked');
    });
  }

  it('gives conv2d the same gradients as cpu through autodiff (dx and dW together)', async () => {
    const xv = randomValues(2 * 10 * 10 * 3, 7);
    const wv = randomValues(3 * 3 * 3 * 4, 8);
    const grads = () => {
      const x = tf.tensor4d(xv, [2, 10, 10, 3]);
      const w = tf.tensor4d(wv, [3, 3, 3, 4]);
      const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')));
      const [dx, dw] = tf.grads(f)([x, w]);
      return tf.concat([tf.reshape(dx, [-1]), tf.reshape(dw, [-1])]);
    };
    const want = await valuesOn('cpu', grads);
    const got = await valuesOn('wasm', grads);
    assertClose(got.values, want.values, 1e-4, 'dx and dW');
  });
});
