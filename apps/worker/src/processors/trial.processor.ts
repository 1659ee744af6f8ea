import { UnrecoverableError, WaitingError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import {
  askPruner,
  cancelRun,
  epochBoundary,
  epochMatters,
  isBuiltInDataset,
  NEW_RUN,
  settlesSweep,
  trialOutcome,
  type Boundary,
  type TrialModel,
  type TrainingEnd,
  type TrainingSettings,
  type TrialEnding,
  type TrialRun,
} from '@modelspace/core';
import { createPruneCheck } from './prune-check.ts';
import { divergence } from './divergence.ts';
import { completeTrial, datasetOfSweep, epochStatus, failTrial, recordBackend, releaseTrial, startTrial, type Db } from '@modelspace/db';
import { parseTrialJob, type TrialJobData, type TrialJobProgress } from '@modelspace/queue';
import type { Trainer, TrainingHandle } from '../training-pool.ts';
import type { EpochReport, TrialResult as TrainingResult } from '@modelspace/trainer';
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
  /** Live events for watchers (GET /sweeps/:id/events). */
  events: TrialEvents;
  /**
   * Called when a trial ends, however it ended: settles the sweep, or schedules its next
   * step (control queue); may answer the sweep's status after that.
   */
  afterTrial: (sweepId: string, trialId: string) => Promise<string | undefined>;
  /** Each epoch's checkpoint, written with its metrics; a trial claimed again after its worker died resumes from it. */
  checkpoints: CheckpointStore;
  /** True once the worker shuts down: running trials are handed back at their next epoch boundary. */
  releasing: () => boolean;
}

export type TrialJobResult = { outcome: 'completed'; testError: number; bestValError: number } | { outcome: 'skipped' | 'cancelled'; reason: string };

/**
 * A BullMQ job for one trial: claim it, train it on a thread, record every epoch and the
 * result. Every decision (at each epoch boundary, and at the end) is core's
 * (`epochBoundary`, `trialOutcome`); this adapter gathers their facts and carries them out.
 */
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
    await deps.events.state(trial, 'running');
    const training = trial.training as unknown as TrainingSettings;
    const model = trial.model as unknown as TrialModel;
    const tlog = log.child({ trialId, sweepId, trial: trial.name });
    // This claim's number: every later write is fenced on it (a worker whose trial was taken
    // over by another, after its job lock lapsed, writes nothing more).
    const claim = trial.attempts;
    // A first claim has neither a checkpoint nor epoch rows: no read needed.
    const resume = claim > 1 ? await loadResume(deps.checkpoints, trialId, tlog) : null;
    if (resume) tlog.info({ attempt: trial.attempts, epoch: resume.epoch }, 'training resumed from checkpoint');
    else tlog.info({ attempt: trial.attempts }, 'training started');

    // An uploaded dataset's row, read once: its class count for the divergence check (the built-in
    // datasets have 10), and what the stored model's metadata.json records of it.
    const dataset = training.dataset;
    const uploaded = dataset && !isBuiltInDataset(dataset) ? await datasetOfSweep(db, sweepId, dataset) : null;
    const classes = uploaded?.classes ?? 10;
    let run: TrialRun = NEW_RUN;
    const pruneCheck = createPruneCheck(db, sweepId, trialId, start, training.maxEpochs);
    /** Carries out a boundary's decision on the training thread. */
    const act = (boundary: Boundary, report: EpochReport) => {
      if (boundary.action === 'release') {
        if (boundary.reason === 'taken over') tlog.warn({ epoch: report.epoch }, 'trial taken over by another worker: training stopped');
        void handle.kill();
      } else if (boundary.action === 'stop') {
        const r = boundary.reason;
        if (r.kind === 'diverged') tlog.warn({ epoch: report.epoch, trainLoss: report.trainLoss }, r.message);
        if (r.kind === 'pruned' || r.kind === 'sweep stopping') tlog.info({ epoch: report.epoch, reason: r.kind === 'pruned' ? r.reason : 'sweep stopping' }, 'trial ends early');
        handle.stop();
      }
    };
    /** One epoch boundary: write the epoch and its checkpoint, decide, report, decide again. */
    const boundary = async (report: EpochReport, checkpoint?: Uint8Array) => {
      if (!epochMatters(run)) return;
      // A non-finite epoch is not written (its trial fails as diverged).
      const finite = [report.trainLoss, report.trainError ?? 0, report.valLoss, report.valError].every(Number.isFinite);
      const written = finite ? await deps.checkpoints.save(trialId, claim, report, checkpoint ?? null) : null;
      // When the claim no longer holds, read afresh: the write's statuses are those its statement started with.
      const lostClaim = written !== null && !written.saved;
      const trialStatus = lostClaim ? ((await epochStatus(db, trialId))?.trial ?? null) : (written?.trial ?? null);
      const first = epochBoundary(run, { phase: 'written', saved: written ? written.saved : null, trialStatus, diverged: lostClaim ? null : divergence(report, model, classes) });
      run = first.run;
      if (first.boundary.action !== 'continue') return act(first.boundary, report);
      await deps.events.epoch(trial, report, training.maxEpochs);
      const progress: TrialJobProgress = { epoch: report.epoch, maxEpochs: training.maxEpochs, valError: report.valError };
      await reportProgress(job, progress, tlog);
      // Facts read only when a rule still needs them: no status read at shutdown, no pruner once cancelled or stopped.
      const releasing = deps.releasing();
      const now = releasing ? null : (written ?? (await epochStatus(db, trialId)));
      const prune = !releasing && now?.trial !== 'cancelled' && askPruner(run) ? await pruneCheck(report.epoch, now?.sweep ?? null) : null;
      const second = epochBoundary(run, { phase: 'reported', releasing, trialStatus: now?.trial ?? null, prune });
      run = second.run;
      act(second.boundary, report);
    };
    // Epoch rows are written in order, each before the next is reported as progress.
    let writes = Promise.resolve();
    const handle = deps.train(
      { model, training, trial: { id: trialId, sweepId, attempt: claim }, ...(resume ? { resume: resume.bytes } : {}) },
      {
        backend: (info) => {
          const line = `backend ${info.name}: ${info.reason}`;
          tlog[line === lastBackendLine ? 'debug' : 'info'](line);
          lastBackendLine = line;
          writes = writes.then(() => recordBackend(db, trialId, info.name));
        },
        epoch: (report, checkpoint) => (writes = writes.then(() => boundary(report, checkpoint))),
      },
    );
    deps.active.set(trialId, {
      ...handle,
      stop: () => {
        run = cancelRun(run);
        handle.stop();
      },
    });
    const failure = (err: unknown, inTraining: boolean): TrainingEnd => ({
      kind: 'error',
      message: (err as Error).message,
      unrecoverable: err instanceof UnrecoverableError,
      lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      inTraining,
    });
    /** The error BullMQ gets once a failure is recorded (retried or final by its attempts). */
    let recordedFailure: unknown = null;
    /** Carries out what came of the trial. */
    const carryOut = async (ending: TrialEnding, result: TrainingResult | null, err: unknown): Promise<TrialJobResult> => {
      switch (ending.kind) {
        case 'taken over':
          return { outcome: 'skipped', reason: 'another worker took the trial over' };
        case 'hand back':
          // The trial goes back to the queue with its checkpoint, no attempt used (see docs/architecture.md).
          await releaseTrial(db, trialId, claim);
          await deps.events.state(trial, 'queued');
          tlog.info('trial handed back at an epoch boundary: the worker is shutting down');
          await job.moveToWait(token);
          throw new WaitingError();
        case 'cancelled':
          if (err) tlog.info({ err }, 'trial cancelled: training stopped');
          else tlog.info('trial cancelled: training stopped');
          await deps.checkpoints.remove(trialId);
          await deps.events.state(trial, 'cancelled');
          return { outcome: 'cancelled', reason: 'the sweep was cancelled' };
        case 'complete': {
          const r = result!;
          if (!(await completeTrial(db, trialId, r, { ...(ending.pruned !== null ? { prunedReason: ending.pruned } : {}), claim }))) {
            // Taken over (this worker was cut off or paused past its lock) or cancelled meanwhile: the
            // result, and its model, are not this claim's to write.
            tlog.warn({ attempt: claim }, 'trial result not recorded: its claim no longer holds');
            return { outcome: 'skipped', reason: 'the claim no longer holds' };
          }
          await deps.checkpoints.dropFiles(trialId); // the row went with the completion
          await deps.events.state(trial, ending.pruned !== null ? 'pruned' : 'completed', r);
          tlog.info({ testError: r.testError, bestValError: r.bestValError, epochs: r.epochsRun }, 'trial completed');
          await keepArtifact({ db, log: tlog, config: deps.artifacts }, trial, handle.artifact, uploaded);
          return { outcome: 'completed', testError: r.testError, bestValError: r.bestValError };
        }
        case 'fail': {
          // A retry resumes from the checkpoint; a final failure drops it.
          if ((await failTrial(db, trialId, ending.message, { final: ending.final, claim })) && ending.final) await deps.checkpoints.remove(trialId);
          await deps.events.state(trial, ending.final ? 'failed' : 'queued', { error: ending.message });
          recordedFailure = err ?? new UnrecoverableError(ending.message); // a diverged training: no retry
          tlog.error({ err: recordedFailure, final: ending.final }, 'trial failed');
          throw recordedFailure;
        }
      }
    };
    // What the run came to, once decided: whether the trial ended here (its sweep settles) follows from it.
    let decided: TrialEnding | null = null;
    try {
      let result: TrainingResult | null = null;
      let trainingError: unknown = null;
      const end = await handle.result.then(
        (r): TrainingEnd => {
          result = r;
          return r ? { kind: 'result' } : { kind: 'no result' };
        },
        (err: unknown): TrainingEnd => {
          trainingError = err;
          return failure(err, true);
        },
      );
      await writes;
      decided = trialOutcome(run, end, deps.releasing());
      return await carryOut(decided, result, trainingError);
    } catch (err) {
      if (err instanceof WaitingError || err === recordedFailure) throw err;
      await writes.catch(() => {});
      // A write that failed while recording the end: the attempt failed (unless the trial is gone or cancelled).
      return await carryOut(trialOutcome(run, failure(err, false), false), null, err);
    } finally {
      deps.active.delete(trialId);
      // Unless the trial did not end here (handed back, taken over): nothing to settle then.
      if (!decided || settlesSweep(decided)) {
        // afterTrial answers the sweep's status when it knows it, sparing sweepSettled a read.
        const status = await deps.afterTrial(sweepId, trialId);
        await deps.events.sweepSettled(db, sweepId, status ?? undefined);
      }
    }
  };
}

/**
 * The checkpoint this attempt resumes from, or null to start at epoch 1. Epoch rows past it
 * go first: they are re-trained and rewritten, so the history has each epoch once. An
 * unreadable checkpoint is logged and ignored: the trial restarts rather than fails.
 */
async function loadResume(store: CheckpointStore, trialId: string, log: Logger): Promise<{ epoch: number; bytes: Uint8Array } | null> {
  let resume: { epoch: number; bytes: Uint8Array } | null = null;
  try {
    resume = await store.load(trialId);
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'checkpoint unreadable: the trial starts over');
  }
  await store.dropEpochsAfter(trialId, resume?.epoch ?? 0);
  return resume;
}
