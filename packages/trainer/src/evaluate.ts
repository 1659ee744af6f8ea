import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { disposeBatch, makeBatch, range, type Split } from './batches.ts';
import { countErrors, crossEntropySum } from './loss.ts';

export const EVAL_BATCH = 500;

/** Mean loss and error rate (0..1) of `model` on a split, in batches of 500 to bound memory. */
export function evaluate(model: tfl.LayersModel, split: Split, batchSize = EVAL_BATCH): { loss: number; error: number } {
  let lossSum = 0;
  let wrong = 0;
  for (let from = 0; from < split.count; from += batchSize) {
    const batch = makeBatch(split, range(from, Math.min(split.count, from + batchSize)));
    const [loss, predicted] = tf.tidy(() => {
      const probs = model.apply(batch.xs, { training: false }) as tf.Tensor2D;
      return [crossEntropySum(probs, batch.ys), tf.argMax(probs, 1)];
    });
    lossSum += loss.dataSync()[0];
    wrong += countErrors(predicted.dataSync(), batch.labels);
    tf.dispose([loss, predicted]);
    disposeBatch(batch);
  }
  return { loss: lossSum / split.count, error: wrong / split.count };
}
