import type { ModelSpec, TrialModel } from '@modelspace/core';
import type { EpochReport } from '@modelspace/trainer';

/**
 * Has the training diverged? A loss that is not finite has; so has one far above what the
 * best constant guess scores: a blown-up net shows up as a large finite loss rather than as
 * NaN. Measured on 300 MNIST images when the softmax loss still clipped probabilities at
 * 1e-7: softmax at learning rate 5-10 with momentum 0.9-0.99 averaged 7.4-8.7 over its first
 * epoch and never came back, while every learning rate up to 1 stayed under 3.6; logistic at
 * rate 1-10 sat at 11-16 against under 7 for rates up to 0.1. The softmax loss now comes from
 * the logits (no clip), so a blown-up net's loss is, if anything, higher.
 */
export const DIVERGENCE_FACTOR = 3;

/**
 * The loss of the best constant guess on balanced data in `classes` classes (predicting each
 * class's frequency): ln C for softmax outputs; for the logistic model's C one-vs-rest units,
 * C times the binary entropy of 1/C. MNIST's and Fashion-MNIST's 10 unless told (an uploaded
 * dataset has its own count: 3x ln 10 would call an ordinary first epoch on 256 classes diverged).
 */
export function constantGuessLoss(model: Pick<ModelSpec, 'kind'>, classes = 10): number {
  const binaryEntropy = (p: number) => -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
  return model.kind === 'logistic' ? classes * binaryEntropy(1 / classes) : Math.log(classes);
}

/** Why the training diverged at this epoch, or null if it did not. */
export function divergence(report: Pick<EpochReport, 'epoch' | 'trainLoss'>, model: Pick<TrialModel, 'kind'>, classes = 10): string | null {
  const loss = report.trainLoss;
  if (!Number.isFinite(loss)) return `training diverged: train loss ${loss} at epoch ${report.epoch}`;
  // A program's loss is on its own scale: only a loss that is not a number says it diverged.
  if (model.kind === 'program') return null;
  const guess = constantGuessLoss({ kind: model.kind }, classes);
  if (loss > DIVERGENCE_FACTOR * guess) {
    return `training diverged: train loss ${loss.toPrecision(4)} at epoch ${report.epoch}, over ${DIVERGENCE_FACTOR}x the ${guess.toPrecision(3)} of a constant guess`;
  }
  return null;
}
