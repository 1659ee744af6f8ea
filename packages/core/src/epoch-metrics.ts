/**
 * One epoch of one trial, as the trainer reports it, the database stores it, live events
 * carry it and the API returns it.
 */
export interface EpochMetrics {
  /** 1-based. */
  epoch: number;
  /** Averaged over the epoch's training samples. */
  trainLoss: number;
  /** Fraction misclassified, 0..1; null when a program does not report it. */
  trainError: number | null;
  valLoss: number;
  valError: number;
  /** The whole epoch: training and validation. */
  durationMs: number;
  /** Training samples per second of the epoch's training part. */
  samplesPerSec: number;
}
