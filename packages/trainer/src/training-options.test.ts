import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTraining, type ModelSpec, type TrainingSettings } from '@modelspace/core';
import { loadAddon } from '@modelspace/native';
import { initBackend, type BackendPreference } from './backend.ts';
import type { TrainingCheckpoint } from './checkpoint.ts';
import { loadMnist, type MnistData } from './mnist/load.ts';
import { trainTrial } from './train.ts';

// A learning-rate schedule (and the optimizer's options) must reach the update on every path that trains: tfjs's
// optimizer (wasm), the fused native momentum update and the whole native step (native),
// each of which keeps its own copy of the rate. A step decay to almost nothing after epoch
// 1, with no momentum to carry epoch 1's steps on, must leave the weights where epoch 1 left them.
const MODEL = { kind: 'convnet', activation: 'relu', featureMaps: [4, 6], filterSize: 5, denseUnits: 16 } as ModelSpec;
const BASE = resolveTraining({ maxEpochs: 2, patience: 5, batchSize: 16, trainSubset: 320, valSubset: 100, testSubset: 100, learningRate: 0.05, momentum: 0, seed: 3 });
const BACKENDS: BackendPreference[] = loadAddon().ok ? ['wasm', 'native'] : ['wasm'];

async function weightsPerEpoch(data: MnistData, training: TrainingSettings): Promise<Float32Array[][]> {
  const out: Float32Array[][] = [];
  await trainTrial({ model: MODEL, training, data, onEpoch: (_e, checkpoint: () => TrainingCheckpoint) => void out.push(checkpoint().weights) });
  return out;
}

const largestChange = (a: Float32Array[], b: Float32Array[]) => Math.max(...a.map((w, i) => Math.max(...w.map((v, j) => Math.abs(v - b[i]![j]!)))));

describe('learning-rate schedules and optimizer options in training', () => {
  let data: MnistData;
  before(() => {
    data = loadMnist();
  });

  for (const backend of BACKENDS) {
    it(`${backend}: a step decay to 1e-7 of the rate after epoch 1 all but freezes the weights in epoch 2`, async () => {
      await initBackend({ prefer: backend });
      const constant = await weightsPerEpoch(data, BASE);
      const decayed = await weightsPerEpoch(data, { ...BASE, schedule: { type: 'step', everyEpochs: 1, factor: 1e-7 } });
      assert.deepEqual(decayed[0], constant[0], 'epoch 1 runs at the full rate either way');
      assert.ok(largestChange(constant[0]!, constant[1]!) > 1e-3, 'at a constant rate epoch 2 moves the weights');
      assert.ok(largestChange(decayed[0]!, decayed[1]!) < 1e-5, `decayed, epoch 2 moved a weight by ${largestChange(decayed[0]!, decayed[1]!)}`);
    });
  }

  it('training.optimizer reaches the step: weight decay leaves smaller weights, Nesterov other ones', async () => {
    await initBackend({ prefer: BACKENDS.at(-1)! });
    const norm = (ws: Float32Array[]) => Math.sqrt(ws.reduce((s, w) => s + w.reduce((t, v) => t + v * v, 0), 0));
    const plain = await weightsPerEpoch(data, { ...BASE, momentum: 0.9 });
    const decayed = await weightsPerEpoch(data, { ...BASE, momentum: 0.9, optimizer: { type: 'sgd', weightDecay: 0.05 } });
    const nesterov = await weightsPerEpoch(data, { ...BASE, momentum: 0.9, optimizer: { type: 'sgd', nesterov: true } });
    assert.ok(norm(decayed[1]!) < norm(plain[1]!), `decayed ${norm(decayed[1]!)} vs plain ${norm(plain[1]!)}`);
    assert.ok(largestChange(nesterov[1]!, plain[1]!) > 1e-4);
  });

  it('a warm-up starts below the full rate: the first epoch differs from a run without one', async () => {
    await initBackend({ prefer: BACKENDS.at(-1)! });
    const constant = await weightsPerEpoch(data, { ...BASE, maxEpochs: 1 });
    const warm = await weightsPerEpoch(data, { ...BASE, maxEpochs: 1, schedule: { type: 'constant', warmupEpochs: 1 } });
    assert.ok(largestChange(constant[0]!, warm[0]!) > 1e-4);
  });
});
