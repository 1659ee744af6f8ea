import { UnrecoverableError, WaitingError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { ModelSpec, TrainingSettings } from '@modelspace/core';
import { createPruneCheck } from './prune-check.ts';
import { divergence } from './divergence.ts';
import {
  completeTrial,
  epochStatus,
  failTrial,
  recordBackend,
  recordEpochWithCheckpoint,
  releaseTrial,
  startTrial,
  type Db,
  type EpochInput,
  type EpochWrite,
} from '@modelspace/db';
import { parseTrialJob, type TrialJobData, type TrialJobProgress } from '@modelspace/queue';
import type { Trainer, TrainingHandle } from '../training-pool.ts';
import type { ArtifactConfig } from '@modelspace/artifacts';
import { keepArtifact } from '../artifact-sink.ts';
import { reportProgress, type TrialEvents } from '../trial-events.ts';
import type { CheckpointStore } from '../checkpoint-store.ts';

export interface TrialProcessorDeps {
  db: Db;
  /** Trains one trial on a thread (the worker's training pool). */
  train: Trainer;
  workerId: string;
  log: Logger;
  /** Trainings in progress by trial id, so a cancel notice can stop them. */
  active: Map<string, TrainingHandle>;
  /** Where the trained models go (ARTIFACT_*). */
  artifacts: ArtifactConfig;
  /** Live events for watchers (GET /sweeps/:id/events); optional so the processor runs without Redis streams. */
  events?: TrialEvents;
  /**
   * Called when a trial ends, however it ended: settles the sweep, or schedules its next
   * step (control queue); may answer the sweep's status after that.
   */
  afterTrial: (sweepId: string, trialId: string) => Promise<string | undefined>;
  /**
   * Each epoch's checkpoint, written with its metrics; a trial claimed again after its worker
   * died resumes from it. Without it (benchmarks) epochs are recorded alone.
   */
  checkpoints?: CheckpointStore;
  /** True once the worker shuts down: running trials are handed back at their next epoch boundary. */
  releasing?: () => boolean;
}

export type TrialJobResult =
  | { outcome: 'completed'; testError: number; bestValError: number }
  | { outcome: 'skipped' | 'cancelled'; reason: string };

/** A BullMQ job for one trial: claim it, train it on a thread, record every epoch and the result. */
export function createTrialProcessor(deps: TrialProcessorDeps) {
  const { db, log, workerId } = deps;
  // The backend line is logged at info when it changes, not for every trial (it rarely does).
  let lastBackendLine: string | null = null;
  return async (job: Job<TrialJobData>, token?: string): Promise<TrialJobResult> => {
    const { trialId, sweepId } = parseTrialJob(job.data);
    // One statement checks the sweep, claims the trial and marks the sweep running.
    const start = await startTrial(db, sweepId, trialId, workerId);
    // A paused sweep starts no trial: it stays queued and resume enqueues it again.
    if (start.outcome === 'paused') return { outcome: 'skipped', reason: 'the sweep is paused' };
    // Nor does a sweep whose time budget is spent: a scheduling step drops the trial.
    if (start.outcome === 'time budget spent') {
      await deps.afterTrial(sweepId, trialId);
      return { outcome: 'skipped', reason: 'the time budget of the sweep is spent' };
    }
    if (start.outcome !== 'claimed') {
      // A job re-run after its worker died between the trial's end and settling the sweep:
      // settle it now (harmless when it was settled), or the sweep would wait for ever.
      await deps.afterTrial(sweepId, trialId);
      return { outcome: 'skipped', reason: 'trial is no longer queued (cancelled or already finished)' };
    }
    const { trial } = start;
    await deps.events?.state(trial, 'running');
    const training = trial.training as unknown as TrainingSettings;
    const tlog = log.child({ trialId, sweepId, trial: trial.name });
    // This claim's number: every later write is fenced on it (a worker whose trial was taken
    // over by another, after its job lock lapsed, writes nothing more).
    const claim = trial.attempts;
    // A first claim has neither a checkpoint nor epoch rows: no read needed.
    const resume = claim > 1 ? await loadResume(deps.checkpoints, trialId, tlog) : null;
    if (resume) tlog.info({ attempt: trial.attempts, epoch: resume.epoch }, 'training resumed from checkpoint');
    else tlog.info({ attempt: trial.attempts }, 'training started');

    // Epoch rows are written in order, each before the next is reported as progress.
    let writes = Promise.resolve();
    let cancelled = false;
    // Set when the pruner or a sweep stop ends the training at this epoch boundary.
    let endedEarly: { pruned: string | null } | null = null;
    // Set when an epoch's loss shows the training diverged: the trial fails, with no retry.
    let diverged: string | null = null;
    // Set when the trial stops being ours mid-training: handed back at shutdown, or taken over.
    let released = false;
    let lost = false;
    const pruneCheck = createPruneCheck(db, sweepId, trialId, start, training.maxEpochs);
    const handle = deps.train(
      { model: trial.model as unknown as ModelSpec, training, ...(resume ? { resume: resume.bytes } : {}) },
      {
        backend: (info) => {
          const line = `backend ${info.name}: ${info.reason}`;
          tlog[line === lastBackendLine ? 'debug' : 'info'](line);
          lastBackendLine = line;
          writes = writes.then(() => recordBackend(db, trialId, info.name));
        },
        epoch: (report, checkpoint) => {
          writes = writes.then(async () => {
            if (diverged || lost || released) return;
            // A non-finite epoch is not written (its trial fails as diverged below).
            const finite = [report.trainLoss, report.trainError, report.valLoss, report.valError].every(Number.isFinite);
            const written = finite ? await saveEpoch(report, checkpoint) : null;
            if (written && !written.saved) {
              // The claim no longer holds: the trial was cancelled, or another worker took it.
              // Read afresh: the write's statuses are those its statement started with.
              if ((await epochStatus(db, trialId))?.trial === 'cancelled') {
                cancelled = true;
                handle.stop();
              } else {
                lost = true;
                tlog.warn({ epoch: report.epoch }, 'trial taken over by another worker: training stopped');
                void handle.kill();
              }
              return;
            }
            diverged = divergence(report, trial.model as unknown as ModelSpec);
            if (diverged) {
              tlog.warn({ epoch: report.epoch, trainLoss: report.trainLoss }, diverged);
              handle.stop();
              return;
            }
            await deps.events?.epoch(trial, report, training.maxEpochs);
            const progress: TrialJobProgress = { epoch: report.epoch, maxEpochs: training.maxEpochs, valError: report.valError };
            await reportProgress(job, progress, tlog);
            // Shutting down: this epoch is checkpointed, hand the trial back now.
            if (deps.releasing?.()) {
              released = true;
              void handle.kill();
              return;
            }
            // A cancel notice can be missed (pub/sub is fire-and-forget); the row is the truth.
            const now = written ?? (await epochStatus(db, trialId));
            if (now?.trial === 'cancelled') {
              cancelled = true;
              handle.stop();
              return;
            }
            const verdict = endedEarly ? null : await pruneCheck(report.epoch, now?.sweep ?? null);
            if (verdict) {
              endedEarly = verdict;
              tlog.info({ epoch: report.epoch, reason: verdict.pruned ?? 'sweep stopping' }, 'trial ends early');
              handle.stop();
            }
          });
          return writes;
        },
      },
    );
    deps.active.set(trialId, {
      ...handle,
      stop: () => {
        cancelled = true;
        handle.stop();
      },
    });
    // The epoch's metrics (and checkpoint) and the statuses an epoch boundary checks, one statement.
    const saveEpoch = (report: EpochInput, checkpoint?: Uint8Array): Promise<EpochWrite> =>
      deps.checkpoints
        ? deps.checkpoints.save(trialId, claim, report, checkpoint ?? null)
        : recordEpochWithCheckpoint(db, trialId, claim, report, null);
    // The trial goes back to the queue with its checkpoint, no attempt used (see docs/architecture.md).
    const handBack = async (): Promise<never> => {
      await releaseTrial(db, trialId, claim);
      await deps.events?.state(trial, 'queued');
      tlog.info('trial handed back at an epoch boundary: the worker is shutting down');
      await job.moveToWait(token);
      throw new WaitingError();
    };
    let over = true; // false when the trial did not end here (handed back or taken over)
    try {
      const result = await handle.result.catch((err: unknown) => {
        if (lost || released || deps.releasing?.()) return null; // killed on purpose
        throw err;
      });
      await writes;
      if (lost) {
        over = false;
        return { outcome: 'skipped', reason: 'another worker took the trial over' };
      }
      if (released || (!result && deps.releasing?.() && !cancelled)) {
        over = false;
        return await handBack();
      }
      if (diverged && !cancelled) throw new UnrecoverableError(diverged);
      if (cancelled || !result) {
        tlog.info('trial cancelled: training stopped');
        await deps.checkpoints?.remove(trialId);
        await deps.events?.state(trial, 'cancelled');
        return { outcome: 'cancelled', reason: 'the sweep was cancelled' };
      }
      const early = endedEarly as { pruned: string | null } | null;
      const pruned = early?.pruned ? { prunedReason: early.pruned } : {};
      if (await completeTrial(db, trialId, result, { ...pruned, claim })) {
        await deps.checkpoints?.dropFiles(trialId); // the row went with the completion
        await deps.events?.state(trial, early?.pruned ? 'pruned' : 'completed', result);
      }
      tlog.info({ testError: result.testError, bestValError: result.bestValError, epochs: result.epochsRun }, 'trial completed');
      await keepArtifact({ db, log: tlog, config: deps.artifacts }, trial, handle.artifact);
      return { outcome: 'completed', testError: result.testError, bestValError: result.bestValError };
    } catch (err) {
      if (err instanceof WaitingError) throw err; // handed back
      await writes.catch(() => {});
      if (lost) {
        over = false;
        return { outcome: 'skipped', reason: 'another worker took the trial over' };
      }
      if (cancelled) {
        tlog.info({ err }, 'trial cancelled: training stopped');
        await deps.checkpoints?.remove(trialId);
        await deps.events?.state(trial, 'cancelled');
        return { outcome: 'cancelled', reason: 'the sweep was cancelled' };
      }
      // A diverged training fails the same way every time: no retry.
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      // A retry resumes from the checkpoint; a final failure drops it.
      if ((await failTrial(db, trialId, (err as Error).message, { final, claim })) && final) await deps.checkpoints?.remove(trialId);
      await deps.events?.state(trial, final ? 'failed' : 'queued', { error: (err as Error).message });
      tlog.error({ err, final }, 'trial failed');
      throw err;
    } finally {
      deps.active.delete(trialId);
      // Unless the trial did not end here (handed back, taken over): nothing to settle then.
      if (over) {
        // afterTrial answers the sweep's status when it knows it, sparing sweepSettled a read.
        const status = await deps.afterTrial(sweepId, trialId);
        await deps.events?.sweepSettled(db, sweepId, status ?? undefined);
      }
    }
  };
}

/**
 * The checkpoint this attempt resumes from, or null to start at epoch 1. Epoch rows past it
 * go first: they are re-trained and rewritten, so the history has each epoch once. An
 * unreadable checkpoint is logged and ignored: the trial restarts rather than fails.
 */
async function loadResume(store: CheckpointStore | undefined, trialId: string, log: Logger): Promise<{ epoch: number; bytes: Uint8Array } | null> {
  if (!store) return null;
  let resume: { epoch: number; bytes: Uint8Array } | null = null;
  try {
    resume = await store.load(trialId);
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'checkpoint unreadable: the trial starts over');
  }
  await store.dropEpochsAfter(trialId, resume?.epoch ?? 0);
  return resume;
}
