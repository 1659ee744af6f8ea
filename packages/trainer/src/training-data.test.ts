import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assembleDataset, DEFAULT_DATASET_LIMITS, encodeDataset, ModelSpec, parseArrayFile, resolveTraining } from '@modelspace/core';
import { bandImages, idxUint8, npyFloat32, npyUint8 } from '@modelspace/core/testing';
import { loadMnist } from './mnist/load.ts';
import { initBackend } from './backend.ts';
import { disposeBatch, makeBatch, splits } from './batches.ts';
import { loadArtifactModel, predictImages, type Prediction } from './artifact.ts';
import { trainTrial } from './train.ts';
import { trainingDataFromBlob, type TrainingData } from './training-data.ts';

/** An uploaded dataset as a worker gets it: the stored blob, decoded in place in shared memory. */
function uploaded(count: number, h: number, w: number, c: number, classes: number, float?: (v: number) => number): TrainingData {
  const set = bandImages(count, h, w, c, classes);
  const images = float ? npyFloat32([count, h, w, c], Array.from(set.images, float)) : npyUint8([count, h, w, c], set.images);
  const contents = assembleDataset(
    { trainImages: parseArrayFile(images, 'trainImages'), trainLabels: parseArrayFile(npyUint8([count], set.labels), 'trainLabels') },
    { classes, validationFraction: 0.2, testFraction: 0.2 },
    DEFAULT_DATASET_LIMITS,
  );
  const blob = encodeDataset(contents);
  const shared = new Uint8Array(new SharedArrayBuffer(blob.length));
  shared.set(blob);
  return trainingDataFromBlob(shared);
}

describe('training on an uploaded dataset (16x16 RGB, 4 classes)', () => {
  let data: TrainingData;
  before(async () => {
    await initBackend({ prefer: 'wasm' });
    data = uploaded(600, 16, 16, 3, 4);
  });

  it("splits as uploaded, batches are [n, 16, 16, 3] with 4-way one-hot labels, and subsets past a split's size take all of it", () => {
    const s = splits(data, resolveTraining({}));
    assert.deepEqual([s.train.count, s.val.count, s.test.count], [360, 120, 120]);
    assert.ok(s.train.images.buffer instanceof SharedArrayBuffer, 'read in place from shared memory');
    const b = makeBatch(s.val, [0, 1]);
    assert.deepEqual(b.xs.shape, [2, 16, 16, 3]);
    assert.deepEqual(b.ys.shape, [2, 4]);
    assert.deepEqual([...b.labels], [data.trainLabels[360], data.trainLabels[361]]);
    assert.equal(b.xs.dataSync()[0], Math.fround(data.trainImages[360 * 768]! / 255));
    disposeBatch(b);
    assert.throws(() => makeBatch(s.train, [0], { side: 32 }), /augmentation needs 28x28x1 uint8 images, these are 16x16x3 uint8/);
  });

  const models: ModelSpec[] = [
    { kind: 'logistic' },
    { kind: 'softmax' },
    { kind: 'convnet', activation: 'relu', featureMaps: [8], filterSize: 3, denseUnits: 16 },
    ModelSpec.parse({ kind: 'layers', layers: [{ type: 'conv2d', filters: 4, kernel: 3, activation: 'relu' }, { type: 'maxPool', size: 2 }, { type: 'flatten' }] }),
  ];
  for (const model of models) {
    it(`${model.kind} learns it: test error well below chance (0.75)`, async () => {
      const r = await trainTrial({ model, data, training: resolveTraining({ maxEpochs: 3, batchSize: 16, learningRate: 0.05, seed: 2 }) });
      assert.ok(r.testError < 0.3, `test error ${r.testError}`);
      assert.ok(r.bestValError < 0.3, `val error ${r.bestValError}`);
      // The output layer is as wide as the classes: 16·16·3 inputs → 4 (+ 4 biases) for the linear kinds.
      if (model.kind === 'logistic' || model.kind === 'softmax') assert.equal(r.paramCount, 16 * 16 * 3 * 4 + 4);
    });
  }

  it('float32 images are used as they are', async () => {
    const floats = uploaded(300, 8, 8, 1, 2, (v) => v / 255);
    const b = makeBatch(splits(floats, resolveTraining({})).train, [0]);
    assert.equal(b.xs.dataSync()[5], floats.trainImages[5]);
    disposeBatch(b);
    const r = await trainTrial({ model: { kind: 'softmax' }, data: floats, training: resolveTraining({ maxEpochs: 2, batchSize: 16, learningRate: 0.1 }) });
    assert.ok(r.testError < 0.2, `test error ${r.testError}`);
  });
});

describe('predictions of a model trained on an uploaded dataset', () => {
  before(() => initBackend({ prefer: 'wasm' }));
  // uint8 RGB (scaled by 1/255 in training), and float32 far outside [0, 1] (used as they are): a
  // prediction that scaled them otherwise would not give the trained model's answers.
  const cases = [
    { name: '8x8x3 uint8, 4 classes', data: () => uploaded(400, 8, 8, 3, 4) },
    { name: '12x12x1 float32 (values -2..2), 3 classes', data: () => uploaded(300, 12, 12, 1, 3, (v) => (v - 128) / 64) },
  ];
  for (const c of cases) {
    it(`${c.name}: the stored model, reloaded, predicts its test split with the recorded test error and loss`, async () => {
      const data = c.data();
      const training = resolveTraining({ maxEpochs: 1, batchSize: 16, learningRate: 0.002, seed: 4 });
      const r = await trainTrial({ model: { kind: 'softmax' }, data, training, artifact: true });
      const model = await loadArtifactModel(r.artifact!);
      const n = data.testLabels.length;
      const predictions = predictImages(model, data.testImages, n, { batchSize: 7 });
      // The classes it gave when its test error was measured, and the probabilities its test loss was measured on.
      const wrong = predictions.filter((p, i) => p.digit !== data.testLabels[i]).length;
      assert.equal(wrong / n, r.testError);
      assert.ok(r.testError < 0.5, `it learned (chance is over 0.66): test error ${r.testError}`);
      const loss = (ps: Prediction[]) => ps.reduce((sum, p, i) => sum - Math.log(p.probabilities[data.testLabels[i]!]!), 0) / n;
      assert.ok(Math.abs(loss(predictions) - r.testLoss) < 1e-5 * Math.max(1, r.testLoss), `loss ${loss(predictions)} vs recorded ${r.testLoss}`);
      assert.equal(predictions[0]!.probabilities.length, data.shape!.classes);
      // The scale matters: the same values given as the other dtype (bytes not divided by 255; floats as bytes) answer otherwise.
      const other = data.testImages instanceof Uint8Array ? Float32Array.from(data.testImages) : Uint8Array.from(data.testImages, (v) => Math.max(0, Math.round(v)));
      const otherLoss = loss(predictImages(model, other, n));
      assert.ok(Math.abs(otherLoss - r.testLoss) > 0.01, `another scale: loss ${otherLoss} vs ${r.testLoss}`);
      assert.throws(() => predictImages(model, data.testImages.subarray(1), n), /values for/);
      model.dispose();
    });
  }
});

describe('MNIST uploaded as a dataset', () => {
  it('trains to exactly the built-in MNIST results: same bytes, same split, same model, same numbers', async () => {
    await initBackend({ prefer: 'wasm' });
    const mnist = loadMnist();
    const files = {
      trainImages: parseArrayFile(idxUint8([60000, 28, 28], mnist.trainImages), 'trainImages'),
      trainLabels: parseArrayFile(idxUint8([60000], mnist.trainLabels), 'trainLabels'),
      testImages: parseArrayFile(idxUint8([10000, 28, 28], mnist.testImages), 'testImages'),
      testLabels: parseArrayFile(idxUint8([10000], mnist.testLabels), 'testLabels'),
    };
    // 1/6 of 60,000 from the end: MNIST's 50,000 / 10,000 split of its training file.
    const uploadedMnist = trainingDataFromBlob(encodeDataset(assembleDataset(files, { classes: 10, validationFraction: 1 / 6 }, DEFAULT_DATASET_LIMITS)));
    assert.deepEqual(uploadedMnist.split, { train: 50000, val: 10000 });
    const training = resolveTraining({ maxEpochs: 1, trainSubset: 2000, valSubset: 500, testSubset: 500, learningRate: 0.05 });
    const model: ModelSpec = { kind: 'convnet', activation: 'relu', featureMaps: [4], filterSize: 5, denseUnits: 16 };
    const a = await trainTrial({ model, data: mnist, training });
    const b = await trainTrial({ model, data: uploadedMnist, training });
    assert.deepEqual([b.bestValError, b.bestValLoss, b.testError, b.testLoss], [a.bestValError, a.bestValLoss, a.testError, a.testLoss]);
  });
});
