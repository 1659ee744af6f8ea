import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { builtInModel, parseSweepText, planTrials, resolveTraining, type ModelSpec } from '@modelspace/core';
import { initBackend } from './backend.ts';
import { loadMnist, type MnistData } from './mnist/load.ts';
import { buildModel } from './models.ts';
import { trainTrial, type EpochReport } from './train.ts';

const seedTable = fileURLToPath(new URL('../../../sweeps/seed-table.yaml', import.meta.url));
const plans = planTrials(parseSweepText(readFileSync(seedTable, 'utf8'))).map((p) => ({ ...p, model: builtInModel(p.model) }));

/** Parameters of the seed's one-column net: conv 5x5 maps a→b, dense `dense` on a side² map. */
const oneColumn = (maps: [number, number], dense: number, side: number) => 25 * maps[0] + maps[0] + (25 * maps[0] * maps[1] + maps[1]) + (side * side * maps[1] * dense + dense);

describe("the seed's 13 models (sweeps/seed-table.yaml)", () => {
  let data: MnistData;
  before(async () => {
    await initBackend({ prefer: 'wasm' });
    data = loadMnist();
  });

  it('are all there, with the seed settings', () => {
    assert.equal(plans.length, 13);
    assert.deepEqual(plans[0]!.training, resolveTraining({ batchSize: 1, maxEpochs: 30, patience: 10, learningRate: 0.001, momentum: 0.9 }));
  });

  it('report the parameter counts of their architectures', () => {
    const count = (i: number) => {
      const m = buildModel(plans[i]!.model, 1);
      const n = m.countParams();
      m.dispose();
      return n;
    };
    assert.equal(count(0), oneColumn([64, 64], 128, 4) + 1290); // model 1: 28 → 24 → 12 → 8 → 4
    assert.equal(count(1), oneColumn([64, 64], 128, 5) + 1290); // model 2: augmented 32 → 28 → 14 → 10 → 5
    assert.equal(count(3), 5 * oneColumn([64, 64], 128, 4) + (5 * 128 * 10 + 10)); // model 4: 5 columns into one softmax
    assert.equal(count(6), oneColumn([64, 64], 128, 3) + 1290); // model 7: overlapping 3/2: 24 → 11 → 7 → 3
    assert.equal(count(12), 2 * oneColumn([64, 64], 256, 5) + (2 * 256 * 10 + 10)); // model 13
  });

  for (const plan of plans) {
    it(`${plan.name}: builds and trains a step on real MNIST, reporting its parameter count`, async () => {
      const tensors = tf.memory().numTensors;
      const epochs: EpochReport[] = [];
      const r = await trainTrial({
        model: plan.model,
        data,
        training: { ...plan.training, maxEpochs: 1, batchSize: 2, trainSubset: 2, valSubset: 2, testSubset: 2, learningRate: 0.01 },
        onEpoch: (e) => void epochs.push(e),
      });
      assert.equal(r.epochsRun, 1);
      assert.ok(Number.isFinite(epochs[0]!.trainLoss) && Number.isFinite(r.testLoss));
      const m = buildModel(plan.model, 1);
      assert.equal(r.paramCount, m.countParams());
      m.dispose();
      assert.equal(tf.memory().numTensors, tensors, 'no tensor leaked');
    });
  }

  it('trains at batch size 1, as the seed did', async () => {
    const r = await trainTrial({ model: plans[0]!.model, data, training: { ...plans[0]!.training, maxEpochs: 1, trainSubset: 3, valSubset: 2, testSubset: 2 } });
    assert.equal(r.epochsRun, 1);
    assert.ok(Number.isFinite(r.testLoss));
  });

  it('replays identically with dropout, L2 pooling, overlapping pooling, 2 columns and augmentation', async () => {
    const model = {
      ...plans[12]!.model,
      featureMaps: [4, 6],
      denseUnits: 16,
      pooling: { type: 'l2', size: 3, stride: 2 },
      dropout: { placement: 'conv-and-fc', rate: 0.5, convRate: 0.25 },
    } as ModelSpec;
    const run = async (seed: number) => {
      const reports: EpochReport[] = [];
      const r = await trainTrial({
        model,
        data,
        training: resolveTraining({ maxEpochs: 2, batchSize: 16, trainSubset: 64, valSubset: 100, testSubset: 100, learningRate: 0.05, seed }),
        onEpoch: (e) => void reports.push(e),
      });
      return { losses: reports.map((e) => [e.trainLoss, e.valLoss, e.valError]), test: [r.testLoss, r.testError] };
    };
    const a = await run(3);
    assert.deepEqual(await run(3), a);
    assert.notDeepEqual((await run(4)).losses, a.losses);
  });
});
