/**
 * What a model needs to know about the images it trains on: their height, width and channels
 * (the input layer's shape) and the number of classes (the output layer's width). Built-in
 * datasets are MNIST's 28x28x1 in ten classes; a user's dataset (docs/datasets.md) has its own.
 */
export interface DataShape {
  height: number;
  width: number;
  channels: number;
  classes: number;
}

/** MNIST and Fashion-MNIST: 28x28 grey images, ten classes. */
export const MNIST_SHAPE: DataShape = Object.freeze({ height: 28, width: 28, channels: 1, classes: 10 });

/** Whether the images are MNIST's 28x28x1 (what augmentation assumes). */
export function isMnistShaped(s: DataShape): boolean {
  return s.height === 28 && s.width === 28 && s.channels === 1;
}

/** Values per image: height·width·channels. */
export const imageSize = (s: DataShape): number => s.height * s.width * s.channels;
