import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { loadAddon } from '@modelspace/native';
import { initBackend } from './backend.ts';

const handlers = () => ['uncaughtException', 'unhandledRejection'].map((e) => process.listeners(e as 'uncaughtException'));

describe('initBackend', () => {
  // First: it must watch the one time the wasm runtime starts in this process.
  it("does not leave the wasm runtime's rethrowing process handlers installed", async () => {
    const before = handlers();
    await initBackend({ prefer: 'wasm' });
    assert.deepEqual(handlers(), before);
  });

  // auto: tfjs-node (absent here) > the oneDNN addon when it is built and loads > wasm.
  const addon = loadAddon();
  const autoName = addon.ok ? 'native' : 'wasm';
  it(`auto picks ${autoName} here (the oneDNN addon ${addon.ok ? 'loads' : 'is absent'}), explaining why`, async () => {
    const info = await initBackend();
    assert.equal(info.name, autoName);
    if (addon.ok) assert.equal(info.reason, `native: oneDNN ${addon.addon.onednnVersion} addon; @tensorflow/tfjs-node-gpu and @tensorflow/tfjs-node are not installed`);
    else assert.equal(info.reason, `wasm: @tensorflow/tfjs-node-gpu and @tensorflow/tfjs-node are not installed; ${addon.why}`);
    assert.equal(tf.getBackend(), autoName);
  });

  it('is idempotent: a second call returns the same answer and keeps the backend', async () => {
    const a = await initBackend();
    const b = await initBackend({ prefer: 'auto' });
    assert.deepEqual(b, a);
    assert.equal(tf.getBackend(), autoName);
  });

  it('prefer native: the oneDNN backend when the addon loads, else a clear rejection', async () => {
    if (addon.ok) {
      assert.deepEqual(await initBackend({ prefer: 'native' }), { name: 'native', reason: `native: oneDNN ${addon.addon.onednnVersion} addon (requested)` });
      assert.equal(tf.getBackend(), 'native');
    } else {
      await assert.rejects(initBackend({ prefer: 'native' }), /backend native unavailable: the native addon/);
    }
  });

  it('loads the SIMD wasm binary and registers the three gradient-kernel fixes', async () => {
    await initBackend({ prefer: 'wasm' });
    assert.equal(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), true);
    for (const k of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad']) assert.ok(tf.getKernel(k, 'wasm'), k);
    const y = tf.tidy(() => tf.conv2d(tf.ones([1, 3, 3, 1]) as tf.Tensor4D, tf.ones([2, 2, 1, 1]) as tf.Tensor4D, 1, 'valid').dataSync());
    assert.deepEqual([...y], [4, 4, 4, 4]);
  });

  it('switches to cpu on request and back to wasm', async () => {
    assert.equal((await initBackend({ prefer: 'cpu' })).name, 'cpu');
    assert.equal(tf.getBackend(), 'cpu');
    assert.equal((await initBackend({ prefer: 'wasm' })).name, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
  });

  it('rejects prefer tensorflow with a clear reason when tfjs-node is absent', async () => {
    await assert.rejects(initBackend({ prefer: 'tensorflow' }), /backend tensorflow unavailable: @tensorflow\/tfjs-node-gpu and @tensorflow\/tfjs-node are not installed/);
  });
});
