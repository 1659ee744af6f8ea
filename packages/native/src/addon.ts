import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCES_FILE, sourceHash } from '../scripts/source-hash.mjs';

/**
 * The compiled addon (cc/*.cc, built by scripts/build.mjs when the project installs). Every
 * function writes into caller-allocated Float32Arrays; geometry travels as one Int32Array.
 */
export interface NativeAddon {
  conv2d(x: Float32Array, filter: Float32Array, bias: Float32Array | null, y: Float32Array, geometry: Int32Array): void;
  conv2dBackpropInput(dy: Float32Array, filter: Float32Array, dx: Float32Array, geometry: Int32Array): void;
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, dw: Float32Array, geometry: Int32Array): void;
  matMul(a: Float32Array, b: Float32Array, bias: Float32Array | null, c: Float32Array, geometry: Int32Array): void;
  maxPool(x: Float32Array, y: Float32Array, geometry: Int32Array): void;
  maxPoolGrad(x: Float32Array, dy: Float32Array, dx: Float32Array, geometry: Int32Array): void;
  avgPool(x: Float32Array, y: Float32Array, geometry: Int32Array): void;
  avgPoolGrad(dy: Float32Array, dx: Float32Array, geometry: Int32Array): void;
  relu(x: Float32Array, y: Float32Array): void;
  /** The cpu FusedBatchNorm kernel's loop: offset + (x − mean)·scale / sqrt(variance + epsilon), in doubles. */
  batchNorm(x: Float32Array, mean: Float32Array, variance: Float32Array, offset: Float32Array, scale: Float32Array, out: Float32Array, epsilon: number): void;
  reluGrad(dy: Float32Array, y: Float32Array, dx: Float32Array): void;
  sumRows(x: Float32Array, out: Float32Array): void;
  /** op 0 add, 1 sub, 2 mul; with a one-element b also 4: out = b - a, 5: out = b / a. */
  binary(op: 0 | 1 | 2 | 4 | 5, a: Float32Array, b: Float32Array, out: Float32Array): void;
  step(x: Float32Array, y: Float32Array, alpha: number): void;
  binaryRows(op: 0 | 1 | 2 | 3, a: Float32Array, b: Float32Array, out: Float32Array): void;
  divide(a: Float32Array, b: Float32Array, out: Float32Array): void;
  sumLast(x: Float32Array, out: Float32Array): void;
  softmax(x: Float32Array, y: Float32Array, cols: number): void;
  /** y = op(x): 0 tanh, 1 sigmoid, 2 square, 3 sqrt (oneDNN eltwise), 4 floor. */
  unary(op: 0 | 1 | 2 | 3 | 4, x: Float32Array, y: Float32Array): void;
  /**
   * In place, per i: accs[i] = m*accs[i] + g; values[i] = c*accs[i] + values[i] (c = -lr), where
   * g = grads[i] + weightDecay*values[i]; with nesterov, values[i] += c*(g + m*accs[i]) instead.
   */
  momentumUpdate(values: Float32Array[], grads: Float32Array[], accs: Float32Array[], m: number, c: number, weightDecay?: number, nesterov?: boolean): void;
  /**
   * p = softmax(scale·z) per row of `cols`, each row's argmax of p into `predicted` (or null);
   * returns the mean over rows of −Σ y·log p, from the logits (log-sum-exp, no clipping).
   */
  softmaxCrossEntropy(z: Float32Array, y: Float32Array, p: Float32Array, predicted: Int32Array | null, cols: number, scale: number): number;
  /** dz = g · ∂(that mean)/∂z = g·scale·(p·Σy − y)/rows, from the probabilities p it computed. */
  softmaxCrossEntropyGrad(p: Float32Array, y: Float32Array, dz: Float32Array, cols: number, scale: number, g: number): void;
  /** dz = dy where y > 0 else 0, and dbias = dz summed over rows (cols = dbias.length), one pass. */
  biasReluGrad(dy: Float32Array, y: Float32Array, dz: Float32Array, dbias: Float32Array): void;
  /**
   * One whole training step of a sequential net (src/train-step.ts builds `program`): forward,
   * softmax cross-entropy, backward, and the optimizer's update in place on `params` (kernel then
   * bias per weighted layer) and `states` (per parameter, in that order: SGD's accumulators, or
   * Adam's first moments then its second); `rule` is [0, m, −lr, weightDecay, nesterov 0/1] or
   * [1, the 9 Adam coefficients]; each row's predicted class into `predicted`; returns the
   * batch's mean loss.
   */
  trainStep(
    program: Int32Array,
    x: Float32Array,
    labels: Float32Array,
    params: Float32Array[],
    states: Float32Array[],
    uniforms: Float32Array[],
    keep: Float32Array,
    predicted: Int32Array,
    scale: number,
    rule: Float32Array,
  ): number;
  /**
   * Adam / AdamW in place (cc/adam.cc), per variable i: values[i], its gradient grads[i] and its
   * moments ms[i], vs[i]; `coefficients` are src/adam.ts adamCoefficients.
   */
  adamUpdate(values: Float32Array[], grads: Float32Array[], ms: Float32Array[], vs: Float32Array[], coefficients: Float32Array): void;
  onednnVersion: string;
}

export type AddonLoad = { ok: true; addon: NativeAddon; path: string } | { ok: false; why: string };

export const ADDON_PATH = fileURLToPath(new URL('../build/Release/modelspace_native.node', import.meta.url));

let loaded: AddonLoad | undefined;

/**
 * Loads the addon once per thread; never throws: `why` says what is missing in one sentence.
 * MODELSPACE_NATIVE_ADDON names another .node file (tests point it at a missing one to check
 * the fallback to wasm).
 */
export function loadAddon(): AddonLoad {
  if (loaded) return loaded;
  const path = process.env.MODELSPACE_NATIVE_ADDON || ADDON_PATH;
  if (!existsSync(path)) {
    loaded = {
      ok: false,
      why: `the native addon is not built (no ${path}; apt-get install -y libdnnl-dev, then npm run build -w @modelspace/native)`,
    };
    return loaded;
  }
  const stale = staleness(path);
  if (stale) {
    loaded = { ok: false, why: stale };
    return loaded;
  }
  try {
    const addon = createRequire(import.meta.url)(path) as NativeAddon;
    loaded = { ok: true, addon, path };
  } catch (err) {
    loaded = { ok: false, why: `the native addon failed to load (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  return loaded;
}

const CC_DIR = fileURLToPath(new URL('../cc', import.meta.url));

/**
 * Why the addon at `path` must not be used: it was built from other C++ sources than cc/ holds
 * now, or nothing records what it was built from (the build writes the hash of the sources
 * beside it, scripts/build.mjs; an addon from before that record is as unknown as a stale one:
 * one such left a whole step hanging). Null when it matches, or when cc/ is not there to compare
 * with (an installed copy without the sources).
 */
function staleness(path: string): string | null {
  const now = sourceHash(CC_DIR);
  if (now === null) return null;
  const record = join(dirname(path), SOURCES_FILE);
  const rebuild = '(npm run build -w @modelspace/native)';
  if (!existsSync(record)) return `the native addon at ${path} does not record which sources it was built from ${rebuild}`;
  if (readFileSync(record, 'utf8').trim() !== now) return `the native addon is stale: packages/native/cc changed since ${path} was built ${rebuild}`;
  return null;
}
