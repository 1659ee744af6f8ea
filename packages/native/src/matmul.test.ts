import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { assertClose, expectNative, onBoth, requireNative, values } from './testing.ts';

describe('native matmul kernels match the cpu backend', () => {
  before(requireNative);

  for (const batch of [0, 3])
    for (const ta of [false, true])
      for (const tb of [false, true]) {
        it(`BatchMatMul and its gradients: ${batch ? `batch ${batch}` : '2-D'}, transposeA ${ta}, transposeB ${tb}`, async () => {
          const [M, K, N] = [5, 7, 3];
          const shape = (r: number, c: number) => (batch ? [batch, r, c] : [r, c]);
          const { cpu, native } = await expectNative(['BatchMatMul'], () =>
            onBoth(() => {
              const a = tf.tensor(values(M * K * (batch || 1), 21), ta ? shape(K, M) : shape(M, K));
              const b = tf.tensor(values(K * N * (batch || 1), 22), tb ? shape(N, K) : shape(K, N));
              const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, ta, tb)));
              return [tf.matMul(a, b, ta, tb), ...tf.grads(f)([a, b])];
            }),
          );
          for (let i = 0; i < 3; i++) assertClose(native[i]!, cpu[i]!, 1e-5, ['c', 'da', 'db'][i]!);
        });
      }

  for (const activation of ['relu', 'linear'] as const)
    it(`_FusedMatMul with bias and ${activation} (a dense layer's forward)`, async () => {
      const { cpu, native } = await expectNative(['_FusedMatMul'], () =>
        onBoth(() => [tf.fused.matMul({ a: tf.tensor2d(values(4 * 6, 23), [4, 6]), b: tf.tensor2d(values(6 * 5, 24), [6, 5]), bias: tf.tensor1d(values(5, 25)), activation })]),
      );
      assertClose(native[0]!, cpu[0]!, 1e-5, 'y');
    });
});
