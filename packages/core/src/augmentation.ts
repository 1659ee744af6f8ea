import { z } from 'zod';

/**
 * Data augmentation as the seed study used it (after the DropConnect paper, Wan et al. 2013):
 * each 28x28 image is zero-padded to 32x32, a random contiguous 28x28 square is cut from it, the
 * square is rotated by a random angle in [−maxRotation, maxRotation] degrees about its centre,
 * and the result is zero-padded back to 32x32. A model trained with augmentation therefore
 * sees 32x32 inputs; its validation and test images are the originals centred in 32x32.
 */
export const AUGMENT_PADDED_SIZE = 32;
export const AUGMENT_CROP_SIZE = 28;

export const Augmentation = z
  .strictObject({
    expansion: z.int().min(1).max(16).default(4).describe('Augmented samples an epoch draws per original training image (seed: 4, "4 times").'),
    maxRotation: z.number().min(0).max(180).default(20).describe('Largest rotation in degrees, either way (seed: 20).'),
  })
  .describe('Pad to 32x32, random 28x28 crop, random rotation, pad back to 32x32; deterministic for a training seed.');
export type Augmentation = z.output<typeof Augmentation>;

/** Side of the square images a model sees: 32 with augmentation, else MNIST's 28. */
export function inputSizeOf(augmentation: Augmentation | undefined): number {
  return augmentation ? AUGMENT_PADDED_SIZE : AUGMENT_CROP_SIZE;
}
