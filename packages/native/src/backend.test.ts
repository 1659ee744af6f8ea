import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { NATIVE, type NativeBackend } from './backend.ts';
import { requireNative, values } from './testing.ts';

describe('NativeBackend output recycling', () => {
  before(async () => {
    requireNative();
    await tf.setBackend(NATIVE);
  });

  it('reuses the storage of a disposed native output for the next output of that length', () => {
    const x = tf.tensor1d(values(1000, 41));
    const backend = tf.backend() as NativeBackend;
    const a = tf.relu(x);
    const storageA = backend.data.get(a.dataId).values;
    a.dispose();
    const b = tf.relu(x);
    assert.equal(backend.data.get(b.dataId).values, storageA, 'the freed array was reused');
    tf.dispose([x, b]);
  });

  it('never recycles an array the caller has seen through dataSync', () => {
    const x = tf.tensor1d(values(1000, 42));
    const a = tf.relu(x);
    const seen = a.dataSync();
    const copy = Float32Array.from(seen);
    a.dispose();
    const b = tf.relu(tf.neg(x)); // same length: would take a recycled array
    assert.notEqual(tf.backend().readSync(b.dataId), seen);
    assert.deepEqual(seen, copy, 'the array handed out is unchanged');
    tf.dispose([x, b]);
  });

  it('leaves no tensors behind after a training step', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.tensor4d(values(3 * 3 * 2 * 4, 43), [3, 3, 2, 4])));
    const x = tf.tensor4d(values(2 * 8 * 8 * 2, 44), [2, 8, 8, 2]);
    const opt = tf.train.momentum(0.01, 0.9);
    for (let i = 0; i < 3; i++) opt.minimize(() => tf.sum(tf.square(tf.maxPool(tf.relu(tf.conv2d(x, w as tf.Tensor4D, 1, 'same')), 2, 2, 'valid'))));
    opt.dispose();
    tf.dispose([w, x]);
    assert.ok(tf.memory().numTensors <= before + 1, `${tf.memory().numTensors - before} tensors left`); // momentum's lr scalar leak (tfjs 4.22)
  });
});
