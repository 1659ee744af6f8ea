import * as tf from '@tensorflow/tfjs-core';

/** Probabilities are clipped away from 0 so a confident mistake costs a large, finite loss. */
const EPSILON = 1e-7;

/** Summed categorical cross-entropy of softmax outputs `probs` against one-hot `ys`. */
export function crossEntropySum(probs: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(probs, EPSILON, 1))))) as tf.Scalar;
}

/** The same, averaged over the batch: the training objective. */
export function crossEntropyMean(probs: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar {
  return tf.div(crossEntropySum(probs, ys), probs.shape[0]);
}

/** How many rows of `predicted` (argmax indices) differ from `labels`. */
export function countErrors(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let wrong = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] !== labels[i]) wrong++;
  return wrong;
}
