import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { ModelSpec } from '@modelspace/core';
import { lossMean } from './loss.ts';
import { buildModel, inputShapeOf, lossKindOf } from './models.ts';
import { assertClose, bothBackends, randomValues } from './testing/compare.ts';

/**
 * Every model family and every layer kind of the model space, on small shapes, with every
 * gradient checked: wasm (with this package's kernels) against the reference cpu backend for
 * all weights, and cpu autodiff against central differences for the steepest weight of each
 * smooth model's first and last kernels.
 */
const SMALL = { featureMaps: [2, 3], filterSize: 5, denseUnits: 4 };
const FAMILIES: { what: string; spec: unknown; smooth: boolean }[] = [
  { what: 'logistic (10 sigmoids, binary cross-entropy)', spec: { kind: 'logistic' }, smooth: true },
  { what: 'softmax', spec: { kind: 'softmax' }, smooth: true },
  { what: 'softmax(−βx), β = 2', spec: { kind: 'softmax', beta: 2 }, smooth: true },
  { what: 'conv net tanh, L2 pooling', spec: { kind: 'convnet', activation: 'tanh', ...SMALL, pooling: { type: 'l2' } }, smooth: true },
  {
    what: 'conv net sigmoid, average pooling 3/2, 2 dense layers',
    spec: { kind: 'convnet', activation: 'sigmoid', ...SMALL, denseUnits: [4, 3], pooling: { type: 'average', size: 3 } },
    smooth: true,
  },
  {
    what: 'conv net tanh, max pooling 3/2 (overlapping), 3 conv layers',
    spec: { kind: 'convnet', activation: 'tanh', featureMaps: [2, 2, 3], filterSize: [3, 3, 2], denseUnits: 4, pooling: { size: 3 } },
    smooth: false,
  },
  {
    what: 'conv net relu, 2 columns, dropout on both FC layers',
    spec: { kind: 'convnet', activation: 'relu', ...SMALL, columns: 2, dropout: { placement: 'all-fc' } },
    smooth: false,
  },
  {
    what: 'conv net tanh, 5 columns, conv and FC dropout, augmented 32x32 input',
    spec: { kind: 'convnet', activation: 'tanh', ...SMALL, columns: 5, dropout: { placement: 'conv-and-fc' }, augmentation: {} },
    smooth: false,
  },
];

/** The loss's gradient for every trainable weight, on the active backend, as plain arrays. */
function gradients(spec: ModelSpec, n: number): { loss: number; grads: Float32Array[] } {
  const model = buildModel(spec, 5);
  const [side] = inputShapeOf(spec);
  const labels = Array.from({ length: n }, (_, i) => (i * 3) % 10);
  const out = tf.tidy(() => {
    const xs = tf.tensor4d(randomValues(n * side * side, 31 + n, 0, 1), [n, side, side, 1]);
    const ys = tf.oneHot(labels, 10).toFloat() as tf.Tensor2D;
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => lossMean(lossKindOf(spec), model.apply(xs, { training: true }) as tf.Tensor2D, ys), vars);
    return { loss: value.dataSync()[0]!, grads: vars.map((v) => grads[v.name]!.dataSync() as Float32Array) };
  });
  model.dispose();
  return out;
}

/** Loss at the initial weights with one weight moved by ±h, by central differences. */
function finiteDifference(spec: ModelSpec, weight: number, index: number, n: number): number {
  const model = buildModel(spec, 5);
  const [side] = inputShapeOf(spec);
  const v = model.trainableWeights[weight]!.read() as tf.Variable;
  const original = v.dataSync().slice() as Float32Array;
  const loss = (delta: number) =>
    tf.tidy(() => {
      const moved = original.slice();
      moved[index]! += delta;
      v.assign(tf.tensor(moved, v.shape));
      const xs = tf.tensor4d(randomValues(n * side * side, 31 + n, 0, 1), [n, side, side, 1]);
      const ys = tf
        .oneHot(
          Array.from({ length: n }, (_, i) => (i * 3) % 10),
          10,
        )
        .toFloat() as tf.Tensor2D;
      return lossMean(lossKindOf(spec), model.apply(xs, { training: false }) as tf.Tensor2D, ys).dataSync()[0]!;
    });
  const h = 1e-2;
  const d = (loss(h) - loss(-h)) / (2 * h);
  model.dispose();
  return d;
}

describe('every model family: gradients on wasm match the cpu backend, and cpu matches finite differences', () => {
  before(bothBackends);

  for (const f of FAMILIES) {
    for (const n of [1, 3]) {
      it(`${f.what}, batch ${n}`, async () => {
        const spec = ModelSpec.parse(f.spec);
        await tf.setBackend('cpu');
        const cpu = gradients(spec, n);
        await tf.setBackend('wasm');
        const wasm = gradients(spec, n);
        assert.ok(Math.abs(wasm.loss - cpu.loss) < 1e-4 * Math.max(1, cpu.loss), `loss ${wasm.loss} vs ${cpu.loss}`);
        assert.equal(wasm.grads.length, cpu.grads.length);
        assert.ok(
          cpu.grads.some((g) => g.some((v) => v !== 0)),
          'the loss reaches some weight',
        );
        // Gradients of deep layers can be tiny: compare relative to each tensor's largest entry.
        for (const [i, want] of cpu.grads.entries()) {
          const scale = Math.max(...want.map(Math.abs));
          if (scale === 0) {
            // Possible after ReLU with everything dropped at batch 1; then wasm must agree.
            assert.ok(
              wasm.grads[i]!.every((v) => v === 0),
              `weight ${i}: cpu gradient is 0, wasm is not`,
            );
            continue;
          }
          assertClose(
            wasm.grads[i]!.map((v) => v / scale),
            want.map((v) => v / scale),
            1e-3,
            `weight ${i}`,
          );
        }
        if (!f.smooth || n !== 3) return;
        await tf.setBackend('cpu');
        for (const weight of [0, cpu.grads.length - 2]) {
          const g = cpu.grads[weight]!;
          const at = g.reduce((best, v, i) => (Math.abs(v) > Math.abs(g[best]!) ? i : best), 0);
          const numeric = finiteDifference(spec, weight, at, n);
          assert.ok(Math.abs(numeric - g[at]!) <= 0.02 * Math.abs(g[at]!) + 1e-4, `weight ${weight}[${at}]: autodiff ${g[at]} vs finite differences ${numeric}`);
        }
      });
    }
  }
});
