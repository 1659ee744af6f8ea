export { startWorker, type RunningWorker, type WorkerOverrides } from './worker.ts';
export type { BuiltInTrainer, Trainer, TrainingHandle, TrainingHandlers } from './training-pool.ts';
export { loadWorkerConfig, programsOf, WorkerEnv, type WorkerConfig } from './config.ts';
export { createCheckpointStore, type CheckpointConfig, type CheckpointStore } from './checkpoint-store.ts';
export { singleTraining, trainingHolder, type SingleTrainingDeps } from './single-training.ts';
export { datasetCache, uploadedDatasets, type UploadedDatasetDeps } from './datasets.ts';
