import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelSpec } from '@modelspace/core';
import { nativeCalls } from '@modelspace/native';
import { values } from '@modelspace/native/testing';
import { initBackend } from './backend.ts';
import type { Batch } from './batches.ts';
import { softmaxCrossEntropyMean } from './loss.ts';
import { buildModel } from './models.ts';
import { trainingLoss } from './training-loss.ts';

function oneHot(rows: number, seed: number): Float32Array {
  const y = new Float32Array(rows * 10);
  for (const [r, v] of values(rows, seed).entries()) y[r * 10 + Math.floor((v + 1) * 5)] = 1;
  return y;
}

/** Runs `fn` on `backend`, returns its outputs' values. */
async function on(backend: string, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(fn);
  const data = outs.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(outs);
  return data;
}

function assertClose(actual: Float32Array, expected: Float32Array, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 1; // float32 composition rounds near 1 (p − 1 cancels): absolute below 1
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol * scale, `${what}[${i}]: native ${actual[i]}, cpu ${expected[i]} (allowed ${tol * scale})`);
  }
}

function fusedRuns(): number {
  return nativeCalls.get('NativeSoftmaxCrossEntropy') ?? 0;
}

/**
 * The fused softmax-cross-entropy of the native backend (one addon call forward, one for the
 * gradient) against tfjs's composition on the reference cpu backend: loss, gradient with respect
 * to the logits, predictions; ordinary softmax and the seed's softmax(−βz); confidently wrong rows.
 */
describe('fused softmax-cross-entropy (native) equals the composed loss (cpu)', () => {
  before(async () => {
    await initBackend({ prefer: 'native' });
    await import('@tensorflow/tfjs-backend-cpu');
  });

  for (const rows of [1, 7]) {
    for (const beta of [-1, -2.5, 0.75]) {
      for (const spread of [3, 60]) {
        it(`rows ${rows}, β ${beta}, logits in ±${spread}${spread > 10 ? ' (a confidently wrong row)' : ''}`, async () => {
          const z = values(rows * 10, 11 + rows);
          const y = oneHot(rows, 5 + rows);
          if (rows > 1) y.set([0.5, 0, 0, 0.25, 0, 0, 0, 0.25, 0, 0], 10); // a soft row: the general formula
          if (spread > 10) {
            // Row 0 confidently wrong: p of its class ≈ e^(−2·spread·|β|) < 1e-7 (the former clip).
            const label = y.subarray(0, 10).indexOf(1);
            z[label] = Math.sign(beta);
            z[(label + 1) % 10] = -Math.sign(beta);
          }
          const dy = 0.7; // an upstream gradient other than 1
          const run = () => {
            const logits = tf.mul(tf.tensor2d(z, [rows, 10]), spread) as tf.Tensor2D;
            const ys = tf.tensor2d(y, [rows, 10]);
            const out = softmaxCrossEntropyMean(logits, ys, beta);
            const grad = tf.grad((l: tf.Tensor) => tf.mul(softmaxCrossEntropyMean(l as tf.Tensor2D, ys, beta).loss, dy))(logits);
            const predicted = tf.cast(out.predicted, 'float32');
            out.predicted.dispose(); // kept by the native op
            return [out.loss, grad, predicted];
          };
          const cpu = await on('cpu', run);
          const before = fusedRuns();
          const native = await on('native', run);
          assert.ok(fusedRuns() > before, 'the fused kernel did not run');
          assertClose(native[0]!, cpu[0]!, 1e-6, 'loss');
          assertClose(native[1]!, cpu[1]!, 1e-5, 'd loss / d logits');
          assert.deepEqual(native[2], cpu[2], 'predicted classes');
          // Row 0's gradient is never zero, however wrong: at its label about −β·(0 − 1)·dy/rows.
          for (const [name, grad] of [
            ['cpu', cpu[1]!],
            ['native', native[1]!],
          ] as const) {
            const label = y.subarray(0, 10).indexOf(1);
            assert.ok(Math.abs(grad[label]!) > (0.5 * Math.abs(beta) * dy) / rows, `${name}: row 0's label gets a gradient (${grad[label]})`);
          }
        });
      }
    }
  }

  it('a confidently wrong sample (logit gap 40) gets the gradient p − y, loss 40 (clipping gave 16.1 and zero)', async () => {
    // Label 0; logit 40 on class 1, 0 elsewhere: p_1 = 1 / (1 + 9e^−40), p_0 = p_k = e^−40·p_1.
    const z = new Float32Array(10);
    z[1] = 40;
    const y = new Float32Array(10);
    y[0] = 1;
    const p1 = 1 / (1 + 9 * Math.exp(-40));
    const expected = Float32Array.from(z, (_, k) => (k === 1 ? p1 : Math.exp(-40) * p1) - y[k]!);
    for (const backend of ['cpu', 'native']) {
      const [loss, grad] = await on(backend, () => {
        const logits = tf.tensor2d(z, [1, 10]);
        const ys = tf.tensor2d(y, [1, 10]);
        const out = softmaxCrossEntropyMean(logits, ys, -1);
        const g = tf.grad((l: tf.Tensor) => softmaxCrossEntropyMean(l as tf.Tensor2D, ys, -1).loss)(logits);
        out.predicted.dispose();
        return [out.loss, g];
      });
      assert.ok(Math.abs(loss![0]! - 40) < 1e-5, `${backend}: loss ${loss![0]}, log(1 + 9e^−40) + 40 ≈ 40`);
      assert.equal(grad![0], -1, `${backend}: the label's gradient is p − 1 = −1 (to float)`);
      for (let k = 0; k < 10; k++)
        assert.ok(Math.abs(grad![k]! - expected[k]!) <= 1e-7 * Math.max(1, Math.abs(expected[k]!)), `${backend}: gradient[${k}] ${grad![k]}, p − y ${expected[k]}`);
      assert.ok(grad![2]! > 0, `${backend}: even the tiny p_k (${expected[2]}) of a wrong class is not flushed`);
    }
  });

  it('leaks no tensors: only the predictions, which the caller owns', async () => {
    await tf.setBackend('native');
    const ys = tf.tensor2d(oneHot(3, 1), [3, 10]);
    const logits = tf.tensor2d(values(30, 2), [3, 10]);
    const start = tf.memory().numTensors;
    const kept: tf.Tensor[] = [];
    for (let i = 0; i < 3; i++) {
      const g = tf.grad((l: tf.Tensor) => {
        const out = softmaxCrossEntropyMean(l as tf.Tensor2D, ys, -2);
        kept.push(out.predicted);
        return out.loss;
      })(logits);
      g.dispose();
    }
    assert.equal(tf.memory().numTensors - start, 3);
    tf.dispose(kept);
    assert.equal(tf.memory().numTensors, start);
    tf.dispose([ys, logits]);
  });
});

/**
 * The training step's forward pass through the model: on native conv and dense layers run as
 * fused ops and the output layer emits logits for the fused loss; the loss and every variable's
 * gradient equal the cpu backend's composed
 * path (model.apply → probabilities → lossMean), and the model is whole again afterwards.
 */
describe('trainingLoss on native (fused layers and loss) equals the composed loss on cpu', () => {
  const specs: Array<[string, ModelSpec]> = [
    ['softmax', { kind: 'softmax' }],
    ['softmax β = −3', { kind: 'softmax', beta: -3 } as ModelSpec],
    ['convnet relu', { kind: 'convnet', activation: 'relu', featureMaps: [4, 6], filterSize: 5, denseUnits: 16 } as ModelSpec],
  ];
  for (const [name, spec] of specs) {
    it(name, async () => {
      const rows = 3;
      const xs = values(rows * 784, 3).map((v) => (v + 1) / 2);
      const y = oneHot(rows, 9);
      const step = (backend: string) =>
        on(backend, () => {
          const model: tfl.LayersModel = buildModel(spec, 7);
          const batch = { xs: tf.tensor4d(xs, [rows, 28, 28, 1]), ys: tf.tensor2d(y, [rows, 10]), labels: new Int32Array(rows) } as unknown as Batch;
          const { value, grads } = tf.variableGrads(
            () => trainingLoss(model, batch, 'categorical').loss,
            model.trainableWeights.map((w) => w.read() as tf.Variable),
          );
          const probs = model.apply(batch.xs, { training: false }) as tf.Tensor; // softmax restored
          const out = [value, ...model.trainableWeights.map((w) => grads[(w.read() as tf.Variable).name]!), probs];
          model.dispose();
          return out;
        });
      const cpu = await step('cpu');
      const before = fusedRuns();
      const fusedLayersBefore = nativeCalls.get('NativeBiasReluGrad') ?? 0;
      const native = await step('native');
      assert.equal(fusedRuns() - before, 1, 'one fused loss per step');
      // relu conv and dense layers: one fused backward each (2 conv + 1 dense here)
      if (name.startsWith('convnet')) assert.equal((nativeCalls.get('NativeBiasReluGrad') ?? 0) - fusedLayersBefore, 3, 'fused relu layers');
      assertClose(native[0]!, cpu[0]!, 1e-5, 'loss');
      for (let i = 1; i < cpu.length - 1; i++) assertClose(native[i]!, cpu[i]!, 1e-4, `gradient ${i}`);
      assertClose(native.at(-1)!, cpu.at(-1)!, 1e-5, 'probabilities after the step');
    });
  }
});
