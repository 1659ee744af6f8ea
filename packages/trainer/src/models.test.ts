import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@modelspace/core';
import { initBackend } from './backend.ts';
import { buildModel } from './models.ts';

const seedLike: ModelSpec = { kind: 'convnet', activation: 'tanh', featureMaps: [32, 64], filterSize: 5, denseUnits: 128 };

describe('buildModel', () => {
  before(() => initBackend({ prefer: 'wasm' }));

  it('softmax is flatten → dense 10 softmax: 784·10 + 10 parameters', () => {
    const m = buildModel({ kind: 'softmax' }, 1);
    assert.deepEqual(
      m.layers.map((l) => l.getClassName()),
      ['Flatten', 'Dense'],
    );
    assert.deepEqual(m.outputs[0].shape, [null, 10]);
    assert.equal(m.countParams(), 7850);
    m.dispose();
  });

  it('convnet has the seed layout and sizes: 28 →conv5→ 24 →pool→ 12 →conv5→ 8 →pool→ 4', () => {
    const m = buildModel(seedLike, 1);
    assert.deepEqual(
      m.layers.map((l) => l.getClassName()),
      ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense'],
    );
    assert.deepEqual(
      m.layers.map((l) => l.outputShape),
      [
        [null, 24, 24, 32],
        [null, 12, 12, 32],
        [null, 8, 8, 64],
        [null, 4, 4, 64],
        [null, 1024],
        [null, 128],
        [null, 10],
      ],
    );
    // conv1 5·5·1·32+32, conv2 5·5·32·64+64, dense 1024·128+128, out 128·10+10
    assert.equal(m.countParams(), 832 + 51264 + 131200 + 1290);
    const config = m.layers[0].getConfig();
    assert.equal(config.activation, 'tanh');
    assert.equal(config.padding, 'valid');
    assert.equal(m.layers[6].getConfig().activation, 'softmax');
    m.dispose();
  });

  it('takes its input shape and output width from the data shape: 16x12x3 in 4 classes', () => {
    const shape = { height: 16, width: 12, channels: 3, classes: 4 };
    const soft = buildModel({ kind: 'softmax' }, 1, shape);
    assert.deepEqual(soft.inputs[0]!.shape, [null, 16, 12, 3]);
    assert.equal(soft.countParams(), 16 * 12 * 3 * 4 + 4);
    soft.dispose();
    const conv = buildModel({ kind: 'convnet', activation: 'relu', featureMaps: [8], filterSize: 3, denseUnits: 16 }, 1, shape);
    // 16x12 →conv3→ 14x10 →pool→ 7x5, 8 maps; the conv kernel has 3 input channels
    assert.deepEqual(
      conv.layers.map((l) => l.outputShape),
      [
        [null, 14, 10, 8],
        [null, 7, 5, 8],
        [null, 280],
        [null, 16],
        [null, 4],
      ],
    );
    assert.deepEqual(conv.layers[0]!.getWeights()[0]!.shape, [3, 3, 3, 8]);
    conv.dispose();
    assert.throws(() => buildModel({ kind: 'softmax', augmentation: { expansion: 1, maxRotation: 0 } }, 1, shape), /augmentation needs 28x28x1 images, the dataset's are 16x12x3/);
    // A conv net that fits MNIST but not these images: the trainer says which layer, not tfjs's "negative dimension".
    assert.throws(
      () => buildModel({ kind: 'convnet', activation: 'relu', featureMaps: [8, 8], filterSize: 5, denseUnits: 16 }, 1, { ...shape, height: 8, width: 8 }),
      /the conv net does not fit the dataset's 8x8 images: filterSize: filter 5x5 is larger than the 2x2 input of conv layer 2/,
    );
  });

  it('follows filterSize: 3x3 filters give 26 → 13 → 11 → 5 maps', () => {
    const m = buildModel({ kind: 'convnet', activation: 'tanh', filterSize: 3, featureMaps: [4, 6], denseUnits: 16 }, 1);
    assert.deepEqual(m.layers[3].outputShape, [null, 5, 5, 6]);
    assert.equal(m.countParams(), 9 * 4 + 4 + (9 * 4 * 6 + 6) + (150 * 16 + 16) + (16 * 10 + 10));
    m.dispose();
  });

  it('initialises identically from the same seed and differently from another', () => {
    const weights = (seed: number) => {
      const m = buildModel(seedLike, seed);
      const values = m.getWeights().map((w) => Array.from(w.dataSync()));
      m.dispose();
      return values;
    };
    const a = weights(7);
    assert.deepEqual(weights(7), a);
    assert.notDeepEqual(weights(8)[0], a[0]);
  });

  it('gives each layer its own seed (the two conv kernels do not start from the same stream)', () => {
    const m = buildModel({ kind: 'convnet', activation: 'tanh', featureMaps: [1, 1], filterSize: 5, denseUnits: 128 }, 3); // conv1 and conv2 kernels both 5x5x1x1
    const [k1, , k2] = m.getWeights();
    assert.deepEqual(k1.shape, k2.shape);
    assert.notDeepEqual(Array.from(k1.dataSync()), Array.from(k2.dataSync()));
    m.dispose();
  });

  it('leaves no tensor behind once disposed', () => {
    const before = tf.memory().numTensors;
    buildModel(seedLike, 1).dispose();
    assert.equal(tf.memory().numTensors, before);
  });
});
