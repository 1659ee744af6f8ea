import * as tf from '@tensorflow/tfjs-core';
import type { TrainingSettings } from '@modelspace/core';
import { nativeMomentum, SgdMomentumOptimizer, type MomentumSettings, type NativeTrainingStep } from '@modelspace/native';

/**
 * SGD with momentum, classical as in the seed study unless the settings ask for Nesterov's,
 * with optional L2 weight decay. On the native backend the update of all variables is one
 * addon call (bit-identical to tfjs's; ~30 fewer kernel calls a step, which is what batch 1
 * pays for). Call after the backend is initialised.
 */
export function makeOptimizer(settings: MomentumSettings): tf.MomentumOptimizer {
  return nativeMomentum(settings) ?? new SgdMomentumOptimizer(settings);
}

/** The optimizer's settings from a trial's training settings (training.optimizer, absent: the seed's plain SGD momentum). */
export function sgdSettings(training: TrainingSettings): MomentumSettings {
  const o = training.optimizer;
  return { learningRate: training.learningRate, momentum: training.momentum, weightDecay: o?.weightDecay ?? 0, nesterov: o?.nesterov ?? false };
}

/**
 * The rate of the steps from now on, on the optimizer and on the whole native step (which
 * keeps its own copy, as it updates the weights without the optimizer).
 */
export function setLearningRate(optimizer: tf.MomentumOptimizer, native: NativeTrainingStep | null, learningRate: number): void {
  optimizer.setLearningRate(learningRate);
  native?.setLearningRate(learningRate);
}

/**
 * tfjs 4.22's MomentumOptimizer.dispose() frees its momentum scalar and accumulators but not
 * the −learningRate scalar `c` that its parent SGDOptimizer keeps: one tensor leaked per
 * trial. Free it too (only if still alive, in case a later tfjs fixes this).
 */
export function disposeOptimizer(optimizer: tf.MomentumOptimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}

/** tfjs keeps the accumulators private: one per variable, in the order minimize was given them. */
interface MomentumInternals {
  accumulations: Array<{ originalName: string; variable: tf.Variable } | undefined>;
}

/**
 * The momentum accumulators, copied out, in `variables` order (the order the training loop
 * passes to minimize). Empty before the first step.
 */
export function getMomentum(optimizer: tf.MomentumOptimizer): Float32Array[] {
  const { accumulations } = optimizer as unknown as MomentumInternals;
  return accumulations.map((a) => (a!.variable.dataSync() as Float32Array).slice());
}

/**
 * Puts accumulators saved by getMomentum back, for the same variables in the same order, so
 * the next step is the step the interrupted training would have taken.
 */
export function setMomentum(optimizer: tf.MomentumOptimizer, variables: tf.Variable[], values: Float32Array[]): void {
  if (values.length && values.length !== variables.length) {
    throw new RangeError(`checkpoint has ${values.length} momentum accumulators, the model ${variables.length} variables`);
  }
  const internals = optimizer as unknown as MomentumInternals;
  tf.dispose(internals.accumulations.filter((a) => a !== undefined).map((a) => a.variable));
  internals.accumulations = values.map((v, i) => {
    const target = variables[i]!;
    if (v.length !== target.size) throw new RangeError(`momentum accumulator ${i} has ${v.length} values, variable ${target.name} ${target.size}`);
    // Not trainable, as tfjs creates them; the tidy frees the intermediate tensor.
    return { originalName: `${target.name}/momentum`, variable: tf.tidy(() => tf.tensor(v, target.shape, 'float32').variable(false)) };
  });
}
