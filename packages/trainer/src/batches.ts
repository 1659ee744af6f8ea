import * as tf from '@tensorflow/tfjs-core';
import { imageSize, isMnistShaped, MNIST_SHAPE, MNIST_TRAIN_SIZE, MNIST_VAL_SIZE, type DataShape } from '@modelspace/core';
import { augmentImage, padImage, type AugmentDraw } from './augment.ts';
import type { TrainingData } from './training-data.ts';

/** A contiguous run of images of one array: no copy, just where it starts, how many, and their shape. */
export interface Split {
  images: Uint8Array | Float32Array;
  labels: Uint8Array;
  start: number;
  count: number;
  /** Absent: MNIST_SHAPE. */
  shape?: DataShape;
}

/**
 * The seed's split: training = the first 50,000 images of the training file, validation =
 * its last 10,000, test = the test file; each cut to the first N the settings ask for. An
 * uploaded dataset's split is its own, and a subset larger than a split is the whole split
 * (the settings' defaults are MNIST's sizes).
 */
export function splits(data: TrainingData, sizes: { trainSubset: number; valSubset: number; testSubset: number }) {
  const shape = data.shape ?? MNIST_SHAPE;
  const own = data.split;
  const take = (images: Uint8Array | Float32Array, labels: Uint8Array, start: number, available: number, wanted: number, name: string): Split => {
    const have = Math.min(available, labels.length - start);
    const count = own ? Math.min(wanted, have) : wanted;
    if (!(count >= 1 && count <= have)) throw new RangeError(`${name} subset ${wanted} is outside 1..${have}`);
    return { images, labels, start, count, shape };
  };
  const trainSize = own?.train ?? MNIST_TRAIN_SIZE;
  return {
    train: take(data.trainImages, data.trainLabels, 0, trainSize, sizes.trainSubset, 'training'),
    val: take(data.trainImages, data.trainLabels, trainSize, own?.val ?? MNIST_VAL_SIZE, sizes.valSubset, 'validation'),
    test: take(data.testImages, data.testLabels, 0, data.testLabels.length, sizes.testSubset, 'test'),
  };
}

export interface Batch {
  xs: tf.Tensor4D; // [n, height, width, channels] (MNIST: [n, side, side, 1]), uint8 pixels scaled to [0, 1]
  ys: tf.Tensor2D; // [n, classes], one-hot
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
  const shape = split.shape ?? MNIST_SHAPE;
  const padded = 'draws' in view || view.side === 32;
  // Augmentation and its 32x32 view are defined on MNIST's grey bytes only (the API refuses them on other data).
  if (padded && !(isMnistShaped(shape) && split.images instanceof Uint8Array)) {
    throw new RangeError(
      `augmentation needs 28x28x1 uint8 images, these are ${shape.height}x${shape.width}x${shape.channels} ${split.images instanceof Uint8Array ? 'uint8' : 'float32'}`,
    );
  }
  const size = imageSize(shape);
  const [h, w, c] = padded ? [32, 32, 1] : [shape.height, shape.width, shape.channels];
  const area = h * w * c;
  const classes = shape.classes;
  const n = indices.length;
  const pixels = new Float32Array(n * area);
  const oneHot = new Float32Array(n * classes);
  const labels = new Uint8Array(n);
  const scale = split.images instanceof Uint8Array ? 1 / 255 : 1;
  for (let i = 0; i < n; i++) {
    const image = split.start + (indices[i]! % split.count);
    const src = image * size;
    if ('draws' in view) augmentImage(split.images as Uint8Array, src, pixels, i * area, view.draws[i]!);
    else if (padded) padImage(split.images as Uint8Array, src, pixels, i * area);
    else if (scale === 1) pixels.set(split.images.subarray(src, src + size), i * area);
    else for (let p = 0; p < size; p++) pixels[i * area + p] = split.images[src + p]! / 255;
    labels[i] = split.labels[image]!;
    oneHot[i * classes + labels[i]!] = 1;
  }
  return {
    xs: tf.tensor4d(pixels, [n, h, w, c]),
    ys: tf.tensor2d(oneHot, [n, classes]),
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
