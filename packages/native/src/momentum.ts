import * as tf from '@tensorflow/tfjs-core';
import { loadAddon, type NativeAddon } from './addon.ts';
import { NativeBackend } from './backend.ts';
import { NATIVE } from './kernels/helpers.ts';
import { SgdMomentumOptimizer } from './sgd.ts';
import type { MomentumSettings } from './train-step.ts';

type Accumulation = { originalName: string; variable: tf.Variable };
type Gradients = Parameters<tf.MomentumOptimizer['applyGradients']>[0];

/**
 * SGD with momentum (SgdMomentumOptimizer: classical or Nesterov, optional weight decay) whose update of all variables is one
 * addon call on the 'native' backend: tfjs runs 4 kernels and a tidy per variable (~40 kernel
 * calls per step for a conv net, a large part of a batch-1 step). Same arithmetic and rounding,
 * so results are bit-identical; accumulators, weights (getWeights/setWeights), config and
 * serialization are the parent's. Variables and accumulators are updated in place, which is only
 * done when nothing else can see their storage (NativeBackend.exclusiveFloat32: one tensor, never
 * read out by dataSync, which hands out the array itself); any other case (another backend, a
 * shared, read or missing tensor: e.g. the first step, whose variables come from initialisers)
 * takes the parent's path for that step, which leaves fresh exclusive storage behind.
 */
export class NativeMomentumOptimizer extends SgdMomentumOptimizer {
  constructor(
    private readonly addon: NativeAddon,
    settings: MomentumSettings,
  ) {
    super(settings);
  }

  override applyGradients(variableGradients: Gradients): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((g) => g.name) : Object.keys(variableGradients);
    const gradientOf = (name: string, i: number): tf.Tensor | undefined => (Array.isArray(variableGradients) ? variableGradients[i]!.tensor : variableGradients[name]);
    const backend = tf.backend();
    // The accumulators stay tfjs's (checkpoints and the parent's path read them there).
    const state = this as unknown as { accumulations: Accumulation[] };
    const values: Float32Array[] = [];
    const grads: Float32Array[] = [];
    const accs: Float32Array[] = [];
    let inPlace = backend instanceof NativeBackend;
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
      const native = backend as NativeBackend;
      const v = value.dtype === 'float32' ? native.exclusiveFloat32(value.dataId) : undefined;
      const a = native.exclusiveFloat32(acc.dataId);
      const g = gradient.dtype === 'float32' && native.data.has(gradient.dataId) ? native.data.get(gradient.dataId).values : undefined;
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
    // The parent's learning rate, which setLearningRate moves.
    this.addon.momentumUpdate(values, grads, accs, Math.fround(this.mu), Math.fround(-this.learningRate), Math.fround(this.weightDecay), this.nesterov);
    this.incrementIterations();
  }
}

/**
 * The optimizer the trainer should use for SGD momentum: the fused one when the 'native' backend
 * is active and its addon loaded, else null (then tf.train.momentum).
 */
export function nativeMomentum(settings: MomentumSettings, addon: NativeAddon | undefined = loadedAddon()): SgdMomentumOptimizer | null {
  if (tf.getBackend() !== NATIVE || !addon || typeof addon.momentumUpdate !== 'function') return null;
  return new NativeMomentumOptimizer(addon, settings);
}

function loadedAddon(): NativeAddon | undefined {
  const load = loadAddon();
  return load.ok ? load.addon : undefined;
}
