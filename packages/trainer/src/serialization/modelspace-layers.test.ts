import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ColumnInput } from '../layers/column-transform.ts';
import { L2Pooling2D } from '../layers/l2-pooling.ts';
import { SeededDropout } from '../layers/seeded-dropout.ts';
import { SoftmaxBeta } from '../layers/softmax-beta.ts';
import { randomValues } from '../testing/compare.ts';
import { initBackend } from '../backend.ts';
import { defineModelspaceLayers } from './modelspace-layers.js';

// The plain-JS copies (for users loading a model without modelspace) must compute what the
// trainer's classes compute, with the same className and config, or downloads break silently.
const js = defineModelspaceLayers(tf);

const CASES = [
  {
    name: 'L2Pooling2D',
    ts: L2Pooling2D,
    js: js.L2Pooling2D,
    configs: [
      { size: 2, stride: 2 },
      { size: 3, stride: 2 },
    ],
  },
  { name: 'SoftmaxBeta', ts: SoftmaxBeta, js: js.SoftmaxBeta, configs: [{ beta: -1 }, { beta: 2.5 }] },
  { name: 'SeededDropout', ts: SeededDropout, js: js.SeededDropout, configs: [{ rate: 0.5, seed: 11 }] },
  {
    name: 'ColumnInput',
    ts: ColumnInput,
    js: js.ColumnInput,
    configs: ['identity', 'transpose', 'flip-left-right', 'flip-up-down', 'rotate-180'].map((transform) => ({ transform })),
  },
] as const;

describe('modelspace-layers.js mirrors the trainer layers', () => {
  before(async () => {
    await initBackend({ prefer: 'wasm' });
  });

  for (const c of CASES) {
    it(`${c.name}: same className, config and outputs (inference and seeded training)`, () => {
      assert.equal(c.js.className, c.ts.className);
      for (const config of c.configs) {
        const a = new (c.ts as any)(config);
        const b = new (c.js as any)(config);
        const shape: [number, number, number, number] = c.name === 'SoftmaxBeta' ? [1, 1, 4, 10] : [2, 6, 6, 3];
        const x = tf.tensor(
          randomValues(
            shape.reduce((p, d) => p * d),
            3,
          ),
          c.name === 'SoftmaxBeta' ? [4, 10] : shape,
        );
        const strip = (cfg: Record<string, unknown>) => ({ ...cfg, name: undefined });
        assert.deepEqual(strip(b.getConfig()), strip(a.getConfig()));
        for (const training of [false, true]) {
          const ya = a.call(x, { training }) as tf.Tensor;
          const yb = b.call(x, { training }) as tf.Tensor;
          assert.deepEqual(yb.shape, ya.shape);
          assert.deepEqual(Array.from(yb.dataSync()), Array.from(ya.dataSync()), `${c.name} ${JSON.stringify(config)} training=${training}`);
          assert.deepEqual(b.computeOutputShape(x.shape), a.computeOutputShape(x.shape));
        }
      }
    });
  }
});
