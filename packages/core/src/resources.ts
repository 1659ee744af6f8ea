import { z } from 'zod';

/**
 * Worker pools: a trial names the pool whose workers train it, and its job waits in that
 * pool's queue, so a trial that needs a GPU waits only for a GPU worker and CPU work never
 * waits behind GPU hosts. A worker serves the pools of WORKER_POOLS.
 */
export const POOLS = ['cpu', 'gpu'] as const;
export const PoolName = z.enum(POOLS);
export type PoolName = z.infer<typeof PoolName>;

/** Trials without a requirement run in this pool. */
export const DEFAULT_POOL: PoolName = 'cpu';

export const Resources = z.strictObject({
  pool: PoolName.describe('The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.'),
});
export type Resources = z.output<typeof Resources>;

/** The pool of a trial: its variant's requirement, else the sweep's, else the default. */
export function trialPool(sweep: { resources?: Resources }, variant?: { resources?: Resources } | null): PoolName {
  return variant?.resources?.pool ?? sweep.resources?.pool ?? DEFAULT_POOL;
}
