import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { loadAddon, type NativeAddon } from './addon.ts';
import { NATIVE, registerNativeBackend } from './backend.ts';
import { nativeCalls } from './kernels/helpers.ts';

/** Registers 'native' or fails loudly: these tests claim the addon, so it must be built. */
export function requireNative(): void {
  const load = loadAddon();
  if (!load.ok) throw new Error(`native kernel tests need the addon: ${load.why}`);
  registerNativeBackend(load.addon);
}

/**
 * The addon with its `fn` counted, so a test of a fused update fails if training silently
 * falls back to the tfjs path. `calls()` is the count so far.
 */
export function countingAddon(fn: 'adamUpdate' | 'momentumUpdate'): { addon: NativeAddon; calls: () => number } {
  const load = loadAddon();
  assert.ok(load.ok);
  const inner = load.addon[fn] as (...args: unknown[]) => unknown;
  let calls = 0;
  const counted = (...args: unknown[]) => {
    calls++;
    return inner(...args);
  };
  return { addon: { ...load.addon, [fn]: counted } as NativeAddon, calls: () => calls };
}

/** Deterministic values in [-1, 1) (a tiny LCG; backend-independent). */
export function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Runs `fn` on the reference cpu backend and on native; returns each output's values. */
export async function onBoth(fn: () => tf.Tensor[]): Promise<{ cpu: Float32Array[]; native: Float32Array[] }> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const outs = tf.tidy(fn);
    const data = await Promise.all(outs.map(async (t) => Float32Array.from(await t.data())));
    tf.dispose(outs);
    return data;
  };
  return { cpu: await run('cpu'), native: await run(NATIVE) };
}

/** Element-wise |a-b| <= tol * max(1, max|expected|), lengths equal; NaN must match NaN. */
export function assertClose(actual: Float32Array, expected: Float32Array, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 1;
  for (const v of expected) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const bothNaN = Number.isNaN(actual[i]!) && Number.isNaN(expected[i]!);
    const d = bothNaN ? 0 : Math.abs(actual[i]! - expected[i]!);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  assert.ok(worst <= tol * scale, `${what}: max |native - cpu| = ${worst} at ${at} (native ${actual[at]}, cpu ${expected[at]}), allowed ${tol * scale}`);
}

/** Runs `fn` and asserts each named kernel ran natively at least once during it. */
export async function expectNative<T>(kernels: string[], fn: () => Promise<T>): Promise<T> {
  const before = new Map(kernels.map((k) => [k, nativeCalls.get(k) ?? 0]));
  const out = await fn();
  for (const k of kernels) assert.ok((nativeCalls.get(k) ?? 0) > before.get(k)!, `${k} did not run natively (fell back to cpu)`);
  return out;
}

/** A small conv net's variables (conv filter and bias, dense kernel and bias) from fixed values: the optimizer tests' net. */
export function makeVariables(): tf.Variable[] {
  // In a tidy: the initial values' temporaries are freed, each variable holds its data alone.
  return tf.tidy(() => [
    tf.variable(tf.tensor4d(values(3 * 3 * 1 * 4, 51), [3, 3, 1, 4]).mul(0.5)),
    tf.variable(tf.tensor1d(values(4, 52)).mul(0.1)),
    tf.variable(tf.tensor2d(values(36 * 4 * 3, 53), [144, 3]).mul(0.2)),
    tf.variable(tf.zeros([3])),
  ]);
}

/** makeVariables' net on 8x8 images: tanh conv 3x3, dense, softmax cross-entropy. */
export function smallNetLoss(vars: tf.Variable[], x: tf.Tensor4D, y: tf.Tensor2D): tf.Scalar {
  const [w, b, k, c] = vars as [tf.Variable<tf.Rank.R4>, tf.Variable<tf.Rank.R1>, tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R1>];
  const h = tf.tanh(tf.add(tf.conv2d(x, w, 1, 'valid'), b));
  const logits = tf.add(tf.matMul(tf.reshape(h, [x.shape[0], -1]), k), c);
  return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
}
