import type { ModelSpec, TrainingSettings } from '@modelspace/core';
import type { BackendInfo, EpochReport, MnistData, TrialResult } from '@modelspace/trainer';

/** What the worker hands a training thread. */
export interface TrainingThreadInput {
  model: ModelSpec;
  training: TrainingSettings;
  /** Backed by SharedArrayBuffer: every thread reads the one copy the process loaded. */
  data: MnistData;
  backend: 'auto' | 'wasm' | 'cpu' | 'tensorflow';
  /** Int32Array(1) over a SharedArrayBuffer; 1 = stop at the next batch. */
  stopFlag: Int32Array;
}

/** What a training thread says, in order: backend, epochs, then done or error. */
export type TrainingThreadMessage =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'epoch'; report: EpochReport }
  | { type: 'done'; result: TrialResult }
  | { type: 'stopped' }
  | { type: 'error'; message: string; stack?: string };
