import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { ModelSpec, resolveTraining } from '@modelspace/core';
import { exportArtifact, inputSideOf, loadArtifactModel, predictDigits, WEIGHTS_FILE } from './artifact.ts';
import { initBackend } from './backend.ts';
import { loadMnist, type MnistData } from './mnist/load.ts';
import { buildModel } from './models.ts';
import { trainTrial } from './train.ts';

/** One variant per custom layer: L2 pooling + seeded dropout, several columns, softmax(−βz), augmentation (32x32). */
const VARIANTS = [
  { kind: 'convnet', featureMaps: [3, 4], denseUnits: 8, pooling: { type: 'l2', size: 3, stride: 2 }, dropout: { placement: 'conv-and-fc' } },
  { kind: 'convnet', columns: 3, featureMaps: [2], filterSize: 5, denseUnits: [], pooling: { type: 'average' } },
  { kind: 'softmax', beta: 2 },
  { kind: 'convnet', featureMaps: [2], denseUnits: 4, augmentation: { expansion: 2, maxRotation: 10 } },
  // A layer stack: batch norm (its running averages are weights too), gelu and leaky relu layers, same padding at stride 2.
  {
    kind: 'layers',
    layers: [
      { type: 'conv2d', filters: 3, kernel: 3, stride: 2, padding: 'same' },
      { type: 'batchNorm' },
      { type: 'activation', activation: 'gelu' },
      { type: 'flatten' },
      { type: 'dense', units: 6, activation: 'leakyRelu' },
      { type: 'batchNorm', momentum: 0.9 },
    ],
  },
].map((m) => ModelSpec.parse(m));

describe('model artifacts (model.json + weights.bin)', () => {
  let data: MnistData;
  before(async () => {
    await initBackend({ prefer: 'wasm' });
    data = loadMnist();
  });

  for (const spec of VARIANTS) {
    it(`a ${JSON.stringify(spec)} model reloads from its artifact and predicts exactly as before`, async () => {
      const model = buildModel(spec, 5);
      const artifact = await exportArtifact(model);
      assert.deepEqual(artifact.modelJson.weightsManifest[0]!.paths, [WEIGHTS_FILE]);
      const bytes = model.getWeights().reduce((n, w) => n + w.size * 4, 0);
      assert.equal(artifact.weightData.byteLength, bytes, 'every weight, float32');
      // Through JSON, as the file on disk is read.
      const reloaded = await loadArtifactModel({ modelJson: JSON.parse(JSON.stringify(artifact.modelJson)), weightData: artifact.weightData.slice(0) });
      assert.equal(inputSideOf(reloaded), inputSideOf(model));
      const images = data.testImages.subarray(0, 20 * 784);
      assert.deepEqual(predictDigits(reloaded, images, 20), predictDigits(model, images, 20));
      model.dispose();
      reloaded.dispose();
    });
  }

  it('trainTrial hands back the best-validation model only when asked, and it scores the recorded test error', async () => {
    const training = resolveTraining({ maxEpochs: 2, trainSubset: 600, valSubset: 200, testSubset: 300, batchSize: 32, learningRate: 0.05 });
    const model = ModelSpec.parse({ kind: 'convnet', featureMaps: [4], denseUnits: 16 });
    const plain = await trainTrial({ model, training, data });
    assert.equal(plain.artifact, undefined, 'existing callers get no artifact');
    const r = await trainTrial({ model, training, data, artifact: true });
    assert.ok(r.artifact);
    assert.equal(r.testError, plain.testError, 'asking for the artifact does not change the training');
    const loaded = await loadArtifactModel(r.artifact);
    const predictions = predictDigits(loaded, data.testImages, training.testSubset);
    const wrong = predictions.filter((p, i) => p.digit !== data.testLabels[i]).length;
    assert.equal(wrong / training.testSubset, r.testError);
    for (const p of predictions.slice(0, 5)) assert.ok(Math.abs(p.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5);
    loaded.dispose();
    assert.equal(tf.getBackend(), 'wasm');
  });
});
