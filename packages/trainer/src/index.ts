/**
 * @modelspace/trainer: trains one trial of the model space on MNIST with TensorFlow.js.
 * Knows tfjs, backends and datasets; knows nothing of queues or databases.
 */
export { MnistError } from './mnist/error.ts';
export { parseIdx } from './mnist/idx.ts';
export { loadMnist, type MnistData } from './mnist/load.ts';
export { dataShapeOf, trainingDataFromBlob, type TrainingData } from './training-data.ts';
export { DEBIAN_FASHION_MNIST_DIR, loadDataset, type DatasetDirs } from './mnist/datasets.ts';
export { initBackend, type BackendInfo } from './backend.ts';
export { buildModel } from './models.ts';
export { decodeCheckpoint, encodeCheckpoint, CheckpointFormatError, type TrainingCheckpoint } from './checkpoint.ts';
export { trainTrial, TrainingStoppedError, type EpochReport, type TrialResult, type TrainTrialOptions } from './train.ts';
export { exportArtifact, inputSideOf, loadArtifactModel, predictDigits, predictImages, WEIGHTS_FILE, type ModelArtifact, type ModelJson, type Prediction } from './artifact.ts';
