import { z } from 'zod';
import { ArtifactEnv } from '@modelspace/artifacts';
import { CommonEnv, parseEnv } from '@modelspace/config';

export const ApiEnv = CommonEnv.extend(ArtifactEnv.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
});
export type ApiConfig = z.output<typeof ApiEnv>;

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return parseEnv(ApiEnv, env);
}
