import * as tf from '@tensorflow/tfjs-core';
import { NATIVE } from './kernels/helpers.ts';
import { SOFTMAX_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY_GRAD } from './kernels/xent.ts';

export interface SoftmaxCrossEntropy {
  /** Mean over the batch of −Σ_k y_k log p_k, p = softmax(−β·logits), from the logits (log-sum-exp). */
  loss: tf.Scalar;
  /** Each row's argmax of p (int32 [rows]); kept outside any tidy: the caller disposes it. */
  predicted: tf.Tensor1D;
}

/**
 * The trainer's categorical objective from the logits in one op whose forward and gradient are
 * one addon call each: softmax(−β·z) (β = −1: the ordinary softmax) cross-entropy against
 * `labels` as log-sum-exp(−β·z) − (−β·z)_y, mean over rows; and the predictions. The gradient
 * (for `logits` only; the labels must stay alive until it has run) is −β(p − y)/rows, never
 * zero for a confident mistake. Null unless the 'native' backend is active and the tensors are
 * float32 [rows, cols] of one shape: the caller composes the loss from tfjs ops then.
 */
export function nativeSoftmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor2D, beta: number): SoftmaxCrossEntropy | null {
  if (tf.getBackend() !== NATIVE || logits.rank !== 2 || logits.dtype !== 'float32' || labels.dtype !== 'float32') return null;
  if (!tf.util.arraysEqual(logits.shape, labels.shape) || logits.size === 0) return null;
  const attrs = { scale: -beta };
  let predicted: tf.Tensor1D | null = null;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const [loss, probs, argmax] = tf.engine().runKernel(SOFTMAX_CROSS_ENTROPY, { logits: z, labels }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    save([probs!]);
    predicted = tf.keep(argmax as tf.Tensor1D);
    return {
      value: loss!,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.engine().runKernel(SOFTMAX_CROSS_ENTROPY_GRAD, { probs: saved[0]!, labels, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor,
    };
  });
  const loss = op(logits) as tf.Scalar;
  return { loss, predicted: predicted! };
}
