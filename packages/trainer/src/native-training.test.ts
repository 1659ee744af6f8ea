import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTraining, type ModelSpec, type TrainingOverrides } from '@modelspace/core';
import { nativeCalls, TRAIN_STEP } from '@modelspace/native';
import { initBackend, loadMnist, trainTrial, type MnistData } from './index.ts';

const SHORT: TrainingOverrides = { maxEpochs: 2, trainSubset: 2000, valSubset: 500, testSubset: 500, learningRate: 0.01, momentum: 0.9, batchSize: 32, seed: 7 };
// The nets train through the whole native step (@modelspace/native's train-step.ts); the two-column net also
// through tfjs's step on the native kernels, with the whole step off (what the trainer does for a
// model the whole step does not cover).
const NETS: Array<{ name: string; path: string; model: ModelSpec; wholeStep?: false }> = [
  { name: 'relu convnet', path: TRAIN_STEP, model: { kind: 'convnet', activation: 'relu', featureMaps: [8, 16], filterSize: 5, denseUnits: 64 } },
  { name: 'tanh convnet', path: TRAIN_STEP, model: { kind: 'convnet', activation: 'tanh', featureMaps: [8, 16], filterSize: 5, denseUnits: 64 } },
  { name: 'two-column relu convnet', path: TRAIN_STEP, model: { kind: 'convnet', activation: 'relu', featureMaps: [8, 16], filterSize: 5, denseUnits: 64, columns: 2 } },
  {
    name: "two-column relu convnet, tfjs's step (MODELSPACE_NATIVE_WHOLE_STEP=0)",
    path: 'Conv2DBackpropFilter',
    model: { kind: 'convnet', activation: 'relu', featureMaps: [8, 16], filterSize: 5, denseUnits: 64, columns: 2 },
    wholeStep: false,
  },
];

describe('training on the native backend (real MNIST)', () => {
  let data: MnistData;
  before(() => {
    data = loadMnist();
  });

  for (const { name, path, model, wholeStep } of NETS) {
    it(`${name}: learns (test error < 0.3) and ends within noise of wasm with the same seed`, async () => {
      const calls = nativeCalls.get(path) ?? 0;
      const wholeSteps = nativeCalls.get(TRAIN_STEP) ?? 0;
      assert.equal((await initBackend({ prefer: 'native' })).name, 'native');
      if (wholeStep === false) process.env.MODELSPACE_NATIVE_WHOLE_STEP = '0';
      const native = await trainTrial({ model, data, training: resolveTraining(SHORT) }).finally(() => delete process.env.MODELSPACE_NATIVE_WHOLE_STEP);
      assert.equal(native.backend, 'native');
      assert.ok((nativeCalls.get(path) ?? 0) > calls, `${path} ran natively`);
      if (wholeStep === false) assert.equal(nativeCalls.get(TRAIN_STEP) ?? 0, wholeSteps, 'the whole step is off');
      assert.ok(native.testError < 0.3, `native test error ${native.testError}`);

      await initBackend({ prefer: 'wasm' });
      const wasm = await trainTrial({ model, data, training: resolveTraining(SHORT) });
      // Same seed, same data order and dropout masks: only float rounding differs, so the two
      // runs end close (500 test images: 0.06 is ~2.5 binomial standard deviations at 0.1).
      assert.ok(Math.abs(native.testError - wasm.testError) <= 0.06, `native ${native.testError} vs wasm ${wasm.testError}`);
    });
  }
});
