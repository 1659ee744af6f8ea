import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTraining, type ModelSpec, type TrainingOverrides } from '@modelspace/core';
import { initBackend, loadMnist, trainTrial, type MnistData } from '@modelspace/trainer';
import { nativeCalls } from './kernels/helpers.ts';

const SHORT: TrainingOverrides = { maxEpochs: 2, trainSubset: 2000, valSubset: 500, testSubset: 500, learningRate: 0.01, momentum: 0.9, batchSize: 32, seed: 7 };
const NETS = [
  { kind: 'convnet' as const, activation: 'relu' as const, featureMaps: [8, 16], filterSize: 5, denseUnits: 64 },
  { kind: 'convnet' as const, activation: 'tanh' as const, featureMaps: [8, 16], filterSize: 5, denseUnits: 64 },
] satisfies ModelSpec[];

describe('training on the native backend (real MNIST)', () => {
  let data: MnistData;
  before(() => {
    data = loadMnist();
  });

  for (const model of NETS) {
    it(`${model.activation} convnet: learns (test error < 0.3) and ends within noise of wasm with the same seed`, async () => {
      const calls = nativeCalls.get('Conv2DBackpropFilter') ?? 0;
      assert.equal((await initBackend({ prefer: 'native' })).name, 'native');
      const native = await trainTrial({ model, data, training: resolveTraining(SHORT) });
      assert.equal(native.backend, 'native');
      assert.ok((nativeCalls.get('Conv2DBackpropFilter') ?? 0) > calls, 'the conv gradients ran natively');
      assert.ok(native.testError < 0.3, `native test error ${native.testError}`);

      await initBackend({ prefer: 'wasm' });
      const wasm = await trainTrial({ model, data, training: resolveTraining(SHORT) });
      // Same seed, same data order and dropout masks: only float rounding differs, so the two
      // runs end close (500 test images: 0.06 is ~2.5 binomial standard deviations at 0.1).
      assert.ok(Math.abs(native.testError - wasm.testError) <= 0.06, `native ${native.testError} vs wasm ${wasm.testError}`);
    });
  }
});
