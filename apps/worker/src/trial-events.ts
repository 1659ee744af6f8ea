import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { sweepStatus, type Db, type Trial } from '@modelspace/db';
import { isFinishedSweepStatus, publishSweepEventSafely, type QueueNames, type SweepEventInput, type TrialJobProgress } from '@modelspace/queue';
import type { EpochReport } from '@modelspace/trainer';

/**
 * What the trial processor tells watchers (GET /sweeps/:id/events): each state change of a
 * trial, each epoch as it is recorded, and the sweep's end. Every call is best-effort: a
 * lost event never fails a training (Postgres stays the record).
 */
export interface TrialEvents {
  state(trial: Pick<Trial, 'id' | 'sweepId' | 'index' | 'name'>, status: string, extra?: Partial<Trial>): Promise<void>;
  epoch(trial: Pick<Trial, 'id' | 'sweepId' | 'index' | 'name'>, report: EpochReport, maxEpochs: number): Promise<void>;
  /** After the sweep may have ended: publishes its end once its row (or `status`, if known) says it has. */
  sweepSettled(db: Db, sweepId: string, status?: string): Promise<void>;
}

export function createTrialEvents(redis: Redis, names: QueueNames, log: Logger): TrialEvents {
  // Not awaited: a trial does not wait for Redis to acknowledge its events. They stay in
  // order (one connection sends commands in the order given) and failures are logged.
  const publish = async (input: SweepEventInput) => {
    void publishSweepEventSafely(redis, names, input, (err) => log.warn({ err, event: input.type }, 'sweep event not published'));
  };
  return {
    state: (trial, status, extra = {}) =>
      publish({
        type: 'trial',
        sweepId: trial.sweepId,
        trialId: trial.id,
        index: trial.index,
        name: trial.name,
        status,
        ...pickResult(extra),
      }),
    epoch: (trial, r, maxEpochs) =>
      publish({
        type: 'epoch',
        sweepId: trial.sweepId,
        trialId: trial.id,
        index: trial.index,
        name: trial.name,
        epoch: r.epoch,
        maxEpochs,
        trainLoss: r.trainLoss,
        trainError: r.trainError,
        valLoss: r.valLoss,
        valError: r.valError,
        durationMs: r.durationMs,
        samplesPerSec: r.samplesPerSec,
      }),
    async sweepSettled(db, sweepId, status) {
      // The status alone: this runs at every trial's end.
      const now = status ?? (await sweepStatus(db, sweepId).catch(() => null));
      // Two workers finishing the last trials may both publish the end; watchers stop at the first.
      if (now && isFinishedSweepStatus(now)) await publish({ type: 'sweep', sweepId, status: now });
    },
  };
}

function pickResult(t: Partial<Trial>) {
  const out: Record<string, unknown> = {};
  for (const k of ['bestValError', 'testError', 'bestEpoch', 'epochsRun', 'durationMs', 'stopReason', 'backend', 'error'] as const) {
    if (t[k] !== undefined) out[k] = t[k];
  }
  return out;
}

/** How long an epoch waits for its BullMQ progress report before going on without it. */
const PROGRESS_TIMEOUT_MS = 2_000;

/**
 * BullMQ progress is for operators (Postgres has every epoch): while Redis is down the
 * training goes on without it. The report stays queued on the connection and lands, stale
 * but harmless, when Redis is back; a report that fails is logged.
 */
export async function reportProgress(job: Pick<Job, 'updateProgress'>, progress: TrialJobProgress, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const sent = job.updateProgress(progress as unknown as object).then(
    () => true,
    (err: unknown) => {
      log.warn({ err: (err as Error).message, epoch: progress.epoch }, 'job progress not reported');
      return true;
    },
  );
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROGRESS_TIMEOUT_MS)));
  if (!(await Promise.race([sent, late]))) log.warn({ epoch: progress.epoch }, 'job progress not reported yet (Redis unavailable?); training goes on');
  clearTimeout(timer);
}
