import { z } from 'zod';

const ms = (min: number) =>
  z.coerce
    .number()
    .int()
    .min(min)
    .max(24 * 3600 * 1000);

/**
 * How a worker survives crashes and hands work back (docs/architecture.md, "Crash and
 * resume"): checkpoints, BullMQ lock timings, shutdown grace, and when to stop taking work.
 */
export const ResilienceEnv = z.object({
  /** Where per-epoch checkpoints go: `postgres` (the default, in the Checkpoint row) or `directory`. */
  CHECKPOINT_STORE: z.enum(['postgres', 'directory']).default('postgres'),
  /** The folder of CHECKPOINT_STORE=directory; every worker must see the same one. */
  CHECKPOINT_DIR: z.string().min(1).default('./data/checkpoints'),
  /** On SIGTERM: how long running trials get to reach their next epoch boundary and checkpoint. */
  WORKER_SHUTDOWN_GRACE_MS: ms(0).default(30_000),
  /** Failed trial attempts in a row after which the worker stops taking work (0: never). */
  WORKER_MAX_CONSECUTIVE_FAILURES: z.coerce.number().int().min(0).max(10_000).default(5),
  /** BullMQ job lock: a worker that dies loses its jobs this long after its last renewal. */
  WORKER_LOCK_MS: ms(1_000).default(30_000),
  /**
   * How often BullMQ looks for jobs whose lock lapsed (their worker died) to hand them on: a
   * dead worker's trial waits up to the lock plus two of these (one check marks it, the next
   * moves it). One cheap check per interval for the whole deployment.
   */
  WORKER_STALLED_INTERVAL_MS: ms(500).default(5_000),
  /** How many times a trial's job may be handed on after its worker died before it fails. */
  WORKER_MAX_STALLED_COUNT: z.coerce.number().int().min(0).max(1_000).default(2),
});
