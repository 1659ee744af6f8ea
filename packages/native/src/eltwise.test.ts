import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { assertClose, expectNative, onBoth, requireNative, values } from './testing.ts';

describe('native element-wise kernels match the cpu backend', () => {
  before(requireNative);

  it('Add, Sub and Multiply, same shape and with a bias broadcast along the last axis (either side)', async () => {
    const { cpu, native } = await expectNative(['Add', 'Sub', 'Multiply'], () =>
      onBoth(() => {
        const x = tf.tensor4d(values(2 * 3 * 4 * 5, 31), [2, 3, 4, 5]);
        const y = tf.tensor4d(values(2 * 3 * 4 * 5, 32), [2, 3, 4, 5]);
        const b = tf.tensor1d(values(5, 33));
        return [tf.add(x, y), tf.add(x, b), tf.add(b, x), tf.sub(x, b), tf.sub(x, y), tf.mul(x, y), tf.mul(b, x), tf.mul(x, 0.5)];
      }),
    );
    for (let i = 0; i < cpu.length; i++) assertClose(native[i]!, cpu[i]!, 1e-6, `op ${i}`);
  });

  it('RealDiv and the per-row broadcast ([n,k] op [n,1]) of Add, Sub, Multiply and RealDiv; Softmax on the last axis', async () => {
    const { cpu, native } = await expectNative(['Add', 'Sub', 'Multiply', 'RealDiv', 'Softmax'], () =>
      onBoth(() => {
        const x = tf.tensor2d(values(7 * 10, 36), [7, 10]);
        const col = tf.add(tf.tensor2d(values(7, 37), [7, 1]), 2);
        return [
          tf.div(x, col),
          tf.div(x, tf.add(tf.tensor1d(values(10, 38)), 2)),
          tf.div(x, 3),
          tf.add(x, col),
          tf.add(col, x),
          tf.sub(x, col),
          tf.mul(col, x),
          tf.softmax(x),
          tf.softmax(tf.mul(x, 50)),
        ];
      }),
    );
    for (let i = 0; i < cpu.length; i++) assertClose(native[i]!, cpu[i]!, 1e-6, `op ${i}`);
  });

  it('Sub with the broadcast operand first falls back to cpu and is still right', async () => {
    const { cpu, native } = await onBoth(() => [
      tf.sub(
        tf.tensor1d([1, 2]),
        tf.tensor2d([
          [1, 1],
          [3, 5],
        ]),
      ),
    ]);
    assert.deepEqual([...native[0]!], [...cpu[0]!]);
  });

  it('Relu, Step (alpha 0 and NaN) and Sum over leading axes, keepDims or not', async () => {
    const { cpu, native } = await expectNative(['Relu', 'Step', 'Sum'], () =>
      onBoth(() => {
        const x = tf.tensor3d(values(4 * 3 * 6, 34), [4, 3, 6]);
        return [tf.relu(x), tf.step(x), tf.step(tf.tensor1d([NaN, -1, 0, 2])), tf.sum(x, [0, 1]), tf.sum(x, 0, true), tf.sum(x), tf.sum(x, -1), tf.sum(x, 2, true)];
      }),
    );
    for (let i = 0; i < cpu.length; i++) assertClose(native[i]!, cpu[i]!, 1e-5, `op ${i}`);
    assert.ok(Number.isNaN(native[2]![0]!), 'step(NaN) is NaN');
  });

  it('Sum over a middle axis falls back to cpu and is still right', async () => {
    const { cpu, native } = await onBoth(() => [tf.sum(tf.tensor3d(values(24, 35), [2, 3, 4]), 1)]);
    assertClose(native[0]!, cpu[0]!, 1e-6, 'sum axis 1');
  });
});
