import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { NUM_CLASSES } from './models.ts';
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
  /** The model's 10 outputs: softmax probabilities, or the logistic model's one-vs-rest sigmoids. */
  probabilities: number[];
  digit: number;
}

/**
 * Predicts the digits of 28x28 grey images given as bytes 0..255 (n*784, row-major), with
 * the trainer's own preprocessing: pixel/255, and centred in 32x32 (zero border) when the
 * model was trained on augmented 32x32 images. Batches of 500, as evaluation runs.
 */
export function predictDigits(model: tfl.LayersModel, pixels: Uint8Array, count: number, batchSize = 500): Prediction[] {
  const side = inputSideOf(model);
  const border = (side - 28) / 2;
  const out: Prediction[] = [];
  for (let from = 0; from < count; from += batchSize) {
    const n = Math.min(batchSize, count - from);
    const xs = new Float32Array(n * side * side);
    for (let i = 0; i < n; i++) {
      const src = (from + i) * 784;
      for (let y = 0; y < 28; y++) {
        for (let x = 0; x < 28; x++) xs[i * side * side + (y + border) * side + x + border] = pixels[src + y * 28 + x]! / 255;
      }
    }
    const probs = tf.tidy(() => model.apply(tf.tensor4d(xs, [n, side, side, 1]), { training: false }) as tf.Tensor2D);
    const values = probs.dataSync();
    probs.dispose();
    for (let i = 0; i < n; i++) {
      const row = Array.from(values.subarray(i * NUM_CLASSES, (i + 1) * NUM_CLASSES));
      // argMax's rule: the first of equal maxima.
      let digit = 0;
      for (let k = 1; k < NUM_CLASSES; k++) if (row[k]! > row[digit]!) digit = k;
      out.push({ probabilities: row, digit });
    }
  }
  return out;
}
