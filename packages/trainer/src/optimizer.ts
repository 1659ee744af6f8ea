import * as tf from '@tensorflow/tfjs-core';

/** SGD with (classical, non-Nesterov) momentum, as in the seed study. */
export function makeOptimizer(learningRate: number, momentum: number): tf.MomentumOptimizer {
  return tf.train.momentum(learningRate, momentum);
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
