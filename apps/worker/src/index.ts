export { startWorker, type RunningWorker } from './worker.ts';
export { loadWorkerConfig, WorkerEnv, type WorkerConfig } from './config.ts';
