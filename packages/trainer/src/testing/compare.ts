import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.ts';
import { mulberry32 } from '../rng.ts';

/** Test support: run the same computation on two backends and compare the numbers. */

export async function bothBackends(): Promise<void> {
  await initBackend({ prefer: 'cpu' });
  await initBackend({ prefer: 'wasm' });
}

/** Runs `fn` with `backend` active and returns its result as plain numbers (nothing leaks). */
export async function valuesOn(backend: 'cpu' | 'wasm', fn: () => tf.Tensor): Promise<{ shape: number[]; values: Float32Array }> {
  await tf.setBackend(backend);
  const t = tf.tidy(fn);
  const out = { shape: t.shape, values: t.dataSync() as Float32Array };
  t.dispose();
  return out;
}

export function randomValues(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
}

/** Element-wise |a−b| ≤ tol·max(1, |b|): relative for large values, absolute near zero. */
export function assertClose(actual: Float32Array, expected: Float32Array, tol: number, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(err <= worst)) {
      worst = err;
      at = i;
    }
  }
  assert.ok(worst <= tol, `${label}: worst relative error ${worst} at ${at} (got ${actual[at]}, want ${expected[at]})`);
}
