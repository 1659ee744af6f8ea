import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { loadAddon } from '@modelspace/native';
import { loadMnist } from './mnist/load.ts';

describe('trainTrial inside a worker_threads Worker', () => {
  it('trains an epoch on the auto-chosen backend (native when the addon loads, else wasm) with MNIST passed as SharedArrayBuffers (how the worker app runs it)', async () => {
    const data = loadMnist({ shared: true });
    const worker = new Worker(new URL('./testing/tsx-worker-bootstrap.mjs', import.meta.url), {
      workerData: { entry: new URL('./testing/train-in-worker.ts', import.meta.url).href, data },
    });
    const message = await new Promise<any>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`worker exited with ${code} before reporting`)));
    });
    await worker.terminate();
    assert.equal(message.backend.name, loadAddon().ok ? 'native' : 'wasm');
    assert.equal(message.sharedSeen, true);
    assert.deepEqual(message.epochs, [1]);
    assert.equal(message.result.epochsRun, 1);
    assert.ok(message.result.testError >= 0 && message.result.testError <= 1);
  });
});
