import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, bothBackends, randomValues, valuesOn } from '../testing/compare.ts';
import { CONV_CASES } from '../testing/conv-cases.ts';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.ts';

describe('wasm Conv2DBackpropFilter (dW as a forward convolution)', () => {
  before(bothBackends);

  it('is registered for wasm, replacing the missing stock kernel', () => {
    assert.equal(tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc, conv2dBackpropFilterConfig.kernelFunc);
  });

  for (const [i, c] of CONV_CASES.entries()) {
    it(`matches the cpu backend: batch ${c.n}, ${c.size.join('x')}x${c.cin} → ${c.cout}, filter ${c.k.join('x')}, stride ${c.stride}, ${c.pad}`, async () => {
      const filterShape: [number, number, number, number] = [c.k[0], c.k[1], c.cin, c.cout];
      const xShape: [number, number, number, number] = [c.n, c.size[0], c.size[1], c.cin];
      const dyShape = tf.backend_util.computeConv2DInfo(xShape, filterShape, c.stride, 1, c.pad).outShape;
      const xv = randomValues(
        xShape.reduce((a, b) => a * b),
        100 + i,
      );
      const dyv = randomValues(
        dyShape.reduce((a, b) => a * b),
        200 + i,
      );
      const run = () =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(xv, xShape), dy: tf.tensor4d(dyv, dyShape) }, {
          strides: c.stride,
          pad: c.pad,
          dataFormat: 'NHWC',
          filterShape,
        } as unknown as tf.NamedAttrMap) as tf.Tensor;
      const want = await valuesOn('cpu', run);
      const startTensors = tf.memory().numTensors;
      const got = await valuesOn('wasm', run);
      assert.deepEqual(got.shape, filterShape);
      assertClose(got.values, want.values, 1e-4, 'dW');
      assert.equal(tf.memory().numTensors, startTensors, 'no tensor leaked');
    });
  }
});
