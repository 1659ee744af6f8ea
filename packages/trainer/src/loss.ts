import * as tf from '@tensorflow/tfjs-core';
import { nativeSoftmaxCrossEntropy } from '@modelspace/native';
import type { LossKind } from './models.ts';

/**
 * Where a loss has only probabilities (the logistic model's sigmoids, a model without a softmax
 * head), they are clipped away from 0 and 1 so a confident mistake costs a large, finite loss;
 * clipping also zeroes its gradient, which is why the softmax models' loss is computed from
 * the logits instead (softmaxCrossEntropyMean).
 */
export const EPSILON = 1e-7;

/** Summed categorical cross-entropy of softmax outputs `probs` against one-hot `ys` (clipped at EPSILON). */
export function crossEntropySum(probs: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(probs, EPSILON, 1))))) as tf.Scalar;
}

/**
 * Summed binary cross-entropy of the logistic model's 10 one-vs-rest sigmoid outputs: for
 * each image and each digit k, −[y_k log p_k + (1−y_k) log(1−p_k)] (seed 1.1 per unit).
 */
export function binaryCrossEntropySum(probs: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(probs, EPSILON, 1 - EPSILON);
    const pos = tf.mul(ys, tf.log(p));
    const neg = tf.mul(tf.sub(1, ys), tf.log(tf.sub(1, p)));
    return tf.neg(tf.sum(tf.add(pos, neg))) as tf.Scalar;
  });
}

export function lossSum(kind: LossKind, probs: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar {
  return kind === 'binary' ? binaryCrossEntropySum(probs, ys) : crossEntropySum(probs, ys);
}

/** The same, averaged over the batch: the training objective. */
export function lossMean(kind: LossKind, probs: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar {
  return tf.div(lossSum(kind, probs, ys), probs.shape[0]);
}

/** Categorical cross-entropy averaged over the batch (the softmax and conv-net objective). */
export function crossEntropyMean(probs: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar {
  return lossMean('categorical', probs, ys);
}

/**
 * The categorical training objective from the logits z: the mean over the batch of
 * −Σ y·log softmax(t), t = −β·z (β = −1: the ordinary softmax), computed as
 * log-sum-exp(t) − t_y, and each row's predicted class. Unlike the log of clipped
 * probabilities, it stays exact for a confidently wrong sample (a logit gap of 40: p_y ≈ 4e-18,
 * loss ≈ 40) and its gradient −β(p − y)/rows is never zero there; clipping at 1e-7 gave such a
 * sample a loss of 16.1 and no gradient at all, so the net never learnt from its worst
 * mistakes. On the 'native' backend one fused op, whose forward and gradient are one addon call
 * each (~25 tfjs kernel calls fewer per step); elsewhere tfjs's logSoftmax, whose own gradient
 * is the same p − y.
 */
export function softmaxCrossEntropyMean(logits: tf.Tensor2D, ys: tf.Tensor2D, beta: number): { loss: tf.Scalar; predicted: tf.Tensor1D } {
  const fused = nativeSoftmaxCrossEntropy(logits, ys, beta);
  if (fused) return fused;
  const logProbs = tf.logSoftmax(beta === -1 ? logits : tf.mul(logits, -beta)) as tf.Tensor2D;
  const loss = tf.div(tf.neg(tf.sum(tf.mul(ys, logProbs))), logits.shape[0]) as tf.Scalar;
  return { loss, predicted: tf.argMax(logProbs, 1) };
}

/** How many rows of `predicted` (argmax indices) differ from `labels`. */
export function countErrors(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let wrong = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] !== labels[i]) wrong++;
  return wrong;
}
