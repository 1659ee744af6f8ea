import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Batch } from './batches.ts';
import { lossMean, softmaxCrossEntropyMean } from './loss.ts';
import type { LossKind } from './models.ts';
import { softmaxHead } from './softmax-head.ts';
import { withFusedLayers } from './fused-layers.ts';

/**
 * The training step's forward pass: the batch's mean loss and each image's predicted class.
 * A softmax output with categorical loss emits its logits for this call and the loss is taken
 * from them (softmaxCrossEntropyMean: log-sum-exp, a fused op on native); the logistic model's
 * binary loss keeps the clipped probabilities. On the native backend conv and dense layers run
 * as fused ops with their own gradients.
 */
export function trainingLoss(model: tfl.LayersModel, batch: Batch, kind: LossKind): { loss: tf.Scalar; predicted: tf.Tensor } {
  const apply = () => model.apply(batch.xs, { training: true }) as tf.Tensor;
  const forward = tf.getBackend() === 'native' ? () => withFusedLayers(model, apply) : apply;
  const head = kind === 'categorical' ? softmaxHead(model) : null;
  if (head) return softmaxCrossEntropyMean(head.logits(forward), batch.ys, head.beta);
  const probs = forward() as tf.Tensor2D;
  return { loss: lossMean(kind, probs, batch.ys), predicted: tf.argMax(probs, 1) };
}
