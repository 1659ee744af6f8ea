/**
 * The measurement behind "where tensors live" (README): per-op overhead and an element-wise
 * pass over conv 1's batch-64 activations on the native, cpu and wasm backends, and what a
 * fresh output allocation costs against the native relu that fills it.
 *   npx tsx packages/trainer/scripts/placement.ts
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@modelspace/trainer';
import { loadAddon } from '@modelspace/native';

const time = (f: () => void, n: number): number => {
  for (let i = 0; i < Math.min(20, n); i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return ((performance.now() - t) / n) * 1000;
};
const rows: Record<string, Record<string, number>> = {};
for (const b of ['native', 'cpu', 'wasm'] as const) {
  await initBackend({ prefer: b });
  const small = tf.ones([10]);
  const big = tf.ones([64, 24, 24, 64]);
  const bias = tf.ones([64]);
  rows[b] = {
    'small add (us)': time(() => tf.add(small, small).dispose(), 3000),
    'bias add 64x24x24x64 (us)': time(() => tf.add(big, bias).dispose(), 30),
    'relu 64x24x24x64 (us)': time(() => tf.relu(big).dispose(), 30),
  };
  tf.dispose([small, big, bias]);
}
console.table(rows);
const load = loadAddon();
if (load.ok) {
  const n = 64 * 24 * 24 * 64;
  const x = new Float32Array(n).fill(1);
  const y = new Float32Array(n);
  console.log(
    `addon relu into a reused array: ${time(() => load.addon.relu(x, y), 50).toFixed(0)} us; into a fresh Float32Array: ${time(() => load.addon.relu(x, new Float32Array(n)), 20).toFixed(0)} us`,
  );
}
