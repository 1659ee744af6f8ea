import { ConflictError, isBuiltInDataset } from '@modelspace/core';
import { MNIST_INPUT, shapeText, type ImageInput } from './images.ts';
import type { ArtifactMetadata } from './metadata.ts';

/** What a stored model takes in a prediction: its images, and whether they are centred in 32x32 first (an augmented MNIST model). */
export interface PredictInput extends ImageInput {
  padded: boolean;
}

/**
 * The images a stored model answers, from its input layer's shape (height, width, channels:
 * what it was built for, so the truth for any artifact) and its metadata.json. The type of the
 * values (uint8, scaled by 1/255, or float32, used as they are: the training's own transform)
 * is in the metadata since it records `input.dtype`; for an older artifact it is that of the
 * dataset its trial names in `training.dataset`: uint8 for the built-in ones (MNIST and
 * Fashion-MNIST), else the uploaded dataset's, which `uploadedDtype` looks up (null: it is
 * gone, so the model cannot be fed as it was trained → 409).
 */
export async function predictInputOf(
  trialId: string,
  modelShape: readonly (number | null)[],
  metadata: Partial<Pick<ArtifactMetadata, 'variant' | 'training' | 'input'>>,
  uploadedDtype: (dataset: string) => Promise<string | null>,
): Promise<PredictInput> {
  const [height, width, channels] = modelShape;
  if (![height, width, channels].every((d) => typeof d === 'number' && d >= 1)) {
    throw new ConflictError(`trial ${trialId}'s model has the input shape [${modelShape.join(', ')}], not height x width x channels: modelspace cannot run it`);
  }
  const shape = { height: height!, width: width!, channels: channels! };
  // Augmentation is defined on MNIST's 28x28 grey bytes only: the model sees them centred in 32x32.
  if ((metadata.variant as { augmentation?: unknown } | undefined)?.augmentation) {
    if (!(shape.height === 32 && shape.width === 32 && shape.channels === 1)) {
      throw new ConflictError(`trial ${trialId}'s model was trained with augmentation but takes ${shapeText(shape)} images, not 32x32: modelspace cannot run it`);
    }
    return { ...MNIST_INPUT, padded: true };
  }
  let dtype: string | null | undefined = metadata.input?.dtype;
  if (!dtype) {
    const name = metadata.training?.dataset;
    if (!name || isBuiltInDataset(name)) dtype = 'uint8';
    else {
      dtype = await uploadedDtype(name);
      if (!dtype) throw new ConflictError(`trial ${trialId}'s model trained on dataset "${name}", which is no longer recorded: the scale of its pixels is unknown`);
    }
  }
  if (dtype !== 'uint8' && dtype !== 'float32') throw new ConflictError(`trial ${trialId}'s model trained on ${dtype} images: modelspace predicts on uint8 and float32 ones`);
  return { ...shape, dtype, padded: false };
}
