import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, bothBackends, randomValues, valuesOn } from '../testing/compare.ts';

const CASES: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [
  { a: [5, 7], b: [7, 3], ta: false, tb: false },
  { a: [7, 5], b: [7, 3], ta: true, tb: false }, // a dense layer's dW = xᵀ·dy
  { a: [5, 7], b: [3, 7], ta: false, tb: true }, // its dx = dy·Wᵀ
  { a: [2, 7, 5], b: [2, 3, 7], ta: true, tb: true },
  { a: [64, 1024], b: [64, 128], ta: true, tb: false }, // the seed net's dense layer at batch 64
];

describe('wasm BatchMatMul with transpose flags (explicit transpose, then the fast path)', () => {
  before(bothBackends);

  for (const [i, c] of CASES.entries()) {
    it(`matches the cpu backend: ${c.a.join('x')}${c.ta ? 'ᵀ' : ''} · ${c.b.join('x')}${c.tb ? 'ᵀ' : ''}`, async () => {
      const av = randomValues(
        c.a.reduce((x, y) => x * y),
        700 + i,
      );
      const bv = randomValues(
        c.b.reduce((x, y) => x * y),
        800 + i,
      );
      const run = () => tf.matMul(tf.tensor(av, c.a), tf.tensor(bv, c.b), c.ta, c.tb);
      const want = await valuesOn('cpu', run);
      const start = tf.memory().numTensors;
      const got = await valuesOn('wasm', run);
      assert.deepEqual(got.shape, want.shape);
      assertClose(got.values, want.values, 1e-4, 'product');
      assert.equal(tf.memory().numTensors, start);
    });
  }
});
