import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { disposeBatch, makeBatch, range, type Split } from './batches.ts';
import { countErrors, lossSum, softmaxCrossEntropyMean } from './loss.ts';
import type { LossKind } from './models.ts';
import { softmaxHead } from './softmax-head.ts';

export const EVAL_BATCH = 500;

/** How a model is evaluated: its loss and the side of the (unaugmented) images it takes. */
export interface EvalSetup {
  loss: LossKind;
  side: 28 | 32;
}

/** Mean loss and error rate (0..1) of `model` on a split, in batches of 500 to bound memory. */
export function evaluate(model: tfl.LayersModel, split: Split, setup: EvalSetup = { loss: 'categorical', side: 28 }, batchSize = EVAL_BATCH): { loss: number; error: number } {
  let total = 0;
  let wrong = 0;
  for (let from = 0; from < split.count; from += batchSize) {
    const batch = makeBatch(split, range(from, Math.min(split.count, from + batchSize)), { side: setup.side });
    const [loss, predicted] = tf.tidy(() => {
      const forward = () => model.apply(batch.xs, { training: false }) as tf.Tensor;
      // The training objective's own form: from the logits for a softmax model (log-sum-exp, unclipped).
      const head = setup.loss === 'categorical' ? softmaxHead(model) : null;
      if (head) {
        const out = softmaxCrossEntropyMean(head.logits(forward), batch.ys, head.beta);
        return [tf.mul(out.loss, batch.labels.length), out.predicted];
      }
      const probs = forward() as tf.Tensor2D;
      return [lossSum(setup.loss, probs, batch.ys), tf.argMax(probs, 1)];
    });
    total += loss.dataSync()[0]!;
    wrong += countErrors(predicted.dataSync(), batch.labels);
    tf.dispose([loss, predicted]);
    disposeBatch(batch);
  }
  return { loss: total / split.count, error: wrong / split.count };
}
