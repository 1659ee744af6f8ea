import * as tf from '@tensorflow/tfjs-core';
import type { MomentumSettings } from './train-step.ts';

type Gradients = Parameters<tf.MomentumOptimizer['applyGradients']>[0];

/**
 * tfjs's MomentumOptimizer (classical or Nesterov) with L2 weight decay: each gradient g of a
 * variable w becomes g + w·weightDecay before the momentum update, computed with the same two
 * float32 operations the native update does, so both give the same bits. Without decay it is
 * tfjs's optimizer unchanged.
 */
export class SgdMomentumOptimizer extends tf.MomentumOptimizer {
  readonly weightDecay: number;
  readonly nesterov: boolean;

  constructor(settings: MomentumSettings) {
    super(settings.learningRate, settings.momentum, settings.nesterov ?? false);
    this.weightDecay = settings.weightDecay ?? 0;
    this.nesterov = settings.nesterov ?? false;
  }

  override applyGradients(variableGradients: Gradients): void {
    if (this.weightDecay === 0) {
      super.applyGradients(variableGradients);
      return;
    }
    const decayed = tf.tidy(() => {
      const wd = tf.scalar(this.weightDecay);
      const decay = (name: string, g: tf.Tensor) => tf.add(g, tf.mul(tf.engine().registeredVariables[name]!, wd));
      return Array.isArray(variableGradients)
        ? variableGradients.map(({ name, tensor }) => ({ name, tensor: decay(name, tensor) }))
        : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor: decay(name, tensor) }));
    });
    try {
      super.applyGradients(decayed);
    } finally {
      tf.dispose(decayed.map((d) => d.tensor));
    }
  }
}
