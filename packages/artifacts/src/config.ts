import { resolve } from 'node:path';
import { z } from 'zod';
import { parseEnv } from '@modelspace/config';

/**
 * Where trained models go and how many a sweep keeps. Read by the worker (which saves) and
 * the API (which serves): with storage "directory" both must see the same ARTIFACT_DIR
 * (one machine, or a shared volume); with "postgres" the database is enough.
 */
export const ArtifactEnv = z.object({
  /** directory: weights.bin under ARTIFACT_DIR; postgres: in the Artifact row (small models); none: save nothing. */
  ARTIFACT_STORE: z.enum(['directory', 'postgres', 'none']).default('directory'),
  ARTIFACT_DIR: z.string().min(1).default('./data/artifacts'),
  /** Under ARTIFACT_STORE=postgres, weights larger than this still go to the directory. */
  ARTIFACT_POSTGRES_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(512 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  /** Each sweep keeps the artifacts of its best K trials; 0 keeps every one. */
  ARTIFACT_KEEP: z.coerce.number().int().min(0).max(100_000).default(3),
  /** Models the API keeps loaded for predictions (least recently used goes first). */
  MODEL_CACHE_SIZE: z.coerce.number().int().min(1).max(1000).default(4),
  /** The TensorFlow.js backend predictions run on; wasm by default, the one a browser or plain Node user gets. */
  PREDICT_BACKEND: z.enum(['auto', 'wasm', 'cpu', 'native', 'tensorflow']).default('wasm'),
});

export interface ArtifactConfig {
  store: 'directory' | 'postgres' | 'none';
  /** Absolute. */
  dir: string;
  postgresMaxBytes: number;
  keep: number;
  modelCacheSize: number;
  predictBackend: 'auto' | 'wasm' | 'cpu' | 'native' | 'tensorflow';
}

/** From ARTIFACT_* already parsed (as part of an app's own env schema). */
export function toArtifactConfig(e: z.output<typeof ArtifactEnv>, cwd = process.cwd()): ArtifactConfig {
  return {
    store: e.ARTIFACT_STORE,
    dir: resolve(cwd, e.ARTIFACT_DIR),
    postgresMaxBytes: e.ARTIFACT_POSTGRES_MAX_BYTES,
    keep: e.ARTIFACT_KEEP,
    modelCacheSize: e.MODEL_CACHE_SIZE,
    predictBackend: e.PREDICT_BACKEND,
  };
}

export function loadArtifactConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ArtifactConfig {
  return toArtifactConfig(parseEnv(ArtifactEnv, env), cwd);
}
