import { decodeDataset, imageSize, MNIST_SHAPE, type DataShape } from '@modelspace/core';
import type { MnistData } from './mnist/load.ts';

/**
 * The images a trial trains on: MNIST's (MnistData, the seed's split and shape) or an uploaded
 * dataset's. `trainImages` holds the training then the validation images (`split` says how
 * many of each; absent: MNIST's 50,000 and 10,000), `testImages` the test images; all row-major
 * height×width×channels, uint8 (0..255, scaled to [0, 1]) or float32 (used as they are). Any
 * of them may be views of a SharedArrayBuffer.
 */
export interface TrainingData {
  trainImages: Uint8Array | Float32Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array | Float32Array;
  testLabels: Uint8Array;
  /** Absent: MNIST_SHAPE. */
  shape?: DataShape;
  /** Absent: MNIST's split of its training file. */
  split?: { train: number; val: number };
}

/** MnistData is TrainingData with every default. */
export const mnistTrainingData = (data: MnistData): TrainingData => data;

export const dataShapeOf = (data: TrainingData): DataShape => data.shape ?? MNIST_SHAPE;

/**
 * An uploaded dataset as stored (core's dataset blob) as TrainingData: views into `blob`, no
 * copy, so a blob in a SharedArrayBuffer gives data every training thread reads in place.
 */
export function trainingDataFromBlob(blob: Uint8Array): TrainingData {
  const d = decodeDataset(blob);
  const fit = d.counts.train + d.counts.val;
  const size = imageSize(d.shape);
  return {
    trainImages: d.images.subarray(0, fit * size),
    trainLabels: d.labels.subarray(0, fit),
    testImages: d.images.subarray(fit * size),
    testLabels: d.labels.subarray(fit),
    shape: d.shape,
    split: { train: d.counts.train, val: d.counts.val },
  };
}
