import { Worker } from 'node:worker_threads';
import type { BackendInfo, EpochReport, ModelArtifact, TrialResult } from '@modelspace/trainer';
import type { TrialModel, TrainingSettings } from '@modelspace/core';
import type { TrainingJob, TrainingThreadInit, TrainingThreadMessage } from './training-protocol.ts';

export interface TrainingHandle {
  /** Resolves with the result, or null when the training was stopped before any epoch ended. */
  result: Promise<TrialResult | null>;
  /** The trained model (best-validation weights) once `result` resolves with one; else null. */
  artifact: Promise<ModelArtifact | null>;
  /** Asks the thread to stop at the next batch boundary. */
  stop(): void;
  /** Ends the thread now (worker shutdown). */
  kill(): Promise<void>;
}

export interface TrainingHandlers {
  backend(info: BackendInfo): void;
  /** `checkpoint`: the state after this epoch (encodeCheckpoint); a stand-in trainer may give none. */
  epoch(report: EpochReport, checkpoint?: Uint8Array): void | Promise<void>;
}

/** One trial's training as the trial processor asks for it: a built-in model or a program, with who it is for. */
export interface TrialTrainingJob {
  model: TrialModel;
  training: TrainingSettings;
  /** A checkpoint to continue from (the trainer's own encoding). */
  resume?: Uint8Array;
  trial: { id: string; sweepId: string; attempt: number };
}

/** Trains one trial: what the trial processor calls (see trial-trainer.ts; a stand-in in a benchmark). */
export type Trainer = (job: TrialTrainingJob, on: TrainingHandlers) => TrainingHandle;

/** Trains a built-in model on a thread: a pool's `run`. */
export type BuiltInTrainer = (job: Pick<TrainingJob, 'model' | 'training' | 'resume' | 'data'>, on: TrainingHandlers) => TrainingHandle;

export class TrainingThreadError extends Error {
  constructor(
    message: string,
    readonly threadStack?: string,
  ) {
    super(message);
    this.name = 'TrainingThreadError';
  }
}

const BOOTSTRAP = new URL('./thread-bootstrap.mjs', import.meta.url);
const THREAD_ENTRY = new URL('./training-thread.ts', import.meta.url).href;

export interface TrainingPool {
  run: BuiltInTrainer;
  /**
   * Starts `threads` threads now and resolves when each has started its backend (with the
   * backend the first one chose): the first trials then train at once instead of paying
   * TensorFlow.js's start-up.
   */
  warm(threads: number): Promise<BackendInfo | null>;
  /** Ends every thread, idle or busy. */
  close(): Promise<void>;
}

/**
 * Training threads, reused across trials: starting TensorFlow.js and its backend costs a
 * couple of CPU-seconds, paid once per thread instead of once per trial. A thread whose
 * training crashed or was killed is thrown away; the next trial gets a fresh one. At most
 * `maxIdle` idle threads are kept (one per concurrency slot).
 */
export function createTrainingPool(init: TrainingThreadInit, opts: { maxIdle: number }): TrainingPool {
  const idle: Worker[] = [];
  const all = new Set<Worker>();

  const spawn = () => {
    const thread = new Worker(BOOTSTRAP, { workerData: { ...init, entry: THREAD_ENTRY } });
    all.add(thread);
    thread.on('exit', () => {
      all.delete(thread);
      const i = idle.indexOf(thread);
      if (i >= 0) idle.splice(i, 1);
    });
    return thread;
  };
  const release = (thread: Worker) => {
    if (all.has(thread) && idle.length < opts.maxIdle) idle.push(thread);
    else void thread.terminate();
  };

  const run: BuiltInTrainer = (job, on) => {
    const thread = idle.pop() ?? spawn();
    const stopFlag = new Int32Array(new SharedArrayBuffer(4));
    const epochAck = new Int32Array(new SharedArrayBuffer(4));
    // The thread waits for this before its next epoch: the handler's verdict comes first.
    const acknowledge = (epoch: number) => {
      Atomics.store(epochAck, 0, epoch);
      Atomics.notify(epochAck, 0);
    };
    let artifact: ModelArtifact | null = null;
    let reusable = false;
    const result = new Promise<TrialResult | null>((resolve, reject) => {
      const onMessage = (m: TrainingThreadMessage) => {
        switch (m.type) {
          case 'backend':
            return on.backend(m.info);
          case 'epoch': {
            const epoch = m.report.epoch;
            // A failing handler must not hold the training forever: its error surfaces where
            // the caller awaits its own work; the thread goes on either way.
            void Promise.resolve()
              .then(() => on.epoch(m.report, m.checkpoint))
              .catch(() => {})
              .finally(() => acknowledge(epoch));
            return;
          }
          case 'done':
            artifact = m.artifact ?? null;
            reusable = true;
            return settle(() => resolve(m.result));
          case 'stopped':
            reusable = true;
            return settle(() => resolve(null));
          case 'error':
            // A training error leaves the thread sound (the trainer frees its tensors).
            reusable = true;
            return settle(() => reject(new TrainingThreadError(m.message, m.stack)));
        }
      };
      const onError = (err: Error) => settle(() => reject(new TrainingThreadError(`training thread crashed: ${err.message}`, err.stack)));
      const onExit = (code: number) => settle(() => reject(new TrainingThreadError(`training thread exited with code ${code} before finishing`)));
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        thread.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reusable) release(thread);
        else void thread.terminate();
        fn();
      };
      thread.on('message', onMessage).on('error', onError).on('exit', onExit);
      const message = { ...job, stopFlag, epochAck } satisfies TrainingJob;
      thread.postMessage(message, job.resume ? [job.resume.buffer as ArrayBuffer] : []);
    });
    return {
      result,
      artifact: result.then(
        () => artifact,
        () => null,
      ),
      stop: () => {
        Atomics.store(stopFlag, 0, 1);
        Atomics.notify(epochAck, 0); // a thread waiting at an epoch boundary sees the stop now
      },
      kill: async () => {
        await thread.terminate();
      },
    };
  };

  const warm = async (threads: number): Promise<BackendInfo | null> => {
    const started = Array.from({ length: threads }, () => {
      const thread = spawn();
      return new Promise<BackendInfo | null>((resolve) => {
        const onMessage = (m: TrainingThreadMessage) => {
          if (m.type !== 'ready') return;
          thread.off('message', onMessage).off('exit', onExit);
          release(thread);
          resolve(m.info);
        };
        const onExit = () => resolve(null);
        thread.on('message', onMessage).once('exit', onExit);
      });
    });
    const infos = await Promise.all(started);
    return infos.find((i) => i !== null) ?? null;
  };

  return {
    run,
    warm,
    async close() {
      await Promise.all([...all].map((t) => t.terminate()));
    },
  };
}
