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
  /** As AdamOptimizer's: instanceof by the prototype chain, not tf.Optimizer's duck typing. */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass too)
    return Function.prototype[Symbol.hasInstance].call(this, instance);
  }

  /** The momentum, kept here as given (tfjs keeps its copy private). */
  readonly mu: number;

  constructor(settings: MomentumSettings) {
    super(settings.learningRate, settings.momentum, settings.nesterov ?? false);
    this.weightDecay = settings.weightDecay ?? 0;
    this.nesterov = settings.nesterov ?? false;
    this.mu = settings.momentum;
  }

  /** The rate setLearningRate last set (the schedule's). */
  get currentLearningRate(): number {
    return this.learningRate;
  }

  /** The whole native step's update rule for this step: [0, m, −lr, weightDecay, nesterov], float32. */
  nativeRule(): Float32Array {
    return Float32Array.of(0, this.mu, -this.learningRate, this.weightDecay, this.nesterov ? 1 : 0);
  }

  /** Variable i's accumulator (created as tfjs does: zeros, non-trainable, same name), the step's one state array. */
  stateVariables(i: number, variable: tf.Variable): tf.Variable[] {
    const state = this as unknown as { accumulations: Array<{ originalName: string; variable: tf.Variable } | undefined> };
    state.accumulations[i] ??= { originalName: `${variable.name}/momentum`, variable: tf.tidy(() => tf.zerosLike(variable).variable(false)) };
    return [state.accumulations[i]!.variable];
  }

  /** Counts a step the whole native step took for this optimizer. */
  stepTaken(): void {
    this.incrementIterations();
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
