import { z } from 'zod';
import { DatasetName } from './dataset.ts';
import { LearningRateSchedule } from './learning-rate.ts';
import { OptimizerSpec } from './optimizer.ts';

/** MNIST as the seed splits it: 50,000 train / 10,000 validation from the training file. */
export const MNIST_TRAIN_SIZE = 50_000;
export const MNIST_VAL_SIZE = 10_000;
export const MNIST_TEST_SIZE = 10_000;

const positiveInt = (max: number) => z.int().min(1).max(max);

/** Each training field, without defaults: a variant may override any of them. */
const fields = {
  maxEpochs: positiveInt(1000).describe('Upper bound on epochs (seed: 30).'),
  patience: positiveInt(1000).describe('Stop after this many epochs without a better validation error (seed: 10).'),
  batchSize: positiveInt(4096).describe('SGD mini-batch size (seed: 1).'),
  learningRate: z.number().gt(0).max(10).describe('Learning rate of every optimizer, at the start of the schedule (seed: 0.001).'),
  momentum: z.number().min(0).lt(1).describe('SGD momentum (seed: 0.9); not used by adam and adamw.'),
  schedule: LearningRateSchedule,
  optimizer: OptimizerSpec,
  dataset: DatasetName,
  trainSubset: positiveInt(MNIST_TRAIN_SIZE).describe('Train on the first N of the 50,000 training images.'),
  valSubset: positiveInt(MNIST_VAL_SIZE).describe('Validate on the first N of the 10,000 validation images.'),
  testSubset: positiveInt(MNIST_TEST_SIZE).describe('Measure test error on the first N of the 10,000 test images.'),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .describe('Seeds weight initialisation and shuffling.'),
};

/** The seed's settings (section 2.2), except batch 64 instead of 1 for speed. */
export const TRAINING_DEFAULTS = {
  maxEpochs: 30,
  patience: 10,
  batchSize: 64,
  learningRate: 0.001,
  momentum: 0.9,
  trainSubset: MNIST_TRAIN_SIZE,
  valSubset: MNIST_VAL_SIZE,
  testSubset: MNIST_TEST_SIZE,
  seed: 1,
} as const;

export const TrainingOverrides = z.strictObject(fields).partial();
export type TrainingOverrides = z.output<typeof TrainingOverrides>;
/**
 * Every field set, except the schedule, optimizer and dataset: absent means constant, plain SGD and MNIST (and
 * keeps older trials' settings, and their variants' hashes, as they were).
 */
export type TrainingSettings = Required<Omit<TrainingOverrides, 'schedule' | 'optimizer' | 'dataset'>> & Pick<TrainingOverrides, 'schedule' | 'optimizer' | 'dataset'>;

/** Sweep-level settings over the defaults, then a variant's overrides over those. */
export function resolveTraining(...layers: (TrainingOverrides | undefined)[]): TrainingSettings {
  const out: TrainingSettings = { ...TRAINING_DEFAULTS };
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer ?? {})) {
      if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
