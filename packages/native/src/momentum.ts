import * as tf from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { loadAddon, type NativeAddon } from './addon.ts';
import { NATIVE } from './kernels/helpers.ts';

type Accumulation = { originalName: string; variable: tf.Variable };
type Gradients = Parameters<tf.MomentumOptimizer['applyGradients']>[0];

/**
 * tfjs's MomentumOptimizer (classical momentum, no Nesterov) whose update of all variables is one
 * addon call on the 'native' backend: tfjs runs 4 kernels and a tidy per variable (~40 kernel
 * calls per step for a conv net, a large part of a batch-1 step). Same arithmetic and rounding,
 * so results are bit-identical; accumulators, weights (getWeights/setWeights), config and
 * serialization are the parent's. Variables and accumulators are updated in place, which is only
 * done when nothing else shares their storage (backend refCount 1); any other case (another
 * backend, dtype, a shared or missing tensor) takes the parent's path for that step.
 */
export class NativeMomentumOptimizer extends tf.MomentumOptimizer {
  constructor(
    private readonly addon: NativeAddon,
    learningRate: number,
    momentum: number,
  ) {
    super(learningRate, momentum, false);
  }

  override applyGradients(variableGradients: Gradients): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((g) => g.name) : Object.keys(variableGradients);
    const gradientOf = (name: string, i: number): tf.Tensor | undefined =>
      Array.isArray(variableGradients) ? variableGradients[i]!.tensor : variableGradients[name];
    const backend = tf.backend() as MathBackendCPU;
    const state = this as unknown as { accumulations: Accumulation[]; learningRate: number; momentum: number };
    const values: Float32Array[] = [];
    const grads: Float32Array[] = [];
    const accs: Float32Array[] = [];
    let inPlace = tf.getBackend() === NATIVE;
    for (let i = 0; inPlace && i < names.length; i++) {
      const value = tf.engine().registeredVariables[names[i]!];
      const gradient = gradientOf(names[i]!, i);
      if (!value || !gradient) {
        inPlace = false;
        break;
      }
      // Created as the parent does (zeros, non-trainable, same name), so checkpoints match.
      state.accumulations[i] ??= { originalName: `${names[i]}/momentum`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      const acc = state.accumulations[i]!.variable;
      const v = this.exclusive(backend, value);
      const a = this.exclusive(backend, acc);
      const g = gradient.dtype === 'float32' && backend.data.has(gradient.dataId) ? (backend.data.get(gradient.dataId).values as Float32Array | undefined) : undefined;
      if (!v || !a || !(g instanceof Float32Array) || g.length !== v.length || a.length !== v.length) {
        inPlace = false;
        break;
      }
      values.push(v);
      grads.push(g);
      accs.push(a);
    }
    if (!inPlace) {
      super.applyGradients(variableGradients);
      return;
    }
    this.addon.momentumUpdate(values, grads, accs, Math.fround(state.momentum), Math.fround(-state.learningRate));
    this.incrementIterations();
  }

  /** The float32 values of `t`, if `t` alone holds them (safe to overwrite in place). */
  private exclusive(backend: MathBackendCPU, t: tf.Tensor): Float32Array | undefined {
    if (t.dtype !== 'float32' || !backend.data.has(t.dataId) || backend.refCount(t.dataId) !== 1) return undefined;
    const values = backend.data.get(t.dataId).values;
    return values instanceof Float32Array ? values : undefined;
  }
}

/**
 * The optimizer the trainer should use for SGD momentum: the fused one when the 'native' backend
 * is active and its addon loaded, else null (then tf.train.momentum).
 */
export function nativeMomentum(learningRate: number, momentum: number, addon: NativeAddon | undefined = loadedAddon()): tf.MomentumOptimizer | null {
  if (tf.getBackend() !== NATIVE || !addon || typeof addon.momentumUpdate !== 'function') return null;
  return new NativeMomentumOptimizer(addon, learningRate, momentum);
}

function loadedAddon(): NativeAddon | undefined {
  const load = loadAddon();
  return load.ok ? load.addon : undefined;
}
