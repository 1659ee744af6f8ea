import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { resolveTraining, type ModelSpec, type TrainingOverrides } from '@modelspace/core';
import { initBackend } from './backend.ts';
import { loadMnist, type MnistData } from './mnist/load.ts';
import { buildModel } from './models.ts';
import { trainTrial, TrainingStoppedError, type EpochReport } from './train.ts';

/** Small enough for the suite's time budget, real enough to learn: 2000 train, 500 val/test. */
const SHORT: TrainingOverrides = { maxEpochs: 2, trainSubset: 2000, valSubset: 500, testSubset: 500, learningRate: 0.01, momentum: 0.9, batchSize: 64 };
const SMALL_CONVNET: ModelSpec = { kind: 'convnet', activation: 'relu', featureMaps: [8, 16], filterSize: 5, denseUnits: 64 };
const TANH_CONVNET: ModelSpec = { ...SMALL_CONVNET, activation: 'tanh' } as ModelSpec;
/** Chance is 0.9 on ten balanced classes; these runs reach ~0.2, so 0.5 only fails if nothing was learnt. */
const WELL_BELOW_CHANCE = 0.5;

describe('trainTrial on real MNIST (wasm)', () => {
  let data: MnistData;
  before(async () => {
    await initBackend({ prefer: 'wasm' });
    data = loadMnist();
  });

  for (const model of [{ kind: 'softmax' } as ModelSpec, SMALL_CONVNET]) {
    it(`${model.kind}: 2 short epochs learn: val and test error well below chance (< ${WELL_BELOW_CHANCE})`, async () => {
      const reports: EpochReport[] = [];
      const r = await trainTrial({ model, data, training: resolveTraining(SHORT), onEpoch: (e) => void reports.push(e) });
      assert.deepEqual(
        reports.map((e) => e.epoch),
        [1, 2],
      );
      for (const e of reports) {
        for (const v of [e.trainError, e.valError]) assert.ok(v !== null && v >= 0 && v <= 1);
        assert.ok(Number.isFinite(e.trainLoss) && Number.isFinite(e.valLoss));
        assert.ok(e.samplesPerSec > 0 && e.durationMs > 0);
      }
      assert.ok(reports[1].trainLoss < reports[0].trainLoss, 'training loss falls');
      assert.ok(r.bestValError < WELL_BELOW_CHANCE, `val error ${r.bestValError}`);
      assert.ok(r.testError < WELL_BELOW_CHANCE, `test error ${r.testError}`);
      assert.ok(Number.isFinite(r.testLoss) && r.testLoss > 0);
      assert.equal(r.bestValError, Math.min(...reports.map((e) => e.valError)));
      assert.equal(r.bestValLoss, reports[r.bestEpoch - 1].valLoss);
      assert.equal(r.epochsRun, 2);
      assert.equal(r.stopReason, 'max_epochs');
      assert.equal(r.backend, 'wasm');
      const m = buildModel(model, 1);
      assert.equal(r.paramCount, m.countParams());
      m.dispose();
    });
  }

  it('replays identically from the same seed (tanh net: exercises every custom kernel)', async () => {
    const run = async (seed: number) => {
      const reports: EpochReport[] = [];
      const r = await trainTrial({
        model: TANH_CONVNET,
        data,
        training: resolveTraining({ ...SHORT, trainSubset: 640, valSubset: 200, testSubset: 200, seed }),
        onEpoch: (e) => void reports.push(e),
      });
      const strip = ({ durationMs: _d, samplesPerSec: _s, ...rest }: EpochReport) => rest;
      const { durationMs: _d, ...result } = r;
      return { epochs: reports.map(strip), result };
    };
    const a = await run(11);
    assert.deepEqual(await run(11), a);
    assert.notDeepEqual((await run(12)).epochs, a.epochs, 'the seed matters');
  });

  it('stops early after `patience` epochs without a better validation error', async () => {
    // A learning rate too small to change any prediction: validation error never improves.
    const seen: number[] = [];
    const r = await trainTrial({
      model: { kind: 'softmax' },
      data,
      training: resolveTraining({ ...SHORT, learningRate: 1e-9, maxEpochs: 10, patience: 2, trainSubset: 256, valSubset: 200, testSubset: 200 }),
      onEpoch: async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 5)); // awaited before the next epoch
        seen.push(e.epoch);
      },
    });
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(r.stopReason, 'patience');
    assert.equal(r.epochsRun, 3);
    assert.equal(r.bestEpoch, 1);
  });

  it('shouldStop mid-epoch finishes with stopReason stopped, keeping the finished epoch and testing it', async () => {
    let polls = 0;
    const stopAt = 2000 / 64 + 5; // a few batches into epoch 2
    const reports: EpochReport[] = [];
    const r = await trainTrial({
      model: SMALL_CONVNET,
      data,
      training: resolveTraining({ ...SHORT, maxEpochs: 5 }),
      onEpoch: (e) => void reports.push(e),
      shouldStop: () => ++polls > stopAt,
    });
    assert.equal(r.stopReason, 'stopped');
    assert.equal(r.epochsRun, 1);
    assert.equal(reports.length, 1);
    assert.equal(r.bestEpoch, 1);
    assert.ok(r.testError < WELL_BELOW_CHANCE);
  });

  it('shouldStop before the first epoch finishes throws TrainingStoppedError and frees everything', async () => {
    const start = tf.memory().numTensors;
    let polls = 0;
    await assert.rejects(
      trainTrial({ model: SMALL_CONVNET, data, training: resolveTraining(SHORT), shouldStop: () => ++polls > 3 }),
      (e: Error) => e instanceof TrainingStoppedError && /before the first epoch finished/.test(e.message),
    );
    assert.equal(tf.memory().numTensors, start);
  });

  it('leaves tf.memory().numTensors where it found it', async () => {
    const start = tf.memory().numTensors;
    await trainTrial({ model: SMALL_CONVNET, data, training: resolveTraining({ ...SHORT, maxEpochs: 2, trainSubset: 300, valSubset: 100, testSubset: 100 }) });
    await trainTrial({ model: { kind: 'softmax' }, data, training: resolveTraining({ ...SHORT, maxEpochs: 1, trainSubset: 300, valSubset: 100, testSubset: 100 }) });
    assert.equal(tf.memory().numTensors, start);
  });

  it('rejects a subset larger than its split', async () => {
    await assert.rejects(
      trainTrial({ model: { kind: 'softmax' }, data, training: { ...resolveTraining(SHORT), valSubset: 10001 } }),
      /validation subset 10001 is outside 1\.\.10000/,
    );
  });
});
