import { readdirSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { DelayedError, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { createDb, DEFAULT_RETRY_POLICY, migrate } from '@modelspace/db';
import {
  announceWorker,
  createRedis,
  retireWorker,
  subscribeCancel,
  trialLaneName,
  trialQueueName,
  WORKER_HEARTBEAT_MS,
  type TrialJobData,
  type WorkerState,
} from '@modelspace/queue';
import { loadMnist } from '@modelspace/trainer';
import { toArtifactConfig } from '@modelspace/artifacts';
import { workerPools, type WorkerConfig } from './config.ts';
import { createTrialProcessor, type TrialJobResult } from './processors/trial.processor.ts';
import { createTrainingPool, type BuiltInTrainer, type Trainer, type TrainingHandle } from './training-pool.ts';
import { createTrialEvents } from './trial-events.ts';
import { startControlWorker } from './control-worker.ts';
import { singleTraining } from './single-training.ts';
import { scheduleOpenSweepsOnReconnect } from './redis-recovery.ts';
import { createCheckpointStore } from './checkpoint-store.ts';
import { createFailureStreak } from './failure-streak.ts';
import { trialTrainer } from './trial-trainer.ts';
import { datasetCache, uploadedDatasets } from './datasets.ts';
import { startProgramTrainer } from './programs/start.ts';

export interface RunningWorker {
  id: string;
  /**
   * Stops taking jobs; running trials are checkpointed at their next epoch boundary (or
   * WORKER_SHUTDOWN_GRACE_MS, whichever comes first: then from their last checkpoint) and
   * handed back to the queue for another worker. `force` stops them at once.
   */
  close(opts?: { force?: boolean }): Promise<void>;
}

export interface WorkerOverrides {
  /** Trains built-in trials instead of the TensorFlow.js thread pool (benchmarks measure the path around training with a trivial one). */
  train?: BuiltInTrainer;
}

export async function startWorker(config: WorkerConfig, log: Logger, overrides: WorkerOverrides = {}): Promise<RunningWorker> {
  await migrate(config.DATABASE_URL);
  const pools = workerPools(config);
  const lanes = [...pools.map((pool) => ({ queue: trialQueueName(pool) })), ...[...config.programs.values()].map((p) => ({ queue: trialLaneName(p.pool, p.name) }))];
  const gpus = nvidiaGpuCount();
  // Writes are retried while Postgres is down (a restart, a failover): no epoch is lost.
  const onRetry = (err: unknown, attempt: number) =>
    log.warn(
      {
        err: String((err as Error).message)
          .trim()
          .split('\n')
          .pop(),
        attempt,
      },
      'database unavailable; retrying',
    );
  const db = createDb(config.DATABASE_URL, { poolSize: Math.max(2, config.WORKER_CONCURRENCY + 1), retry: { ...DEFAULT_RETRY_POLICY, onRetry } });
  // The backend the latest trial chose (at first, the one the warmed threads started), for GET /workers.
  let lastBackend: string | null = null;
  const pool = overrides.train
    ? null
    : createTrainingPool({ data: loadMnist({ dir: config.MNIST_DIR, shared: true }), backend: config.TRAINER_BACKEND }, { maxIdle: config.WORKER_CONCURRENCY * pools.length });
  // Warm threads before taking work: the first trials do not each pay TensorFlow.js's start-up.
  if (pool) {
    const warmed = await pool.warm(config.WORKER_CONCURRENCY);
    log.info({ threads: config.WORKER_CONCURRENCY, backend: warmed?.name }, 'training threads started');
    // Without the native kernels (libdnnl missing, the addon not built) a CPU worker trains several times slower: say so once, loudly.
    if (warmed && config.TRAINER_BACKEND === 'auto' && !['native', 'tensorflow'].includes(warmed.name)) {
      log.warn(
        { backend: warmed.name, reason: warmed.reason },
        `training falls back to ${warmed.name}: the native oneDNN kernels are not available on this worker (see docs/deploy.md)`,
      );
    }
    lastBackend = warmed?.name ?? null;
  }
  const names = { prefix: config.QUEUE_PREFIX };
  const connection = createRedis(config.REDIS_URL, 'worker');
  const subscriber = createRedis(config.REDIS_URL, 'worker');
  const eventsConnection = createRedis(config.REDIS_URL, 'producer');
  const active = new Map<string, TrainingHandle>();
  const unsubscribe = await subscribeCancel(subscriber, names, (trialId) => active.get(trialId)?.stop());

  const checkpoints = createCheckpointStore(db, { storage: config.CHECKPOINT_STORE, dir: config.CHECKPOINT_DIR });
  // The sweep scheduler: control-queue jobs, one enqueued whenever a trial ends.
  const control = await startControlWorker({
    dropCheckpointFiles: (trialId) => checkpoints.dropFiles(trialId),
    redisUrl: config.REDIS_URL,
    names,
    db,
    publisher: eventsConnection,
    log,
    queues: lanes.map((l) => l.queue),
    retry: { attempts: config.TRIAL_ATTEMPTS, backoffMs: config.TRIAL_BACKOFF_MS },
  });
  const programs = config.programs.size ? await startProgramTrainer(config, db, gpus, log) : null;
  const baseTrain: Trainer = trialTrainer(
    overrides.train ?? pool!.run,
    programs?.trainer ?? null,
    datasetCache({ mnist: config.MNIST_DIR, 'fashion-mnist': config.FASHION_MNIST_DIR }),
    uploadedDatasets({ db, artifacts: toArtifactConfig(config), cacheDir: config.DATASET_CACHE_DIR }),
  );
  const train: Trainer = (job, on) =>
    baseTrain(job, {
      ...on,
      backend: (info) => {
        lastBackend = info.name;
        on.backend(info);
      },
    });
  const trialProcessor = createTrialProcessor({
    afterTrial: (sweepId, trialId) => control.afterTrial(sweepId, trialId),
    db,
    train,
    workerId: config.WORKER_ID,
    log,
    active,
    artifacts: toArtifactConfig(config),
    events: createTrialEvents(eventsConnection, names, log),
    checkpoints,
    releasing: () => status.state === 'draining',
  });
  // What GET /workers shows of this worker's throughput, and its state.
  const stats = { trialsDone: 0, trialsFailed: 0 };
  const status: { state: WorkerState; stateReason?: string } = { state: 'running' };
  const streak = createFailureStreak(config.WORKER_MAX_CONSECUTIVE_FAILURES);
  // Too many failures in a row: this host is likely broken; it takes no more work.
  const halt = (lastError: string) => {
    status.state = 'halted';
    status.stateReason = `${streak.count} trial attempts failed in a row (WORKER_MAX_CONSECUTIVE_FAILURES=${config.WORKER_MAX_CONSECUTIVE_FAILURES}); last error: ${lastError}`;
    log.error({ workerId: config.WORKER_ID, reason: status.stateReason }, 'worker halted: it takes no more trials until it is restarted');
    for (const w of workers) void w.pause(true);
    void announce();
  };
  const processor = async (job: Job<TrialJobData>, token?: string): Promise<TrialJobResult> => {
    try {
      const r = await trialProcessor(job, token);
      if (r.outcome === 'completed') {
        stats.trialsDone += 1;
        streak.success();
      }
      return r;
    } catch (err) {
      if (err instanceof WaitingError || err instanceof DelayedError) throw err; // handed back, not failed
      stats.trialsFailed += 1;
      // A diverged training is the trial's doing (its learning rate), not the host's.
      if (!(err instanceof UnrecoverableError) && streak.failure() && status.state === 'running') halt((err as Error).message);
      throw err;
    }
  };
  // A trial whose job lock lapsed while its worker lived (a Redis outage) is not trained twice at once.
  const guarded = singleTraining(processor, { db, redis: connection, names, workerId: config.WORKER_ID, active, log });
  // One BullMQ worker per queue served (each pool's, each offered program's), each with
  // WORKER_CONCURRENCY slots: a GPU host serving gpu and cpu trains one trial of each at once.
  const workers = lanes.map(
    ({ queue }) =>
      new Worker<TrialJobData>(queue, guarded, {
        connection,
        prefix: names.prefix,
        concurrency: config.WORKER_CONCURRENCY,
        // Training runs on threads, so the event loop is free to renew locks often. A worker
        // that dies loses its jobs a lock later; the stalled check hands them on.
        lockDuration: config.WORKER_LOCK_MS,
        stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
        maxStalledCount: config.WORKER_MAX_STALLED_COUNT,
      }),
  );
  for (const worker of workers) {
    worker.on('failed', (job, err) => log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => log.error({ err }, 'worker error'));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  // Heartbeat: GET /workers lists this worker until it stops refreshing its key.
  const startedAt = new Date().toISOString();
  const announce = () =>
    announceWorker(connection, names, {
      id: config.WORKER_ID,
      hostname: hostname(),
      address: connection.stream?.localAddress ?? null,
      pid: process.pid,
      cores: availableParallelism(),
      concurrency: config.WORKER_CONCURRENCY,
      backendPreference: config.TRAINER_BACKEND,
      backend: lastBackend,
      gpus,
      pools,
      programs: [...config.programs.values()].map((p) => ({ name: p.name, pool: p.pool })),
      startedAt,
      lastSeen: new Date().toISOString(),
      runningTrialIds: [...active.keys()],
      ...stats,
      ...status,
    }).catch((err) => log.warn({ err: (err as Error).message }, 'heartbeat failed'));
  await announce();
  const heartbeat = setInterval(announce, WORKER_HEARTBEAT_MS);
  // Back from a Redis outage: say at once which trials this worker holds (see single-training.ts).
  connection.on('ready', () => void announce());
  // And give every queued trial its job back if Redis lost it (see redis-recovery.ts).
  const stopRecovery = scheduleOpenSweepsOnReconnect(connection, { db, names, log });
  log.info({ workerId: config.WORKER_ID, concurrency: config.WORKER_CONCURRENCY, pools, queuePrefix: names.prefix }, 'worker ready');

  return {
    id: config.WORKER_ID,
    async close(opts = {}) {
      // Draining: each running trial is handed back after its next checkpoint (trial.processor.ts).
      status.state = 'draining';
      status.stateReason = 'shutting down';
      void announce();
      if (opts.force) for (const handle of active.values()) await handle.kill();
      // Past the grace period a training still mid-epoch is stopped: it resumes from its last checkpoint.
      const grace = setTimeout(() => {
        if (active.size) log.warn({ trials: [...active.keys()] }, 'shutdown grace period over: stopping trainings mid-epoch');
        for (const handle of active.values()) void handle.kill();
      }, config.WORKER_SHUTDOWN_GRACE_MS);
      await Promise.all(workers.map((w) => w.close(opts.force)));
      clearTimeout(grace);
      clearInterval(heartbeat);
      await retireWorker(connection, names, config.WORKER_ID).catch(() => {});
      await pool?.close();
      await programs?.close();
      await stopRecovery();
      await control.close();
      await unsubscribe().catch(() => {});
      subscriber.disconnect();
      eventsConnection.disconnect();
      connection.disconnect();
      await db.$disconnect();
    },
  };
}

/** GPUs the NVIDIA driver shows (one folder each); 0 without the driver. */
function nvidiaGpuCount(): number {
  try {
    return readdirSync('/proc/driver/nvidia/gpus').length;
  } catch {
    return 0;
  }
}
