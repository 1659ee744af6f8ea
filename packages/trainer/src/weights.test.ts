import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './backend.ts';
import { buildModel } from './models.ts';
import { disposeOptimizer, makeOptimizer } from './optimizer.ts';
import { restoreWeights, snapshotWeights } from './weights.ts';

describe('weight snapshots', () => {
  before(() => initBackend({ prefer: 'wasm' }));

  it('survive optimiser steps unchanged and bring the model back to them', () => {
    const start = tf.memory().numTensors;
    const model = buildModel({ kind: 'softmax' }, 1);
    const optimizer = makeOptimizer({ learningRate: 0.5, momentum: 0.9 });
    const values = (ts: tf.Tensor[]) => ts.map((t) => Array.from(t.dataSync()));
    const saved = snapshotWeights(model);
    const before = values(saved);
    const xs = tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 1);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32'), 10));
    for (let i = 0; i < 3; i++) {
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs) as tf.Tensor) as tf.Scalar);
    }
    assert.notDeepEqual(values(model.getWeights()), before, 'training moved the weights');
    assert.deepEqual(values(saved), before, 'the snapshot did not move with them');
    restoreWeights(model, saved);
    assert.deepEqual(values(model.getWeights()), before);
    tf.dispose([xs, ys, ...saved]);
    disposeOptimizer(optimizer);
    model.dispose();
    assert.equal(tf.memory().numTensors, start, 'model, optimiser (incl. its learning-rate scalar) and snapshots freed');
  });
});
