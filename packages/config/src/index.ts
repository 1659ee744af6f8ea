import { z } from 'zod';

/**
 * Environment shared by the processes. Each app extends this with its own fields and
 * parses the environment once, at its entry point; a bad value stops startup with a
 * message naming the variable.
 */
export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/modelspace';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

/** Retries of a failed training when TRIAL_ATTEMPTS and TRIAL_BACKOFF_MS are unset (and for queues made without a policy). */
export const DEFAULT_TRIAL_RETRY = { attempts: 3, backoffMs: 2_000 } as const;

export const CommonEnv = z.object({
  DATABASE_URL: url(['postgresql:', 'postgres:']).default(DEFAULT_DATABASE_URL),
  REDIS_URL: url(['redis:', 'rediss:']).default(DEFAULT_REDIS_URL),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only (1-64)')
    .default('modelspace'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Attempts per trial: a failed training is retried until this many failed, then the trial is `failed` with the last error. */
  TRIAL_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULT_TRIAL_RETRY.attempts),
  /** Wait before a failed trial's first retry; it doubles with each further one. */
  TRIAL_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_TRIAL_RETRY.backoffMs),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as a shell `FOO= cmd` intends. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}
export { onShutdownSignal } from './shutdown.ts';
export { LOG_REDACT_PATHS } from './redact.ts';

/** At a process's entry point: the parsed config, or a one-line message and exit code 2. */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
