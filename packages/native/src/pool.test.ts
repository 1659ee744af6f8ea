import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { assertClose, expectNative, onBoth, requireNative, values } from './testing.ts';

type Case = { batch: number; size: number; stride: number; pad: 'valid' | 'same' };
const cases: Case[] = [];
for (const batch of [1, 3])
  for (const [size, stride] of [
    [2, 2],
    [3, 1],
    [3, 2],
  ] as const)
    for (const pad of ['valid', 'same'] as const) cases.push({ batch, size, stride, pad });

const input = (c: Case, seed: number) => tf.tensor4d(values(c.batch * 9 * 10 * 4, seed), [c.batch, 9, 10, 4]);

describe('native pooling kernels match the cpu backend', () => {
  before(requireNative);

  for (const c of cases)
    for (const act of ['tanh', 'relu'] as const) {
      it(`MaxPool and MaxPoolGrad after ${act}: batch ${c.batch}, ${c.size}x${c.size}/${c.stride}, ${c.pad}`, async () => {
        // relu gives windows of tied zeros (and all-zero windows): the gradient must go to the
        // first maximum, as on cpu; tanh gives windows whose maximum is negative.
        const { cpu, native } = await expectNative(['MaxPool', 'MaxPoolGrad'], () =>
          onBoth(() => {
            const x = input(c, 11);
            const f = (a: tf.Tensor) => tf.maxPool((act === 'tanh' ? tf.tanh(tf.sub(a, 0.5)) : tf.relu(a)) as tf.Tensor4D, c.size, c.stride, c.pad);
            const y = f(x);
            const dy = tf.tensor(values(y.size, 12), y.shape);
            const dx = tf.grad((a) => tf.sum(tf.mul(f(a), dy)))(x);
            return [y, dx];
          }),
        );
        assertClose(native[0]!, cpu[0]!, 1e-6, 'y');
        assertClose(native[1]!, cpu[1]!, 1e-5, 'dx');
      });
    }

  for (const c of cases) {
    it(`AvgPool and AvgPoolGrad, and L2 pooling through them: batch ${c.batch}, ${c.size}x${c.size}/${c.stride}, ${c.pad}`, async () => {
      const { cpu, native } = await expectNative(['AvgPool', 'AvgPoolGrad'], () =>
        onBoth(() => {
          const x = input(c, 13);
          const avg = (a: tf.Tensor) => tf.avgPool(a as tf.Tensor4D, c.size, c.stride, c.pad);
          const l2 = (a: tf.Tensor) => tf.sqrt(tf.add(avg(tf.square(a)), 1e-10));
          const dy = tf.tensor(values(avg(x).size, 14), avg(x).shape);
          const dAvg = tf.grad((a) => tf.sum(tf.mul(avg(a), dy)))(x);
          const dL2 = tf.grad((a) => tf.sum(tf.mul(l2(a), dy)))(x);
          return [avg(x), dAvg, l2(x), dL2];
        }),
      );
      for (let i = 0; i < 4; i++) assertClose(native[i]!, cpu[i]!, 1e-5, ['avg', 'd avg', 'l2', 'd l2'][i]!);
    });
  }
});
