import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { NATIVE } from './backend.ts';
import { NativeMomentumOptimizer, nativeMomentum } from './momentum.ts';
import { SgdMomentumOptimizer } from './sgd.ts';
import { countingAddon, makeVariables, requireNative, smallNetLoss as loss, values } from './testing.ts';

/** Trains `steps` steps with `optimizer`; returns every variable's and accumulator's values. */
async function train(optimizer: tf.Optimizer, steps: number, opts: { share?: boolean; snapshots?: Float32Array[][] } = {}): Promise<Float32Array[]> {
  const vars = makeVariables();
  const kept: tf.Tensor[] = [];
  for (let s = 0; s < steps; s++) {
    if (opts.share) kept.push(tf.clone(vars[2]!)); // a second tensor on one variable's current data
    // dataSync hands out the backend's own array: later steps must not change what it shows.
    if (opts.snapshots && s % 2 === 1) opts.snapshots.push(vars.map((v) => v.dataSync() as Float32Array));
    const x = tf.tensor4d(values(2 * 8 * 8, 60 + s), [2, 8, 8, 1]);
    const y = tf.oneHot(tf.tensor1d([s % 3, (s + 1) % 3], 'int32'), 3).toFloat() as tf.Tensor2D;
    tf.dispose(optimizer.minimize(() => loss(vars, x, y), true, vars) ?? []);
    tf.dispose([x, y]);
  }
  const weights = await optimizer.getWeights();
  const out = [...vars.map((v) => v.dataSync() as Float32Array), ...weights.map((w) => w.tensor.dataSync() as Float32Array)].map((a) => Float32Array.from(a));
  tf.dispose([...vars, ...kept]);
  optimizer.dispose();
  return out;
}

describe('NativeMomentumOptimizer (one addon call per step) equals tf.train.momentum', () => {
  let counted: ReturnType<typeof countingAddon>;
  before(async () => {
    requireNative();
    counted = countingAddon('momentumUpdate');
    await tf.setBackend(NATIVE);
  });

  it('bit-identical variables, accumulators and iteration count after 5 steps', async () => {
    const reference = await train(tf.train.momentum(0.01, 0.9), 5);
    const at = counted.calls();
    const fused = await train(new NativeMomentumOptimizer(counted.addon, { learningRate: 0.01, momentum: 0.9 }), 5);
    // Step 1 takes the parent's path: the initial values were written in from JS (not exclusive).
    assert.equal(counted.calls() - at, 4, 'the fused update ran on every step after the first');
    assert.equal(fused.length, reference.length);
    for (let i = 0; i < reference.length; i++) assert.deepEqual(fused[i], reference[i], `tensor ${i}`);
    assert.ok(
      reference[0]!.some((v, i) => v !== makeVariables()[0]!.dataSync()[i]),
      'the weights moved',
    );
  });

  it('takes the parent path (and stays equal) when another tensor shares a variable', async () => {
    const reference = await train(tf.train.momentum(0.01, 0.9), 3, { share: true });
    const at = counted.calls();
    const fused = await train(new NativeMomentumOptimizer(counted.addon, { learningRate: 0.01, momentum: 0.9 }), 3, { share: true });
    assert.equal(counted.calls() - at, 0, 'shared storage is never updated in place');
    for (let i = 0; i < reference.length; i++) assert.deepEqual(fused[i], reference[i], `tensor ${i}`);
  });

  it('never changes values a caller has read out with dataSync', async () => {
    const refSnaps: Float32Array[][] = [];
    const reference = await train(tf.train.momentum(0.01, 0.9), 6, { snapshots: refSnaps });
    const snaps: Float32Array[][] = [];
    const at = counted.calls();
    const fused = await train(new NativeMomentumOptimizer(counted.addon, { learningRate: 0.01, momentum: 0.9 }), 6, { snapshots: snaps });
    const calls = counted.calls() - at;
    assert.ok(calls >= 2, `the fused update ran between the reads (${calls} times)`);
    for (let i = 0; i < reference.length; i++) assert.deepEqual(fused[i], reference[i], `tensor ${i}`);
    assert.equal(snaps.length, refSnaps.length);
    for (let k = 0; k < snaps.length; k++) for (let i = 0; i < snaps[k]!.length; i++) assert.deepEqual(snaps[k]![i], refSnaps[k]![i], `snapshot ${k}, variable ${i}`);
  });

  for (const options of [{ nesterov: true }, { weightDecay: 5e-4 }, { nesterov: true, weightDecay: 0.01 }]) {
    it(`with ${JSON.stringify(options)}: bit-identical to tfjs's momentum on the decayed gradients`, async () => {
      const settings = { learningRate: 0.01, momentum: 0.9, ...options };
      const reference = await train(new SgdMomentumOptimizer(settings), 5);
      const at = counted.calls();
      const fused = await train(new NativeMomentumOptimizer(counted.addon, settings), 5);
      assert.equal(counted.calls() - at, 4, 'the fused update ran on every step after the first');
      for (let i = 0; i < reference.length; i++) assert.deepEqual(fused[i], reference[i], `tensor ${i}`);
      const plain = await train(tf.train.momentum(0.01, 0.9), 5);
      assert.notDeepEqual(fused[0], plain[0], 'the options change the update');
    });
  }

  it('nativeMomentum gives the fused optimizer on native only', async () => {
    const opt = nativeMomentum({ learningRate: 0.01, momentum: 0.9 }, counted.addon);
    assert.ok(opt instanceof NativeMomentumOptimizer);
    opt.dispose();
    await tf.setBackend('cpu');
    assert.equal(nativeMomentum({ learningRate: 0.01, momentum: 0.9 }, counted.addon), null);
    await tf.setBackend(NATIVE);
  });
});
