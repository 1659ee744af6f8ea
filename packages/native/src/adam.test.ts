import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { AdamOptimizer, adamCoefficients, type AdamSettings } from './adam.ts';
import { NATIVE } from './backend.ts';
import { NativeAdamOptimizer } from './native-adam.ts';
import { countingAddon, makeVariables, requireNative, smallNetLoss as loss, values } from './testing.ts';

const ADAM: AdamSettings = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, decoupled: false };
const CASES: Array<[string, AdamSettings]> = [
  ['Adam', ADAM],
  ['Adam with L2 decay, β1 0.8', { ...ADAM, beta1: 0.8, weightDecay: 0.01 }],
  ['AdamW (decoupled decay 0.05), ε 1e-6', { ...ADAM, weightDecay: 0.05, decoupled: true, epsilon: 1e-6 }],
];

/** `steps` steps with `optimizer` (a schedule moves the rate); every variable's and moment's values, and t. */
function train(optimizer: AdamOptimizer, steps: number): { arrays: Float32Array[]; step: number } {
  const vars = makeVariables();
  for (let s = 0; s < steps; s++) {
    optimizer.setLearningRate(ADAM.learningRate * (1 - s / (2 * steps)));
    const x = tf.tensor4d(values(2 * 8 * 8, 60 + s), [2, 8, 8, 1]);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([s % 3, (s + 1) % 3], 'int32'), 3).toFloat() as tf.Tensor2D);
    tf.dispose(optimizer.minimize(() => loss(vars, x, y), true, vars) ?? []);
    tf.dispose([x, y]);
  }
  const arrays = [...vars, ...optimizer.moments.flatMap((p) => [p!.m, p!.v])].map((v) => Float32Array.from(v.dataSync()));
  const { step } = optimizer;
  tf.dispose(vars);
  optimizer.dispose();
  return { arrays, step };
}

/** One element's Adam step in float32, each PyTorch 1.13 op rounded on its own, written out by hand. */
function byHand(s: AdamSettings, lr: number, t: number, w: number, g: number, m: number, v: number): [number, number, number] {
  const f = Math.fround;
  if (!s.decoupled && s.weightDecay) g = f(g + f(w * f(s.weightDecay)));
  if (s.decoupled) w = f(w * f(1 - lr * s.weightDecay));
  m = f(f(m * f(s.beta1)) + f(g * f(1 - s.beta1)));
  v = f(f(v * f(s.beta2)) + f(f(f(1 - s.beta2) * g) * g));
  const denom = f(f(f(Math.sqrt(v)) / f(Math.sqrt(1 - s.beta2 ** t))) + f(s.epsilon));
  return [f(w + f(f(f(-lr / (1 - s.beta1 ** t)) * m) / denom)), m, v];
}

describe('AdamOptimizer: Adam and AdamW in PyTorch 1.13 order, and its fused native update', () => {
  let counted: ReturnType<typeof countingAddon>;
  before(async () => {
    requireNative();
    counted = countingAddon('adamUpdate');
  });

  for (const [name, settings] of CASES) {
    it(`${name}: the tfjs ops give, element by element, the float32 formula written out by hand (cpu)`, async () => {
      await tf.setBackend('cpu');
      const w = tf.variable(tf.tensor1d(values(64, 3)));
      const optimizer = new AdamOptimizer(settings);
      let [ws, ms, vs] = [Array.from(w.dataSync()), new Array(64).fill(0), new Array(64).fill(0)];
      for (let t = 1; t <= 4; t++) {
        const g = values(64, 10 + t).map((x) => x * 10 ** (t - 3)); // gradients from 1e-2 to 10
        optimizer.applyGradients({ [w.name]: tf.tensor1d(g) });
        const next = ws.map((wi, i) => byHand(settings, settings.learningRate, t, wi, g[i]!, ms[i]!, vs[i]!));
        [ws, ms, vs] = [next.map((n) => n[0]), next.map((n) => n[1]), next.map((n) => n[2])];
        assert.deepEqual(Array.from(w.dataSync()), ws, `weights after step ${t}`);
        assert.deepEqual(Array.from(optimizer.moments[0]!.m.dataSync()), ms, `m after step ${t}`);
        assert.deepEqual(Array.from(optimizer.moments[0]!.v.dataSync()), vs, `v after step ${t}`);
      }
      assert.equal(optimizer.step, 4);
      optimizer.dispose();
      w.dispose();
    });

    it(`${name}: the fused update (one addon call a step) gives the tfjs ops' bits on native`, async () => {
      await tf.setBackend(NATIVE);
      const tensors = tf.memory().numTensors;
      const initial = tf.tidy(() => makeVariables().map((v) => Float32Array.from(v.dataSync())));
      tf.disposeVariables();
      const before = counted.calls();
      const fused = train(new NativeAdamOptimizer(counted.addon, settings), 6);
      assert.equal(counted.calls() - before, 6, 'every step was one fused update');
      const reference = train(new AdamOptimizer(settings), 6);
      assert.equal(fused.step, 6);
      assert.equal(reference.step, 6);
      assert.equal(fused.arrays.length, 12);
      for (const [i, a] of fused.arrays.entries()) assert.deepEqual(a, reference.arrays[i], `array ${i}`);
      assert.notDeepEqual(fused.arrays[2], initial[2], 'the weights moved');
      assert.equal(tf.memory().numTensors, tensors, `no tensor leaked (${tf.memory().numTensors} vs ${tensors})`);
    });
  }

  it("computes step t's scalars as PyTorch does (double, rounded once): t = 1 undoes the moments' bias", () => {
    const k = adamCoefficients({ ...ADAM, weightDecay: 0.1, decoupled: true }, 0.001, 1);
    assert.deepEqual(Array.from(k), [0.9, 0.1, 0.999, 0.001, -0.01, Math.sqrt(0.001), 1e-8, 0, 1 - 0.0001].map(Math.fround));
    assert.equal(adamCoefficients(ADAM, 0.001, 1)[7], Math.fround(0), 'Adam: no decoupled decay');
    assert.equal(adamCoefficients(ADAM, 0.001, 1)[8], 1);
  });
});
