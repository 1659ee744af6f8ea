import { Queue, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { DEFAULT_TRIAL_RETRY } from '@modelspace/config';
import { DEFAULT_POOL, POOLS, type PoolName } from '@modelspace/core';

/**
 * The job catalog entry for training one trial. The job id is the trial id. Each worker
 * pool has its own queue: `trials` for the default (cpu) pool, `trials-gpu` for gpu, so a
 * job waits only for workers serving its pool.
 */
export const TRIAL_QUEUE = 'trials';

export function trialQueueName(pool: PoolName): string {
  return pool === DEFAULT_POOL ? TRIAL_QUEUE : `${TRIAL_QUEUE}-${pool}`;
}

/**
 * The queue of a trial: its pool's, or for a program trial the queue of that program in
 * that pool (`trials-program-mnist-torch`, `trials-gpu-program-x`), which only workers
 * offering the program take from: a job never lands on a worker that cannot run it.
 */
export function trialLaneName(pool: PoolName, program: string | null = null): string {
  return program === null ? trialQueueName(pool) : `${trialQueueName(pool)}-program-${program}`;
}

/** Redis set of the program queues ever used, so lookups and metrics find their jobs. */
const laneSetKey = (prefix: string | undefined) => `${prefix ?? 'bull'}:program-lanes`;

export const TrialJobData = z.strictObject({
  trialId: z.uuid(),
  sweepId: z.uuid(),
});
export type TrialJobData = z.infer<typeof TrialJobData>;

/** Progress reported while training: the epoch just finished, out of the maximum. */
export interface TrialJobProgress {
  epoch: number;
  maxEpochs: number;
  valError: number;
}

/** Retries of a failed training (TRIAL_ATTEMPTS, TRIAL_BACKOFF_MS): attempts in all, first delay, doubling. */
export interface TrialRetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Attempts and backoff come from the queue (createTrialQueue's retry policy), the rest from here. */
export const TRIAL_JOB_OPTIONS: JobsOptions = {
  // Keep finished jobs for a while for operators; Postgres is the record.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export interface QueueNames {
  /** BullMQ key prefix: isolates deployments (and test runs) sharing one Redis. */
  prefix: string;
}

export type TrialQueue = Queue<TrialJobData, unknown, 'train'>;

/** The default pool's queue; the other pools' queues hang off it (trialQueueFor). */
export function createTrialQueue(connection: Redis, names: QueueNames, retry: TrialRetryPolicy = DEFAULT_TRIAL_RETRY): TrialQueue {
  const defaultJobOptions: JobsOptions = { attempts: retry.attempts, backoff: { type: 'exponential', delay: retry.backoffMs } };
  return quietOnOutage(new Queue<TrialJobData, unknown, 'train'>(TRIAL_QUEUE, { connection, prefix: names.prefix, defaultJobOptions }));
}

/**
 * A BullMQ queue re-emits its connection's errors, and prints them raw when nothing listens
 * (a line per reconnect attempt during a Redis outage). The connection's own listeners
 * (createRedis) report outages once; the caller sees a failed call as an error.
 */
export function quietOnOutage<Q extends { on(event: 'error', listener: (err: Error) => void): unknown }>(queue: Q): Q {
  queue.on('error', () => {});
  return queue;
}

const siblings = new WeakMap<TrialQueue, Map<string, TrialQueue>>();

/**
 * The queue of a pool (or of a program in a pool), on the same connection and prefix as the
 * default pool's queue (the one every process holds). Created once per queue and name; the
 * shared connection is the caller's to close.
 */
export function trialQueueFor(queue: TrialQueue, pool: PoolName, program: string | null = null): TrialQueue {
  const name = trialLaneName(pool, program);
  if (name === TRIAL_QUEUE) return queue;
  let byName = siblings.get(queue);
  if (!byName) {
    byName = new Map();
    siblings.set(queue, byName);
  }
  let q = byName.get(name);
  if (!q) {
    q = quietOnOutage(
      new Queue<TrialJobData, unknown, 'train'>(name, {
        connection: queue.opts.connection as Redis,
        prefix: queue.opts.prefix,
        defaultJobOptions: queue.defaultJobOptions,
      }),
    );
    byName.set(name, q);
  }
  return q;
}

/** Every pool's queue, the default pool's first. */
export function allTrialQueues(queue: TrialQueue): TrialQueue[] {
  return POOLS.map((pool) => trialQueueFor(queue, pool));
}

/** Every pool's queue, then every program queue a trial was ever enqueued in. */
export async function knownTrialQueues(queue: TrialQueue): Promise<TrialQueue[]> {
  const client = queue.opts.connection as Redis;
  const lanes = await client.smembers(laneSetKey(queue.opts.prefix));
  const programs = lanes.map((l) => JSON.parse(l) as { pool: PoolName; program: string });
  return [
    ...allTrialQueues(queue),
    ...programs.sort((a, b) => `${a.pool}/${a.program}`.localeCompare(`${b.pool}/${b.program}`)).map((l) => trialQueueFor(queue, l.pool, l.program)),
  ];
}

/** A trial to enqueue, and the pool (default: cpu) and program whose queue takes it. */
export type TrialJobRef = TrialJobData & { pool?: PoolName; program?: string | null };

/**
 * Jobs per addBulk (one pipeline each). The chunks go out together: Redis runs one while
 * the next is encoded, which for 10,000 jobs takes about half the time of one chunk
 * after the other.
 */
const ADD_CHUNK = 500;

/**
 * Enqueues one job per trial in its pool's queue, jobId = trial id: adding the same trial
 * twice is a no-op in BullMQ, so a retried request never trains a trial twice. Returns
 * once every chunk has been answered, so a caller undoing a failed enqueue races none.
 */
export async function enqueueTrials(queue: TrialQueue, jobs: TrialJobRef[]): Promise<void> {
  // Every job is built (and checked) before the first is sent.
  const bulks: { target: TrialQueue; chunk: Parameters<TrialQueue['addBulk']>[0] }[] = [];
  const lanes = new Map<string, { pool: PoolName; program: string | null; jobs: TrialJobRef[] }>();
  for (const j of jobs) {
    const pool = j.pool ?? DEFAULT_POOL;
    const program = j.program ?? null;
    const name = trialLaneName(pool, program);
    const lane = lanes.get(name) ?? lanes.set(name, { pool, program, jobs: [] }).get(name)!;
    lane.jobs.push(j);
  }
  const programLanes = [...lanes.values()].filter((l) => l.program !== null).map((l) => JSON.stringify({ pool: l.pool, program: l.program }));
  if (programLanes.length) await (queue.opts.connection as Redis).sadd(laneSetKey(queue.opts.prefix), ...programLanes);
  for (const { pool, program, jobs: mine } of lanes.values()) {
    const target = trialQueueFor(queue, pool, program);
    for (let i = 0; i < mine.length; i += ADD_CHUNK) {
      const chunk = mine.slice(i, i + ADD_CHUNK).map(({ trialId, sweepId }) => ({
        name: 'train' as const,
        data: TrialJobData.parse({ trialId, sweepId }),
        opts: { ...TRIAL_JOB_OPTIONS, jobId: trialId },
      }));
      bulks.push({ target, chunk });
    }
  }
  const results = await Promise.allSettled(bulks.map(({ target, chunk }) => target.addBulk(chunk)));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Each id's job and its state, in whichever pool's or program's queue holds it; lookups go out together. */
export async function findTrialJobs(queue: TrialQueue, trialIds: string[]): Promise<Map<string, { job: Job; state: string }>> {
  const found = new Map<string, { job: Job; state: string }>();
  const CHUNK = 500;
  for (const q of await knownTrialQueues(queue)) {
    for (let i = 0; i < trialIds.length; i += CHUNK) {
      const jobs = await Promise.all(trialIds.slice(i, i + CHUNK).map((id) => (found.has(id) ? undefined : q.getJob(id))));
      const states = await Promise.all(jobs.map((job) => job?.getState()));
      jobs.forEach((job, k) => {
        if (job) found.set(job.id!, { job, state: states[k] as string });
      });
    }
  }
  return found;
}

/**
 * Removes the jobs of these trials that have not started, in every pool's queue. Active
 * (locked) jobs cannot be removed; their workers see the trial cancelled and stop.
 */
export async function removeWaitingJobs(queue: TrialQueue, trialIds: string[]): Promise<number> {
  const found = await findTrialJobs(queue, trialIds);
  const removed = await Promise.all(
    [...found.values()]
      .filter(({ state }) => state !== 'active')
      .map(({ job }) =>
        job.remove().then(
          () => 1,
          // It became active between the check and the removal: the worker will stop it.
          () => 0,
        ),
      ),
  );
  return removed.reduce<number>((a, b) => a + b, 0);
}

export function parseTrialJob(data: unknown): TrialJobData {
  return TrialJobData.parse(data);
}
