import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, bothBackends, randomValues, valuesOn } from '../testing/compare.ts';
import { maxPoolGradConfig } from './max-pool-grad.ts';

type Pad = 'valid' | 'same';
const CASES: { n: number; size: [number, number]; c: number; f: number; stride: number; pad: Pad; lo: number; hi: number; what: string }[] = [
  { n: 1, size: [6, 6], c: 3, f: 2, stride: 2, pad: 'valid', lo: -1, hi: 1, what: 'mixed signs' },
  { n: 3, size: [8, 8], c: 4, f: 2, stride: 2, pad: 'valid', lo: -1, hi: -0.01, what: 'all negative (post-tanh)' },
  { n: 2, size: [7, 9], c: 2, f: 3, stride: 2, pad: 'same', lo: -1, hi: -0.01, what: 'all negative, overlapping windows' },
  { n: 2, size: [7, 7], c: 5, f: 2, stride: 1, pad: 'valid', lo: -1, hi: 1, what: 'stride 1' },
  { n: 1, size: [5, 6], c: 3, f: 3, stride: 1, pad: 'same', lo: 0.01, hi: 1, what: 'all positive (post-sigmoid), same padding' },
];

describe('wasm MaxPoolGrad (replaces the stock kernel that drops windows with max ≤ 0)', () => {
  before(bothBackends);

  it('is registered for wasm in place of the stock kernel', () => {
    assert.equal(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc, maxPoolGradConfig.kernelFunc);
  });

  for (const [i, c] of CASES.entries()) {
    it(`matches the cpu backend: ${c.what}, batch ${c.n}, ${c.size.join('x')}x${c.c}, window ${c.f} stride ${c.stride} ${c.pad}`, async () => {
      const xShape: [number, number, number, number] = [c.n, c.size[0], c.size[1], c.c];
      const xv = randomValues(
        xShape.reduce((a, b) => a * b),
        500 + i,
        c.lo,
        c.hi,
      );
      const outShape = tf.backend_util.computePool2DInfo(xShape, c.f, c.stride, 1, c.pad).outShape;
      const dyv = randomValues(
        outShape.reduce((a, b) => a * b),
        600 + i,
      );
      const run = () => {
        const x = tf.tensor4d(xv, xShape);
        const y = tf.maxPool(x, c.f, c.stride, c.pad);
        return tf.engine().runKernel('MaxPoolGrad', { dy: tf.tensor4d(dyv, outShape), input: x, output: y }, {
          filterSize: c.f,
          strides: c.stride,
          pad: c.pad,
        } as unknown as tf.NamedAttrMap) as tf.Tensor;
      };
      const want = await valuesOn('cpu', run);
      const got = await valuesOn('wasm', run);
      assert.deepEqual(got.shape, xShape);
      assertClose(got.values, want.values, 1e-6, 'dx');
      assert.ok(
        want.values.some((v) => v !== 0),
        'the case routes some gradient',
      );
    });
  }

  it('routes the gradient of tanh → maxPool like cpu through autodiff', async () => {
    const xv = randomValues(2 * 8 * 8 * 3, 9, -3, 0.2);
    const grad = () => tf.grad((x: tf.Tensor) => tf.sum(tf.maxPool(tf.tanh(x) as tf.Tensor4D, 2, 2, 'valid')))(tf.tensor4d(xv, [2, 8, 8, 3]));
    const want = await valuesOn('cpu', grad);
    const got = await valuesOn('wasm', grad);
    assertClose(got.values, want.values, 1e-5, 'dx');
  });
});
