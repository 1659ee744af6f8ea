import { Worker } from 'node:worker_threads';
import type { BackendInfo, EpochReport, ModelArtifact, TrialResult } from '@modelspace/trainer';
import type { TrainingThreadInput, TrainingThreadMessage } from './training-protocol.ts';

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

export class TrainingThreadError extends Error {
  constructor(message: string, readonly threadStack?: string) {
    super(message);
    this.name = 'TrainingThreadError';
  }
}

const BOOTSTRAP = new URL('./thread-bootstrap.mjs', import.meta.url);
const THREAD_ENTRY = new URL('./training-thread.ts', import.meta.url).href;

/**
 * Trains one trial on a fresh thread. A fresh thread per trial costs a backend start-up
 * (well under a second) and buys isolation: a crashed or killed training takes nothing
 * else with it. Events arrive in order; the caller's handlers run one at a time, and the
 * thread starts epoch N+1 only once the handler of epoch N has settled (see epochAck).
 */
export function runTraining(
  input: Omit<TrainingThreadInput, 'stopFlag' | 'epochAck'>,
  on: { backend(info: BackendInfo): void; epoch(report: EpochReport): void | Promise<void> },
): TrainingHandle {
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const epochAck = new Int32Array(new SharedArrayBuffer(4));
  // The thread waits for this before its next epoch: the handler's verdict comes first.
  const acknowledge = (epoch: number) => {
    Atomics.store(epochAck, 0, epoch);
    Atomics.notify(epochAck, 0);
  };
  const workerData: TrainingThreadInput & { entry: string } = { ...input, stopFlag, epochAck, entry: THREAD_ENTRY };
  const thread = new Worker(BOOTSTRAP, { workerData });
  let artifact: ModelArtifact | null = null;
  const result = new Promise<TrialResult | null>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    thread.on('message', (m: TrainingThreadMessage) => {
      switch (m.type) {
        case 'backend':
          return on.backend(m.info);
        case 'epoch': {
          const epoch = m.report.epoch;
          // A failing handler must not hold the training forever: its error surfaces where
          // the caller awaits its own work; the thread goes on either way.
          void Promise.resolve()
            .then(() => on.epoch(m.report))
            .catch(() => {})
            .finally(() => acknowledge(epoch));
          return;
        }
        case 'done':
          artifact = m.artifact ?? null;
          return settle(() => resolve(m.result));
        case 'stopped':
          return settle(() => resolve(null));
        case 'error':
          return settle(() => reject(new TrainingThreadError(m.message, m.stack)));
      }
    });
    thread.on('error', (err) => settle(() => reject(new TrainingThreadError(`training thread crashed: ${err.message}`, err.stack))));
    thread.on('exit', (code) =>
      settle(() => reject(new TrainingThreadError(`training thread exited with code ${code} before finishing`))),
    );
  }).finally(() => void thread.terminate());
  return {
    result,
    artifact: result.then(() => artifact, () => null),
    stop: () => {
      Atomics.store(stopFlag, 0, 1);
      Atomics.notify(epochAck, 0); // a thread waiting at an epoch boundary sees the stop now
    },
    kill: async () => {
      await thread.terminate();
    },
  };
}
