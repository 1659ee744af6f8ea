import { MNIST_TRAIN_SIZE, type ModelSpec, type TrainingSettings } from '@modelspace/core';
import type { Trial } from '@modelspace/db';

/** metadata.json: everything needed to know what a model is, how it was made and how it scored. */
export interface ArtifactMetadata {
  format: 'modelspace-artifact/1';
  trialId: string;
  sweepId: string;
  trialName: string;
  trialIndex: number;
  variant: ModelSpec;
  training: TrainingSettings;
  /** Which MNIST images each split used: [from, from + count) of the named IDX file. */
  dataSplit: Record<'train' | 'validation' | 'test', { file: string; from: number; count: number }>;
  input: { shape: [number, number, number]; preprocessing: string };
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

/** Built from the trial row as recorded (after completeTrial), so it says what the API says. */
export function artifactMetadata(trial: Trial, weights: { sha256: string; bytes: number }, inputSide: number): ArtifactMetadata {
  const model = trial.model as unknown as ModelSpec;
  const training = trial.training as unknown as TrainingSettings;
  return {
    format: 'modelspace-artifact/1',
    trialId: trial.id,
    sweepId: trial.sweepId,
    trialName: trial.name,
    trialIndex: trial.index,
    variant: model,
    training,
    dataSplit: {
      train: { file: 'train-images-idx3-ubyte', from: 0, count: training.trainSubset },
      validation: { file: 'train-images-idx3-ubyte', from: MNIST_TRAIN_SIZE, count: training.valSubset },
      test: { file: 't10k-images-idx3-ubyte', from: 0, count: training.testSubset },
    },
    input: {
      shape: [inputSide, inputSide, 1],
      preprocessing:
        inputSide === 28
          ? '28x28 grey, row-major, pixel value / 255 (0 = black background, 1 = white ink)'
          : '28x28 grey, pixel value / 255, centred in a 32x32 zero border (trained with augmentation)',
    },
    output:
      model.kind === 'logistic'
        ? '10 one-vs-rest sigmoid probabilities (they need not sum to 1); the prediction is the largest'
        : '10 class probabilities (softmax); the prediction is the largest',
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
