import type { ModelSpec, TrialModel } from '@modelspace/core';
import type { EpochReport } from '@modelspace/trainer';

/**
 * Has the training diverged? A loss that is not finite has; so has one far above what the
 * best constant guess scores. The trainer clips probabilities away from 0 (so a
 * confidently wrong net costs a large but finite loss), which means a blown-up net shows
 * up as a loss stuck near the clip ceiling rather than as NaN: measured on 300 MNIST
 * images, softmax at learning rate 5-10 with momentum 0.9-0.99 averages 7.4-8.7 over its
 * first epoch and never comes back, while every learning rate up to 1 stays under 3.6;
 * logistic at rate 1-10 sits at 11-16 against under 7 for rates up to 0.1.
 */
export const DIVERGENCE_FACTOR = 3;

/**
 * The loss of the best constant guess on balanced 10-class data (predicting each class's
 * frequency): ln 10 for softmax outputs; for the logistic model's ten one-vs-rest units,
 * ten times the binary entropy of 0.1.
 */
export function constantGuessLoss(model: Pick<ModelSpec, 'kind'>): number {
  const binaryEntropy = (p: number) => -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
  return model.kind === 'logistic' ? 10 * binaryEntropy(0.1) : Math.log(10);
}

/** Why the training diverged at this epoch, or null if it did not. */
export function divergence(report: Pick<EpochReport, 'epoch' | 'trainLoss'>, model: Pick<TrialModel, 'kind'>): string | null {
  const loss = report.trainLoss;
  if (!Number.isFinite(loss)) return `training diverged: train loss ${loss} at epoch ${report.epoch}`;
  // A program's loss is on its own scale: only a loss that is not a number says it diverged.
  if (model.kind === 'program') return null;
  const guess = constantGuessLoss({ kind: model.kind });
  if (loss > DIVERGENCE_FACTOR * guess) {
    return `training diverged: train loss ${loss.toPrecision(4)} at epoch ${report.epoch}, over ${DIVERGENCE_FACTOR}x the ${guess.toPrecision(3)} of a constant guess`;
  }
  return null;
}
