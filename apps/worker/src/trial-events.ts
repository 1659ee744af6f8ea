import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { getSweep, type Db, type Trial } from '@modelspace/db';
import { isFinishedSweepStatus, publishSweepEventSafely, type QueueNames, type SweepEventInput } from '@modelspace/queue';
import type { EpochReport } from '@modelspace/trainer';

/**
 * What the trial processor tells watchers (GET /sweeps/:id/events): each state change of a
 * trial, each epoch as it is recorded, and the sweep's end. Every call is best-effort: a
 * lost event never fails a training (Postgres stays the record).
 */
export interface TrialEvents {
  state(trial: Pick<Trial, 'id' | 'sweepId' | 'index' | 'name'>, status: string, extra?: Partial<Trial>): Promise<void>;
  epoch(trial: Pick<Trial, 'id' | 'sweepId' | 'index' | 'name'>, report: EpochReport, maxEpochs: number): Promise<void>;
  /** After the sweep may have ended: publishes its end once its row says it has. */
  sweepSettled(db: Db, sweepId: string): Promise<void>;
}

export function createTrialEvents(redis: Redis, names: QueueNames, log: Logger): TrialEvents {
  const publish = (input: SweepEventInput) =>
    publishSweepEventSafely(redis, names, input, (err) => log.warn({ err, event: input.type }, 'sweep event not published'));
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
    async sweepSettled(db, sweepId) {
      const sweep = await getSweep(db, sweepId).catch(() => null);
      // Two workers finishing the last trials may both publish the end; watchers stop at the first.
      if (sweep && isFinishedSweepStatus(sweep.status)) await publish({ type: 'sweep', sweepId, status: sweep.status });
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
