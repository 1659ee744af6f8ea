import { isBuiltInDataset, MNIST_TRAIN_SIZE, type ModelSpec, type TrainingSettings } from '@modelspace/core';
import type { Dataset, Trial } from '@modelspace/db';

/** The images a model trained on, as metadata.json records them. */
export interface ArtifactDataset {
  /** 'mnist', 'fashion-mnist', or the name of the uploaded dataset (unique in its project). */
  name: string;
  uploaded: boolean;
  /** The uploaded blob's sha256 (null for a built-in dataset). */
  sha256: string | null;
  /** Height, width, channels of its images. */
  shape: [number, number, number];
  dtype: 'uint8' | 'float32';
  classes: number;
  classNames: string[] | null;
}

/** An uploaded dataset as the worker hands it to saveArtifact: the fields of its Dataset row that metadata.json records. */
export type UploadedDatasetInfo = Pick<Dataset, 'name' | 'sha256' | 'dtype' | 'height' | 'width' | 'channels' | 'classes' | 'classNames' | 'trainCount' | 'valCount' | 'testCount'>;

/** metadata.json: everything needed to know what a model is, how it was made and how it scored. */
export interface ArtifactMetadata {
  format: 'modelspace-artifact/1';
  trialId: string;
  sweepId: string;
  trialName: string;
  trialIndex: number;
  variant: ModelSpec;
  training: TrainingSettings;
  /** What it trained on. Absent in artifacts saved before it was recorded: those name their dataset in `training.dataset` (absent: MNIST). */
  dataset?: ArtifactDataset;
  /**
   * Which images each split used: [from, from + count) of the named IDX file (MNIST's and
   * Fashion-MNIST's file names), or of the named split of the uploaded dataset ("<name>: train").
   */
  dataSplit: Record<'train' | 'validation' | 'test', { file: string; from: number; count: number }>;
  input: {
    /** The model's input layer: height, width, channels (32x32x1 for a model trained with augmentation). */
    shape: [number, number, number];
    /** The images a prediction takes (28x28x1 for an augmented model, else `shape`). Absent in older artifacts: `shape`, or 28x28x1 when it is 32x32x1. */
    imageShape?: [number, number, number];
    /** The type of their values. Absent in older artifacts: that of `training.dataset` (uint8 for the built-in ones). */
    dtype?: 'uint8' | 'float32';
    /** The model's input is value × scale: 1/255 for uint8 images, 1 for float32 (used as they are). */
    scale?: number;
    preprocessing: string;
  };
  /** The number of classes, the width of the output layer (absent in older artifacts: 10). */
  classes?: number;
  output: string;
  metrics: {
    bestValError: number | null;
    bestValLoss: number | null;
    bestEpoch: number | null;
    testError: number | null;
    testLoss: number | null;
    epochsRun: number | null;
    stopReason: string | null;
  };
  backend: string | null;
  paramCount: number | null;
  weights: { file: 'weights.bin'; sha256: string; bytes: number };
  createdAt: string;
}

/**
 * Built from the trial row as recorded (after completeTrial), so it says what the API says.
 * `uploaded` is the uploaded dataset the trial trained on (absent: a built-in one, by `training.dataset`).
 */
export function artifactMetadata(trial: Trial, weights: { sha256: string; bytes: number }, inputSide: number, uploaded?: UploadedDatasetInfo): ArtifactMetadata {
  const model = trial.model as unknown as ModelSpec;
  const training = trial.training as unknown as TrainingSettings;
  const dataset = datasetOf(training, uploaded);
  const [h, w, c] = dataset.shape;
  const augmented = !uploaded && inputSide !== 28;
  const modelShape: [number, number, number] = augmented ? [inputSide, inputSide, 1] : [h, w, c];
  const values =
    dataset.dtype === 'uint8'
      ? `${c === 1 ? 'grey' : `${c}-channel`} bytes 0..255, row-major (height, width${c === 1 ? '' : ', channel'}), value / 255`
      : `float32 values, row-major (height, width${c === 1 ? '' : ', channel'}), used as they are`;
  const mnist = !uploaded ? ' (0 = black background, 1 = white ink)' : '';
  return {
    format: 'modelspace-artifact/1',
    trialId: trial.id,
    sweepId: trial.sweepId,
    trialName: trial.name,
    trialIndex: trial.index,
    variant: model,
    training,
    dataset,
    dataSplit: uploaded
      ? {
          train: { file: `${uploaded.name}: train`, from: 0, count: Math.min(training.trainSubset, uploaded.trainCount) },
          validation: { file: `${uploaded.name}: validation`, from: 0, count: Math.min(training.valSubset, uploaded.valCount) },
          test: { file: `${uploaded.name}: test`, from: 0, count: Math.min(training.testSubset, uploaded.testCount) },
        }
      : {
          train: { file: 'train-images-idx3-ubyte', from: 0, count: training.trainSubset },
          validation: { file: 'train-images-idx3-ubyte', from: MNIST_TRAIN_SIZE, count: training.valSubset },
          test: { file: 't10k-images-idx3-ubyte', from: 0, count: training.testSubset },
        },
    input: {
      shape: modelShape,
      imageShape: [h, w, c],
      dtype: dataset.dtype,
      scale: dataset.dtype === 'uint8' ? 1 / 255 : 1,
      preprocessing: augmented
        ? `${h}x${w} ${values}${mnist}, centred in a ${inputSide}x${inputSide} zero border (trained with augmentation)`
        : `${h}x${w}${c === 1 ? '' : `x${c}`} ${values}${mnist}`,
    },
    classes: dataset.classes,
    output:
      model.kind === 'logistic'
        ? `${dataset.classes} one-vs-rest sigmoid probabilities (they need not sum to 1); the prediction is the largest`
        : `${dataset.classes} class probabilities (softmax); the prediction is the largest`,
    metrics: {
      bestValError: trial.bestValError,
      bestValLoss: trial.bestValLoss,
      bestEpoch: trial.bestEpoch,
      testError: trial.testError,
      testLoss: trial.testLoss,
      epochsRun: trial.epochsRun,
      stopReason: trial.stopReason,
    },
    backend: trial.backend,
    paramCount: trial.paramCount,
    weights: { file: 'weights.bin', sha256: weights.sha256, bytes: weights.bytes },
    createdAt: new Date().toISOString(),
  };
}

function datasetOf(training: TrainingSettings, uploaded: UploadedDatasetInfo | undefined): ArtifactDataset {
  if (!uploaded) {
    const name = training.dataset && isBuiltInDataset(training.dataset) ? training.dataset : 'mnist';
    return { name, uploaded: false, sha256: null, shape: [28, 28, 1], dtype: 'uint8', classes: 10, classNames: null };
  }
  return {
    name: uploaded.name,
    uploaded: true,
    sha256: uploaded.sha256,
    shape: [uploaded.height, uploaded.width, uploaded.channels],
    dtype: uploaded.dtype === 'float32' ? 'float32' : 'uint8',
    classes: uploaded.classes,
    classNames: Array.isArray(uploaded.classNames) ? (uploaded.classNames as string[]) : null,
  };
}
