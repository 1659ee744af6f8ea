export { startWorker, type RunningWorker, type WorkerOverrides } from './worker.ts';
export type { Trainer, TrainingHandle, TrainingHandlers } from './training-pool.ts';
export { loadWorkerConfig, WorkerEnv, type WorkerConfig } from './config.ts';
