import { z } from 'zod';
import { ArtifactEnv } from '@modelspace/artifacts';
import { ConfigError, CommonEnv, parseEnv } from '@modelspace/config';
import { DEFAULT_DATASET_LIMITS, MAX_GRID_SIZE, MAX_VARIANTS } from '@modelspace/core';
import { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_LIMITS } from './plugins/limits.ts';

export const ApiEnv = CommonEnv.extend(ArtifactEnv.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_BODY_LIMIT_BYTES),
  /** required: every request but the public ones carries an API key. off: local use only. */
  API_AUTH: z.enum(['required', 'off']).default('required'),
  /** Requests per API key per minute (0: no limit). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  MAX_VARIANTS_PER_SWEEP: z.coerce.number().int().min(1).max(MAX_VARIANTS).default(DEFAULT_LIMITS.maxVariantsPerSweep),
  MAX_GRID_SIZE: z.coerce.number().int().min(1).max(MAX_GRID_SIZE).default(DEFAULT_LIMITS.maxGridSize),
  YAML_MAX_ALIASES: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_LIMITS.maxAliases),
  BODY_MAX_DEPTH: z.coerce.number().int().min(4).max(1000).default(DEFAULT_LIMITS.maxDepth),
  /** Largest file of a dataset upload (POST /datasets), after gunzip; read as it streams, never held past this. */
  DATASET_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(DEFAULT_DATASET_LIMITS.maxFileBytes),
});
export type ApiConfig = z.output<typeof ApiEnv>;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Rules across variables: with API_AUTH=off every request acts as a write key of the
 * default project, so such an API may only listen on the loopback interface.
 */
export function checkApiConfig<C extends Pick<ApiConfig, 'API_AUTH' | 'HOST'>>(config: C): C {
  if (config.API_AUTH === 'off' && !LOOPBACK.has(config.HOST)) {
    throw new ConfigError([`HOST: ${config.HOST} is not a loopback address, and API_AUTH=off (no keys) listens on 127.0.0.1 only: set API_AUTH=required or HOST=127.0.0.1`]);
  }
  return config;
}

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return checkApiConfig(parseEnv(ApiEnv, env));
}
