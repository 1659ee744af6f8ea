import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { ModelSpec, resolveTraining, type TrainingSettings } from '@modelspace/core';
import { loadAddon, nativeCalls, TRAIN_STEP } from '@modelspace/native';
import { initBackend, type BackendPreference } from './backend.ts';
import { decodeCheckpoint, encodeCheckpoint, type TrainingCheckpoint } from './checkpoint.ts';
import { loadMnist, type MnistData } from './mnist/load.ts';
import { buildModel, buildNet } from './models.ts';
import { trainTrial, type EpochReport, type TrialResult } from './train.ts';
import { stepNetOf } from './whole-step.ts';

// A training interrupted after epoch k and resumed from its checkpoint (through the byte
// encoding the worker stores) must end exactly where the uninterrupted training of the same
// seed ends: same epochs, same best epoch, same test error. The model has every piece of
// state a checkpoint must carry: momentum, dropout mask streams (all layers), augmentation.
const MODEL = {
  kind: 'convnet',
  activation: 'tanh',
  featureMaps: [4, 6],
  filterSize: 5,
  denseUnits: 16,
  dropout: { placement: 'conv-and-fc', rate: 0.5, convRate: 0.25 },
  augmentation: { expansion: 2, maxRotation: 20 },
} as ModelSpec;
/** Two columns of it (identity, transpose), on native's whole step: 3 dropout layers a column, 1 at the output. */
const COLUMNS = { ...MODEL, columns: 2 } as ModelSpec;
/**
 * A layer stack with batch norm on a conv map and on a dense layer: their running means and
 * variances are state the checkpoint must carry too (in its weights, as model.getWeights has them).
 */
const BATCH_NORM = ModelSpec.parse({
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same' },
    { type: 'batchNorm', momentum: 0.9 },
    { type: 'activation', activation: 'relu' },
    { type: 'avgPool', size: 2 },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: 16 },
    { type: 'batchNorm', momentum: 0.8 },
    { type: 'activation', activation: 'tanh' },
  ],
});
const TRAINING = resolveTraining({ maxEpochs: 4, patience: 2, batchSize: 16, trainSubset: 320, valSubset: 200, testSubset: 200, learningRate: 0.05, seed: 7 });
const SCHEDULED: TrainingSettings = { ...TRAINING, schedule: { type: 'cosine', warmupEpochs: 0.5, minFactor: 0.1 } };
/** Adam (L2 decay) and AdamW (decoupled decay) under a schedule: moments, step count and rate must all line up. */
const ADAM: TrainingSettings = { ...SCHEDULED, learningRate: 0.003, optimizer: { type: 'adam', weightDecay: 1e-4 } };
const ADAMW: TrainingSettings = { ...SCHEDULED, learningRate: 0.003, optimizer: { type: 'adamw', beta2: 0.99 } };
/**
 * The deterministic backends (a replay of a seed gives the same bits): wasm, and native where
 * its addon is built. The pure-JS cpu backend is too, but takes minutes for this conv net.
 */
const BACKENDS: BackendPreference[] = loadAddon().ok ? ['wasm', 'native'] : ['wasm'];

const withoutTimes = ({ durationMs: _d, samplesPerSec: _s, ...rest }: EpochReport) => rest;
const resultOf = ({ durationMs: _d, artifact: _a, ...rest }: TrialResult) => rest;

interface Run {
  epochs: ReturnType<typeof withoutTimes>[];
  result: ReturnType<typeof resultOf>;
  checkpoints: Uint8Array[];
}

async function train(data: MnistData, training: TrainingSettings, resume?: TrainingCheckpoint, stopAfter?: number, model: ModelSpec = MODEL): Promise<Run> {
  const epochs: Run['epochs'] = [];
  const checkpoints: Uint8Array[] = [];
  let stop = false;
  const result = await trainTrial({
    model,
    training,
    data,
    resume,
    shouldStop: () => stop,
    onEpoch: (e, checkpoint) => {
      epochs.push(withoutTimes(e));
      checkpoints.push(encodeCheckpoint(checkpoint()));
      if (e.epoch === stopAfter) stop = true;
    },
  });
  return { epochs, result: resultOf(result), checkpoints };
}

describe('resuming a training from its checkpoint', () => {
  let data: MnistData;
  before(() => {
    data = loadMnist();
  });

  type Case = [BackendPreference, ModelSpec, string, number, TrainingSettings];
  const cases: Case[] = [
    ...BACKENDS.map((b): Case => [b, MODEL, '', 4, TRAINING]),
    ...(BACKENDS.includes('native') ? [['native', COLUMNS, ' (2 columns)', 7, TRAINING] as Case] : []),
    // The rate is a function of the position in training: nothing to store, but it must line up.
    ...BACKENDS.map((b): Case => [b, MODEL, ' (cosine schedule after a warm-up)', 4, SCHEDULED]),
    ...BACKENDS.map((b): Case => [b, BATCH_NORM, ' (batch norm: running averages in the checkpoint)', 1, TRAINING]),
    ...BACKENDS.map((b): Case => [b, MODEL, ' (Adam)', 4, ADAM]),
    ...BACKENDS.map((b): Case => [b, MODEL, ' (AdamW)', 4, ADAMW]),
  ];
  for (const [backend, model, what, dropouts, training] of cases) {
    it(`${backend}${what}: interrupted after epoch 2, resumed from the stored checkpoint, ends as the uninterrupted run`, async () => {
      await initBackend({ prefer: backend });
      const tensors = tf.memory().numTensors;
      const wholeSteps = nativeCalls.get(TRAIN_STEP) ?? 0;
      const whole = await train(data, training, undefined, undefined, model);
      assert.equal(whole.epochs.length, 4);
      // On native the model trains through the whole native step (one addon call per step).
      if (backend === 'native' && wholeStepCovers(model)) assert.ok((nativeCalls.get(TRAIN_STEP) ?? 0) > wholeSteps, 'the whole native step ran');

      const first = await train(data, training, undefined, 2, model);
      assert.equal(first.result.stopReason, 'stopped');
      assert.deepEqual(first.epochs, whole.epochs.slice(0, 2), 'the same run up to the interruption');
      const stored = decodeCheckpoint(first.checkpoints[1]!);
      assert.equal(stored.epoch, 2);
      if (training.optimizer?.type === 'adam' || training.optimizer?.type === 'adamw') {
        assert.equal(stored.momentum.length, 0, 'no SGD state');
        assert.ok(stored.adam && stored.adam.step > 0, "Adam's step count is kept");
        for (const moment of [stored.adam.m, stored.adam.v]) assert.ok(moment.length > 0 && moment.some((m) => m.some((v) => v !== 0)), "Adam's moments are kept");
      } else {
        assert.ok(stored.momentum.length > 0 && stored.momentum.some((m) => m.some((v) => v !== 0)), 'momentum is kept');
        assert.equal(stored.adam, undefined);
      }
      assert.equal(stored.dropoutStreams.length, dropouts, 'one stream per dropout layer');
      if (model.kind === 'layers') assert.ok(movedRunningAverages(model, stored), 'the running means and variances have moved and are stored');

      const resumed = await train(data, training, stored, undefined, model);
      assert.deepEqual(resumed.epochs, whole.epochs.slice(2), 'epochs 3 and 4 as in the uninterrupted run');
      assert.deepEqual(resumed.result, whole.result);
      assert.deepEqual(resumed.checkpoints.at(-1), whole.checkpoints.at(-1), 'the final state, byte for byte');
      assert.equal(tf.memory().numTensors, tensors, 'no tensor leaked');
    });
  }

  it('a checkpoint of the last epoch resumes to the same result without training again', async () => {
    await initBackend({ prefer: 'wasm' });
    const training = { ...TRAINING, maxEpochs: 2 };
    const whole = await train(data, training);
    const last = decodeCheckpoint(whole.checkpoints.at(-1)!);
    assert.equal(last.stop, 'max_epochs');
    const resumed = await train(data, training, last);
    assert.deepEqual(resumed.epochs, []);
    assert.deepEqual(resumed.result, whole.result);
  });

  it('the resumed run keeps the earlier best weights when a later epoch was worse', async () => {
    await initBackend({ prefer: 'wasm' });
    // A learning rate so large the net does not settle: its validation error 0.91, 0.865, 0.885
    // on wasm (epoch 3 worse, the best stays epoch 2).
    const training = { ...TRAINING, learningRate: 0.35, maxEpochs: 3, patience: 5 };
    const whole = await train(data, training);
    const cp = whole.checkpoints.map(decodeCheckpoint).find((c) => c.early.bestEpoch < c.epoch);
    assert.ok(cp, `some epoch is worse than an earlier one: ${JSON.stringify(whole.epochs.map((e) => e.valError))}`);
    assert.ok(cp.best && cp.best.length === cp.weights.length, 'the best weights are stored when they are not the current ones');
    const resumed = await train(data, training, cp);
    assert.deepEqual(resumed.result, whole.result);
  });

  it('rejects a checkpoint of another optimizer (SGD momentum for an Adam trial)', async () => {
    await initBackend({ prefer: 'wasm' });
    const sgd = await train(data, { ...TRAINING, maxEpochs: 1 });
    await assert.rejects(train(data, { ...ADAM, maxEpochs: 2 }, decodeCheckpoint(sgd.checkpoints[0]!)), /checkpoint has SGD momentum accumulators/);
  });

  it('rejects a checkpoint of another model', async () => {
    await initBackend({ prefer: 'wasm' });
    const cp = decodeCheckpoint(encodeCheckpoint({ ...emptyCheckpoint(), weights: [new Float32Array(3)] }));
    await assert.rejects(train(data, TRAINING, cp), /checkpoint has 1 weight arrays/);
  });
});

/** Whether the whole native step runs this model (else the native backend trains it with tfjs's step). */
function wholeStepCovers(model: ModelSpec): boolean {
  const net = buildNet(model, 1);
  const covered = stepNetOf(net) !== null;
  net.model.dispose();
  return covered;
}

/** Whether every batch-norm layer's running mean and variance in the checkpoint have left their initial 0 and 1. */
function movedRunningAverages(model: ModelSpec, c: TrainingCheckpoint): boolean {
  const built = buildModel(model, 1);
  const names = built.weights.map((w) => w.originalName);
  built.dispose();
  const stats = names.flatMap((n, i) => (/moving_(mean|variance)$/.test(n) ? [[n, c.weights[i]!] as const] : []));
  return stats.length === 4 && stats.every(([n, v]) => v.some((x) => x !== (n.endsWith('mean') ? 0 : 1)));
}

function emptyCheckpoint(): TrainingCheckpoint {
  return {
    epoch: 1,
    weights: [],
    momentum: [],
    best: null,
    bestValLoss: Number.NaN,
    early: { bestValue: Number.POSITIVE_INFINITY, bestEpoch: 0, epochsWithoutImprovement: 1 },
    stop: null,
    dropoutStreams: [],
  };
}
