import * as tf from '@tensorflow/tfjs-core';
import { loadAddon, type NativeAddon } from './addon.ts';
import { AdamOptimizer, type AdamSettings } from './adam.ts';
import { NativeBackend } from './backend.ts';
import { NATIVE } from './kernels/helpers.ts';

type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];

/**
 * AdamOptimizer (Adam / AdamW as PyTorch computes them) whose update of all variables is one
 * addon call on the 'native' backend (cc/adam.cc) instead of ~12 kernels and a tidy per
 * variable; the same float32 operations in the same order, so the same bits. Variables and
 * moments stay tfjs variables (checkpoints read them); each is made exclusive first
 * (NativeBackend.ownFloat32) and updated in place. Any other case (another backend, a gradient
 * missing or not float32) takes the parent's tfjs path for that step.
 */
export class NativeAdamOptimizer extends AdamOptimizer {
  constructor(
    private readonly addon: NativeAddon,
    settings: AdamSettings,
  ) {
    super(settings);
  }

  override applyGradients(variableGradients: Gradients): void {
    const list = Array.isArray(variableGradients) ? variableGradients : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    const backend = tf.backend();
    if (!(backend instanceof NativeBackend)) {
      super.applyGradients(variableGradients);
      return;
    }
    const grads: Float32Array[] = [];
    const pairs: Array<[tf.Variable, number]> = [];
    for (const [i, { name, tensor }] of list.entries()) {
      const value = tf.engine().registeredVariables[name];
      const g = tensor?.dtype === 'float32' && backend.data.has(tensor.dataId) ? backend.data.get(tensor.dataId).values : undefined;
      if (value?.dtype !== 'float32' || !(g instanceof Float32Array) || g.length !== value.size) {
        super.applyGradients(variableGradients);
        return;
      }
      grads.push(g);
      pairs.push([value, i]);
    }
    const values: Float32Array[] = [];
    const ms: Float32Array[] = [];
    const vs: Float32Array[] = [];
    for (const [value, i] of pairs) {
      const { m, v } = this.momentsOf(i, value);
      values.push(backend.ownFloat32(value));
      ms.push(backend.ownFloat32(m));
      vs.push(backend.ownFloat32(v));
    }
    this.addon.adamUpdate(values, grads, ms, vs, this.nextCoefficients());
    this.incrementIterations();
  }
}

/**
 * The Adam optimizer the trainer should use: the fused one when the 'native' backend is active
 * and its addon loaded, else the tfjs reference.
 */
export function makeAdam(settings: AdamSettings, addon: NativeAddon | undefined = loadedAddon()): AdamOptimizer {
  if (tf.getBackend() !== NATIVE || !addon || typeof addon.adamUpdate !== 'function') return new AdamOptimizer(settings);
  return new NativeAdamOptimizer(addon, settings);
}

function loadedAddon(): NativeAddon | undefined {
  const load = loadAddon();
  return load.ok ? load.addon : undefined;
}
