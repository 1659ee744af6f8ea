import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSettings } from '@modelspace/core';
import { AdamOptimizer, makeAdam, nativeMomentum, SgdMomentumOptimizer, type MomentumSettings } from '@modelspace/native';

/** What the trainer trains with: SGD momentum or Adam / AdamW (each with a fused native update). */
export type TrainerOptimizer = SgdMomentumOptimizer | AdamOptimizer;

/**
 * The optimizer of a trial's settings (core's optimizerSettings(training); a bare
 * {learningRate, momentum, ...} is SGD): SGD with momentum, classical as in the seed unless the
 * settings ask for Nesterov's, with optional L2 weight decay; or Adam / AdamW as PyTorch
 * computes them. On the native backend the update of all variables is one addon call
 * (bit-identical to the tfjs reference; ~30 fewer kernel calls a step, which is what batch 1
 * pays for). Call after the backend is initialised.
 */
export function makeOptimizer(settings: OptimizerSettings | MomentumSettings): TrainerOptimizer {
  if ('type' in settings && settings.type !== 'sgd') {
    const { learningRate, beta1, beta2, epsilon, weightDecay } = settings;
    return makeAdam({ learningRate, beta1, beta2, epsilon, weightDecay, decoupled: settings.type === 'adamw' });
  }
  const sgd: MomentumSettings = { learningRate: settings.learningRate, momentum: settings.momentum, weightDecay: settings.weightDecay, nesterov: settings.nesterov };
  return nativeMomentum(sgd) ?? new SgdMomentumOptimizer(sgd);
}

/**
 * The rate of the steps from now on. The whole native step reads it from the optimizer, so
 * this is the one place it is set.
 */
export function setLearningRate(optimizer: TrainerOptimizer, learningRate: number): void {
  optimizer.setLearningRate(learningRate);
}

/**
 * Frees the optimizer's state. tfjs 4.22's MomentumOptimizer.dispose() frees its momentum scalar
 * and accumulators but not the −learningRate scalar `c` that its parent SGDOptimizer keeps: one
 * tensor leaked per trial. Free it too (only if still alive, in case a later tfjs fixes this).
 */
export function disposeOptimizer(optimizer: TrainerOptimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}

/** Adam's state in a checkpoint: the step count t and both moments, in `variables` order. */
export interface AdamState {
  step: number;
  m: Float32Array[];
  v: Float32Array[];
}

/** The optimizer's state, copied out: SGD's accumulators, or Adam's (then `momentum` is empty). */
export function getOptimizerState(optimizer: TrainerOptimizer): { momentum: Float32Array[]; adam?: AdamState } {
  if (optimizer instanceof AdamOptimizer) {
    const copy = (t: tf.Variable) => (t.dataSync() as Float32Array).slice();
    return { momentum: [], adam: { step: optimizer.step, m: optimizer.moments.map((p) => copy(p!.m)), v: optimizer.moments.map((p) => copy(p!.v)) } };
  }
  return { momentum: getMomentum(optimizer) };
}

/**
 * Puts a checkpoint's optimizer state back, for the same variables in the same order, so the
 * next step is the step the interrupted training would have taken. A checkpoint of another
 * optimizer (SGD accumulators for Adam, or Adam's moments for SGD) is refused.
 */
export function setOptimizerState(optimizer: TrainerOptimizer, variables: tf.Variable[], state: { momentum: Float32Array[]; adam?: AdamState | undefined }): void {
  if (optimizer instanceof AdamOptimizer) {
    if (state.momentum.length) throw new RangeError('checkpoint has SGD momentum accumulators, the trial trains with Adam');
    const adam = state.adam ?? { step: 0, m: [], v: [] };
    if (adam.m.length !== adam.v.length || (adam.m.length && adam.m.length !== variables.length)) {
      throw new RangeError(`checkpoint has ${adam.m.length} first and ${adam.v.length} second moments, the model ${variables.length} variables`);
    }
    tf.dispose(optimizer.moments.flatMap((p) => (p ? [p.m, p.v] : [])));
    optimizer.moments = adam.m.map((m, i) => ({ m: restored(variables[i]!, m, 'm', i), v: restored(variables[i]!, adam.v[i]!, 'v', i) }));
    optimizer.step = adam.step;
    return;
  }
  if (state.adam) throw new RangeError('checkpoint has Adam moments, the trial trains with SGD');
  setMomentum(optimizer, variables, state.momentum);
}

/** A state array as a non-trainable variable of `target`'s shape (as the optimizer creates them). */
function restored(target: tf.Variable, values: Float32Array, what: string, i: number): tf.Variable {
  if (values.length !== target.size) throw new RangeError(`${what} ${i} has ${values.length} values, variable ${target.name} ${target.size}`);
  // The tidy frees the intermediate tensor.
  return tf.tidy(() => tf.tensor(values, target.shape, 'float32').variable(false, `${target.name}/${what}`));
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
