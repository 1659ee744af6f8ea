import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * A copy of a model's weights, to return to the best-validation epoch at the end. tf.clone
 * only adds a reference to the same data, and the optimiser replaces (never mutates) a
 * variable's data on each step, so a snapshot costs no copy and stays unchanged.
 */
export function snapshotWeights(model: tfl.LayersModel): tf.Tensor[] {
  return model.getWeights().map((w) => tf.clone(w));
}

export function restoreWeights(model: tfl.LayersModel, saved: tf.Tensor[]): void {
  model.setWeights(saved);
}
