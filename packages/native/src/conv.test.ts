import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { assertClose, expectNative, onBoth, requireNative, values } from './testing.ts';

const t4 = (shape: [number, number, number, number], seed: number) =>
  tf.tensor4d(
    values(
      shape.reduce((a, b) => a * b),
      seed,
    ),
    shape,
  );

describe('native conv kernels match the cpu backend', () => {
  before(requireNative);
  const cases: { batch: number; stride: number | [number, number]; pad: 'valid' | 'same'; k: number; cin: number; cout: number }[] = [];
  for (const batch of [1, 3])
    for (const stride of [1, 2, [2, 1]] as (number | [number, number])[]) for (const pad of ['valid', 'same'] as const) cases.push({ batch, stride, pad, k: 3, cin: 3, cout: 4 });
  cases.push({ batch: 2, stride: 1, pad: 'valid', k: 5, cin: 1, cout: 8 }, { batch: 2, stride: 2, pad: 'same', k: 5, cin: 16, cout: 16 });

  for (const c of cases) {
    it(`Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter: batch ${c.batch}, ${c.k}x${c.k}x${c.cin}→${c.cout}, stride ${c.stride}, ${c.pad}`, async () => {
      const { cpu, native } = await expectNative(['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'], () =>
        onBoth(() => {
          const x = t4([c.batch, 11, 10, c.cin], 1);
          const w = t4([c.k, c.k, c.cin, c.cout], 2);
          const y = tf.conv2d(x, w, c.stride, c.pad);
          const dy = tf.tensor(values(y.size, 3), y.shape);
          const [dx, dw] = tf.grads((a, f) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, c.stride, c.pad), dy)))([x, w]);
          return [y, dx!, dw!];
        }),
      );
      assertClose(native[0]!, cpu[0]!, 1e-5, 'y');
      assertClose(native[1]!, cpu[1]!, 1e-5, 'dx');
      assertClose(native[2]!, cpu[2]!, 1e-5, 'dw');
    });
  }

  for (const activation of ['relu', 'linear'] as const) {
    it(`FusedConv2D with bias and ${activation} (inference), stride 2, same, batch 3`, async () => {
      const { cpu, native } = await expectNative(['FusedConv2D'], () =>
        onBoth(() => [tf.fused.conv2d({ x: t4([3, 9, 9, 2], 4), filter: t4([3, 3, 2, 5], 5), bias: tf.tensor1d(values(5, 6)), strides: 2, pad: 'same', activation })]),
      );
      assertClose(native[0]!, cpu[0]!, 1e-5, 'y');
    });
  }

  it('past the primitive cache capacity (128 per thread) the least recently used primitives go, and every result stays right', async () => {
    // 3 primitives per shape (forward and both gradients) x 50 shapes = 150: the first shapes
    // are evicted, then built again by the second pass.
    const heights = Array.from({ length: 50 }, (_, i) => 6 + i);
    const convAndGrads = (h: number) => {
      const x = t4([1, h, 7, 2], h);
      const w = t4([3, 3, 2, 3], 2);
      const dy = tf.tensor(values(1 * (h - 2) * 5 * 3, 3), [1, h - 2, 5, 3]);
      const [dx, dw] = tf.grads((a, f) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid'), dy)))([x, w]);
      return [tf.conv2d(x, w, 1, 'valid'), dx!, dw!];
    };
    for (let pass = 0; pass < 2; pass++) {
      const { cpu, native } = await expectNative(['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'], () => onBoth(() => heights.flatMap(convAndGrads)));
      for (let i = 0; i < cpu.length; i++) assertClose(native[i]!, cpu[i]!, 1e-5, `pass ${pass + 1}, shape ${heights[Math.floor(i / 3)]}, output ${i % 3}`);
    }
  });

  it('FusedConv2D (linear, as tfjs fuses under a gradient tape): bias gradient through Sum, batch 2', async () => {
    const { cpu, native } = await expectNative(['FusedConv2D', 'Sum'], () =>
      onBoth(() => {
        const x = t4([2, 8, 8, 3], 7);
        const w = t4([3, 3, 3, 4], 8);
        const b = tf.tensor1d(values(4, 9));
        const f = (a: tf.Tensor, k: tf.Tensor, bias: tf.Tensor) =>
          tf.sum(tf.square(tf.fused.conv2d({ x: a as tf.Tensor4D, filter: k as tf.Tensor4D, bias, strides: 1, pad: 'valid', activation: 'linear' })));
        return tf.grads(f)([x, w, b]);
      }),
    );
    for (let i = 0; i < 3; i++) assertClose(native[i]!, cpu[i]!, 1e-5, ['dx', 'dw', 'db'][i]!);
  });
});
