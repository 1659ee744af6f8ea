import type { ModelSpec, TrainingSettings } from '@modelspace/core';
import type { BackendInfo, EpochReport, MnistData, ModelArtifact, TrainingData, TrialResult } from '@modelspace/trainer';

/** What a training thread gets once, when it starts. */
export interface TrainingThreadInit {
  /** Backed by SharedArrayBuffer: every thread reads the one copy the process loaded. */
  data: MnistData;
  backend: 'auto' | 'native' | 'wasm' | 'cpu' | 'tensorflow';
}

/** One training: the worker posts it to an idle thread. */
export interface TrainingJob {
  model: ModelSpec;
  training: TrainingSettings;
  /** Int32Array(1) over a SharedArrayBuffer; 1 = stop at the next batch. */
  stopFlag: Int32Array;
  /**
   * Int32Array(1) over a SharedArrayBuffer: the last epoch the worker has handled (recorded,
   * asked the pruner about). The thread waits for it before starting the next epoch, so a
   * prune or stop verdict lands exactly at the epoch boundary it was made for.
   */
  epochAck: Int32Array;
  /** A checkpoint (encodeCheckpoint) to continue from, instead of starting at epoch 1; transferred. */
  resume?: Uint8Array;
  /** Another dataset than the thread's MNIST (training.dataset: built in or uploaded), also in shared memory: posted, not copied. */
  data?: TrainingData;
}

/** What a training thread says about a job, in order: backend, epochs, then done, stopped or error. */
export type TrainingThreadMessage =
  /** Sent once, when the thread has started its backend (before any job): it is warm. */
  | { type: 'ready'; info: BackendInfo | null }
  | { type: 'backend'; info: BackendInfo }
  /** `checkpoint`: the state after this epoch (encodeCheckpoint), transferred, not copied. */
  | { type: 'epoch'; report: EpochReport; checkpoint: Uint8Array }
  /** `artifact`: the best-validation model as files; its weights buffer is transferred, not copied. */
  | { type: 'done'; result: TrialResult; artifact?: ModelArtifact }
  | { type: 'stopped' }
  | { type: 'error'; message: string; stack?: string };
