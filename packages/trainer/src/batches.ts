import * as tf from '@tensorflow/tfjs-core';
import { MNIST_TRAIN_SIZE, MNIST_VAL_SIZE } from '@modelspace/core';
import { augmentImage, padImage, type AugmentDraw } from './augment.ts';
import { IMAGE_SIZE, type MnistData } from './mnist/load.ts';
import { NUM_CLASSES } from './models.ts';

/** A contiguous run of images of one MNIST file: no copy, just where it starts and how many. */
export interface Split {
  images: Uint8Array;
  labels: Uint8Array;
  start: number;
  count: number;
}

/**
 * The seed's split: training = the first 50,000 images of the training file, validation =
 * its last 10,000, test = the test file; each cut to the first N the settings ask for.
 */
export function splits(data: MnistData, sizes: { trainSubset: number; valSubset: number; testSubset: number }) {
  const take = (images: Uint8Array, labels: Uint8Array, start: number, available: number, wanted: number, name: string): Split => {
    const have = Math.min(available, labels.length - start);
    if (!(wanted >= 1 && wanted <= have)) throw new RangeError(`${name} subset ${wanted} is outside 1..${have}`);
    return { images, labels, start, count: wanted };
  };
  return {
    train: take(data.trainImages, data.trainLabels, 0, MNIST_TRAIN_SIZE, sizes.trainSubset, 'training'),
    val: take(data.trainImages, data.trainLabels, MNIST_TRAIN_SIZE, MNIST_VAL_SIZE, sizes.valSubset, 'validation'),
    test: take(data.testImages, data.testLabels, 0, data.testLabels.length, sizes.testSubset, 'test'),
  };
}

export interface Batch {
  xs: tf.Tensor4D; // [n, side, side, 1], pixels in [0, 1]
  ys: tf.Tensor2D; // [n, 10], one-hot
  labels: Uint8Array; // [n], the digits, for counting errors without a device round trip
}

/**
 * How images enter a batch: as they are (28x28), centred in 32x32 (an augmented model's
 * validation and test view), or augmented with one draw per image.
 */
export type ImageView = { side: 28 | 32 } | { side: 32; draws: AugmentDraw[] };

/**
 * Builds one batch from the bytes, converting only these images to float32: a trial never
 * holds the 60000x784 float copy (188 MB) that converting the whole file would cost.
 * `indices` are positions within the split (taken modulo its size, so an augmented epoch
 * can visit each original several times).
 */
export function makeBatch(split: Split, indices: ArrayLike<number>, view: ImageView = { side: 28 }): Batch {
  const n = indices.length;
  const area = view.side * view.side;
  const pixels = new Float32Array(n * area);
  const oneHot = new Float32Array(n * NUM_CLASSES);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const image = split.start + (indices[i]! % split.count);
    const src = image * IMAGE_SIZE;
    if ('draws' in view) augmentImage(split.images, src, pixels, i * area, view.draws[i]!);
    else if (view.side === 32) padImage(split.images, src, pixels, i * area);
    else for (let p = 0; p < IMAGE_SIZE; p++) pixels[i * area + p] = split.images[src + p]! / 255;
    labels[i] = split.labels[image]!;
    oneHot[i * NUM_CLASSES + labels[i]!] = 1;
  }
  return {
    xs: tf.tensor4d(pixels, [n, view.side, view.side, 1]),
    ys: tf.tensor2d(oneHot, [n, NUM_CLASSES]),
    labels,
  };
}

export function disposeBatch(b: Batch): void {
  b.xs.dispose();
  b.ys.dispose();
}

/** Consecutive positions [from, to) of a split, for evaluation in order. */
export function range(from: number, to: number): Int32Array {
  const out = new Int32Array(to - from);
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}
