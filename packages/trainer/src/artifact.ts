import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { imageSize } from '@modelspace/core';
import { disposeBatch, makeBatch, range, type Split } from './batches.ts';
import { EVAL_BATCH } from './evaluate.ts';
import './models.ts'; // registers modelspace's custom layers, which loadArtifactModel needs
import './tfjs-setup.ts';

/** The one weights file of an artifact, as model.json's weightsManifest names it. */
export const WEIGHTS_FILE = 'weights.bin';

/**
 * model.json of a TensorFlow.js LayersModel: the topology and a manifest naming the weights
 * file, exactly what tf.loadLayersModel reads (from file://, http(s):// or memory).
 */
export interface ModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** A trained model as files: model.json and the bytes of weights.bin. */
export interface ModelArtifact {
  modelJson: ModelJson;
  weightData: ArrayBuffer;
}

/** Saves a LayersModel (its current weights) as model.json + one weights file, in memory. */
export async function exportArtifact(model: tfl.LayersModel): Promise<ModelArtifact> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = saved as tf.io.ModelArtifacts | null;
  if (!a?.modelTopology || !a.weightSpecs || !a.weightData) throw new Error('model.save produced no topology or weights');
  const weightData = Array.isArray(a.weightData) ? tf.io.concatenateArrayBuffers(a.weightData) : a.weightData;
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: a.generatedBy ?? `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
      convertedBy: null,
      modelTopology: a.modelTopology as object,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: a.weightSpecs }],
    },
    weightData,
  };
}

/**
 * Rebuilds a model from an artifact. modelspace's custom layers are registered by importing
 * this package (models.ts imports them), so no extra step is needed here.
 */
export async function loadArtifactModel(artifact: ModelArtifact): Promise<tfl.LayersModel> {
  const specs = artifact.modelJson.weightsManifest.flatMap((group) => group.weights);
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: artifact.modelJson.modelTopology, weightSpecs: specs, weightData: artifact.weightData }));
}

/** The side of the square images a model takes: 28, or 32 for models trained with augmentation. */
export function inputSideOf(model: tfl.LayersModel): number {
  const shape = model.inputs[0]!.shape;
  const side = shape[1];
  if (typeof side !== 'number' || shape[2] !== side || shape[3] !== 1) throw new Error(`unexpected model input shape [${shape.join(', ')}]`);
  return side;
}

export interface Prediction {
  /** The model's outputs, one per class: softmax probabilities, or the logistic model's one-vs-rest sigmoids. */
  probabilities: number[];
  /** The predicted class, 0..classes-1 (the largest output; a digit on MNIST). */
  digit: number;
}

/**
 * Predicts the classes of images, through the very batches evaluation builds (makeBatch), so
 * a prediction sees the pixels training saw: row-major height×width×channels as the model's
 * input layer takes them, uint8 bytes scaled by 1/255, float32 values used as they are. With
 * `padded` (a model trained with augmentation, whose input is 32x32x1) the images are MNIST's
 * 28x28 grey bytes, centred in a 32x32 zero border as its validation and test images were.
 * Batches of 500, as evaluation runs.
 */
export function predictImages(
  model: tfl.LayersModel,
  pixels: Uint8Array | Float32Array,
  count: number,
  { padded = false, batchSize = EVAL_BATCH }: { padded?: boolean; batchSize?: number } = {},
): Prediction[] {
  const input = model.inputs[0]!.shape;
  const classes = model.outputs[0]!.shape[1];
  if (typeof classes !== 'number') throw new Error(`unexpected model output shape [${model.outputs[0]!.shape.join(', ')}]`);
  const [height, width, channels] = padded ? [28, 28, 1] : (input.slice(1) as number[]);
  if (padded && !(input[1] === 32 && input[2] === 32 && input[3] === 1)) throw new Error(`a padded prediction needs a 32x32x1 model, this one takes [${input.join(', ')}]`);
  const shape = { height: height!, width: width!, channels: channels!, classes };
  // The first `count` images (a longer array, such as a whole split, is fine).
  if (pixels.length < count * imageSize(shape)) throw new RangeError(`${pixels.length} values for ${count} images of ${height}x${width}x${channels}`);
  const split: Split = { images: pixels, labels: new Uint8Array(count), start: 0, count, shape };
  const out: Prediction[] = [];
  for (let from = 0; from < count; from += batchSize) {
    const batch = makeBatch(split, range(from, Math.min(count, from + batchSize)), { side: padded ? 32 : 28 });
    const probs = tf.tidy(() => model.apply(batch.xs, { training: false }) as tf.Tensor2D);
    const values = probs.dataSync();
    probs.dispose();
    disposeBatch(batch);
    for (let i = 0; i < batch.labels.length; i++) {
      const row = Array.from(values.subarray(i * classes, (i + 1) * classes));
      // argMax's rule: the first of equal maxima.
      let best = 0;
      for (let k = 1; k < classes; k++) if (row[k]! > row[best]!) best = k;
      out.push({ probabilities: row, digit: best });
    }
  }
  return out;
}

/** MNIST's 28x28 grey bytes (n*784, row-major), centred in 32x32 when the model is an augmented one's. */
export function predictDigits(model: tfl.LayersModel, pixels: Uint8Array, count: number, batchSize = EVAL_BATCH): Prediction[] {
  return predictImages(model, pixels, count, { padded: inputSideOf(model) === 32, batchSize });
}
