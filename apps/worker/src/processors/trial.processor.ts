import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { ModelSpec, TrainingSettings } from '@modelspace/core';
import { createPruneCheck } from './prune-check.ts';
import { divergence } from './divergence.ts';
import {
  claimTrial,
  completeTrial,
  failTrial,
  finishSweepIfDone,
  markSweepRunning,
  recordBackend,
  recordEpoch,
  trialStatus,
  type Db,
} from '@modelspace/db';
import { parseTrialJob, type TrialJobData, type TrialJobProgress } from '@modelspace/queue';
import type { Trainer, TrainingHandle } from '../training-pool.ts';
import type { ArtifactConfig } from '@modelspace/artifacts';
import { keepArtifact } from '../artifact-sink.ts';
import type { TrialEvents } from '../trial-events.ts';

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
  /** Called when a trial ends, however it ended: schedules the sweep's next step (control queue). */
  afterTrial?: (sweepId: string, trialId: string) => Promise<void>;
}

export type TrialJobResult =
  | { outcome: 'completed'; testError: number; bestValError: number }
  | { outcome: 'skipped' | 'cancelled'; reason: string };

/** A BullMQ job for one trial: claim it, train it on a thread, record every epoch and the result. */
export function createTrialProcessor(deps: TrialProcessorDeps) {
  const { db, log, workerId } = deps;
  return async (job: Job<TrialJobData>): Promise<TrialJobResult> => {
    const { trialId, sweepId } = parseTrialJob(job.data);
    // A paused sweep starts no trial: it stays queued and resume enqueues it again.
    const sweepState = await db.sweep.findUnique({ where: { id: sweepId }, select: { status: true, createdAt: true, maxDurationSeconds: true } });
    if (sweepState?.status === 'paused') return { outcome: 'skipped', reason: 'the sweep is paused' };
    // Nor does a sweep whose time budget is spent: a scheduling step drops the trial.
    if (sweepState?.maxDurationSeconds != null && Date.now() >= sweepState.createdAt.getTime() + sweepState.maxDurationSeconds * 1000) {
      await deps.afterTrial?.(sweepId, trialId);
      return { outcome: 'skipped', reason: 'the time budget of the sweep is spent' };
    }
    const trial = await claimTrial(db, trialId, workerId);
    if (!trial) {
      return { outcome: 'skipped', reason: 'trial is no longer queued (cancelled or already finished)' };
    }
    await markSweepRunning(db, sweepId);
    await deps.events?.state(trial, 'running');
    const training = trial.training as unknown as TrainingSettings;
    const tlog = log.child({ trialId, sweepId, trial: trial.name });
    tlog.info({ attempt: trial.attempts }, 'training started');

    // Epoch rows are written in order, each before the next is reported as progress.
    let writes = Promise.resolve();
    let cancelled = false;
    // Set when the pruner or a sweep stop ends the training at this epoch boundary.
    let endedEarly: { pruned: string | null } | null = null;
    // Set when an epoch's loss shows the training diverged: the trial fails, with no retry.
    let diverged: string | null = null;
    const pruneCheck = await createPruneCheck(db, sweepId, trialId);
    const handle = deps.train(
      { model: trial.model as unknown as ModelSpec, training },
      {
        backend: (info) => {
          tlog.info(`backend ${info.name}: ${info.reason}`);
          writes = writes.then(() => recordBackend(db, trialId, info.name));
        },
        epoch: (report) => {
          writes = writes.then(async () => {
            if (diverged) return;
            const finite = [report.trainLoss, report.trainError, report.valLoss, report.valError].every(Number.isFinite);
            if (finite) await recordEpoch(db, trialId, report);
            diverged = divergence(report, trial.model as unknown as ModelSpec);
            if (diverged) {
              tlog.warn({ epoch: report.epoch, trainLoss: report.trainLoss }, diverged);
              handle.stop();
              return;
            }
            await deps.events?.epoch(trial, report, training.maxEpochs);
            const progress: TrialJobProgress = { epoch: report.epoch, maxEpochs: training.maxEpochs, valError: report.valError };
            await job.updateProgress(progress as unknown as object);
            // A cancel notice can be missed (pub/sub is fire-and-forget); the row is the truth.
            if ((await trialStatus(db, trialId)) === 'cancelled') {
              cancelled = true;
              handle.stop();
              return;
            }
            const verdict = endedEarly ? null : await pruneCheck(report.epoch);
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
    try {
      const result = await handle.result;
      await writes;
      if (diverged && !cancelled) throw new UnrecoverableError(diverged);
      if (cancelled || !result) {
        tlog.info('trial cancelled: training stopped');
        await deps.events?.state(trial, 'cancelled');
        return { outcome: 'cancelled', reason: 'the sweep was cancelled' };
      }
      const early = endedEarly as { pruned: string | null } | null;
      const pruned = early?.pruned ? { prunedReason: early.pruned } : {};
      if (await completeTrial(db, trialId, result, pruned)) await deps.events?.state(trial, early?.pruned ? 'pruned' : 'completed', result);
      tlog.info({ testError: result.testError, bestValError: result.bestValError, epochs: result.epochsRun }, 'trial completed');
      await keepArtifact({ db, log: tlog, config: deps.artifacts }, trial, handle.artifact);
      return { outcome: 'completed', testError: result.testError, bestValError: result.bestValError };
    } catch (err) {
      await writes.catch(() => {});
      if (cancelled) {
        tlog.info({ err }, 'trial cancelled: training stopped');
        await deps.events?.state(trial, 'cancelled');
        return { outcome: 'cancelled', reason: 'the sweep was cancelled' };
      }
      // A diverged training fails the same way every time: no retry.
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await failTrial(db, trialId, (err as Error).message, { final });
      await deps.events?.state(trial, final ? 'failed' : 'queued', { error: (err as Error).message });
      tlog.error({ err, final }, 'trial failed');
      throw err;
    } finally {
      deps.active.delete(trialId);
      if (deps.afterTrial) await deps.afterTrial(sweepId, trialId);
      else await finishSweepIfDone(db, sweepId);
      await deps.events?.sweepSettled(db, sweepId);
    }
  };
}
