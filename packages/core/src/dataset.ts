import { z } from 'zod';

/**
 * The built-in datasets a trial can train on. Both are 28x28 grey images in ten classes, split
 * as the seed splits MNIST: the first 50,000 training images to train, the next 10,000 to
 * validate, the 10,000 test images to test. Fashion-MNIST comes from Debian's
 * `dataset-fashion-mnist` package (scripts/system-packages.sh installs it).
 */
export const DATASETS = ['mnist', 'fashion-mnist'] as const;
export const DatasetName = z.enum(DATASETS).describe("The images a trial trains on: 'mnist' (the default) or 'fashion-mnist' (Zalando's clothing images, same shape and split).");
export type DatasetName = z.output<typeof DatasetName>;

export const DEFAULT_DATASET: DatasetName = 'mnist';
