import { mulberry32 } from '@modelspace/trainer/testing';

/**
 * The drill's nemesis: which faults it injects, in what order, on which worker, for how
 * long. A pure function of a seed, so a failing drill can be run again fault for fault.
 */
export const FAULT_KINDS = ['partition-redis', 'partition-postgres', 'partition-both', 'pause', 'latency', 'restart-postgres', 'restart-redis', 'kill-worker', 'kill-api'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** The worker host it hits (w1..wN); none for the database's and the API's faults. */
  worker: string | null;
  /** How long the fault lasts (a partition, a pause, a slow link, a service or process down), in ms. */
  durationMs: number;
  /** Quiet time after it heals, before the next fault, in ms. */
  gapMs: number;
}

export interface NemesisOptions {
  seed: number;
  /** Times each kind is injected. */
  rounds: number;
  workers: string[];
  /** The workers' job lock: partitions and pauses outlast it so the job is handed on. */
  lockMs: number;
  /** Kinds to leave out (none by default). */
  without?: readonly FaultKind[];
  /** The test suite's pace: faults only as long as they must be, a second or two apart. */
  short?: boolean;
}

const WORKER_FAULTS: ReadonlySet<FaultKind> = new Set(['partition-redis', 'partition-postgres', 'partition-both', 'pause', 'latency', 'kill-worker']);

/**
 * How long each kind lasts: partitions and pauses past the lock, a stalled check and the
 * holder's heartbeat going stale (so the job is handed on and taken over), the rest a few seconds.
 */
function duration(kind: FaultKind, lockMs: number, short: boolean, random: () => number): number {
  const jitter = (ms: number) => Math.round(ms * (0.85 + 0.3 * random()));
  switch (kind) {
    case 'partition-redis':
    case 'partition-postgres':
    case 'partition-both':
    case 'pause':
      return jitter(lockMs * 2 + (short ? 8_000 : 12_000));
    case 'latency':
      return jitter(short ? 6_000 : 15_000);
    case 'restart-postgres':
    case 'restart-redis':
      return jitter(short ? 3_000 : 4_000);
    case 'kill-worker':
    case 'kill-api':
      return jitter(short ? 2_000 : 3_000);
  }
}

/** Every kind `rounds` times, in a seeded order, each on a seeded worker where it hits one. */
export function schedule(opts: NemesisOptions): Fault[] {
  const random = mulberry32(opts.seed);
  const kinds = FAULT_KINDS.filter((k) => !opts.without?.includes(k));
  const bag = Array.from({ length: opts.rounds }, () => kinds).flat();
  // Fisher-Yates on the seeded generator.
  for (let i = bag.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [bag[i], bag[j]] = [bag[j]!, bag[i]!];
  }
  return bag.map((kind) => ({
    kind,
    worker: WORKER_FAULTS.has(kind) ? opts.workers[Math.floor(random() * opts.workers.length)]! : null,
    durationMs: duration(kind, opts.lockMs, opts.short ?? false, random),
    gapMs: Math.round(opts.short ? 1_000 + 1_500 * random() : 3_000 + 4_000 * random()),
  }));
}
