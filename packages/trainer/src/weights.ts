import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * A copy of a model's weights, to return to the best-validation epoch at the end. tf.clone
 * only adds a reference to the same data, and a training step never mutates data that another
 * tensor shares (tfjs's optimiser replaces it; the native in-place updates first give a shared
 * variable storage of its own), so a snapshot costs no copy and stays unchanged.
 */
export function snapshotWeights(model: tfl.LayersModel): tf.Tensor[] {
  return model.getWeights().map((w) => tf.clone(w));
}

export function restoreWeights(model: tfl.LayersModel, saved: tf.Tensor[]): void {
  model.setWeights(saved);
}

/** Tensors' values as plain arrays (copies), for a checkpoint. */
export function weightsToArrays(tensors: tf.Tensor[]): Float32Array[] {
  return tensors.map((t) => (t.dataSync() as Float32Array).slice());
}

/** Arrays saved by weightsToArrays as tensors shaped like the model's weights. */
export function weightsFromArrays(model: tfl.LayersModel, arrays: Float32Array[]): tf.Tensor[] {
  const shapes = model.weights.map((w) => w.shape);
  if (arrays.length !== shapes.length) throw new RangeError(`checkpoint has ${arrays.length} weight arrays, the model ${shapes.length}`);
  return arrays.map((a, i) => tf.tensor(a, shapes[i] as number[], 'float32'));
}
