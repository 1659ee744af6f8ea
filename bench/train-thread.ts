/** Worker entry for bench/train.ts: trains one trial and posts its samples/s per epoch. */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend, trainTrial, type MnistData } from '@modelspace/trainer';
import type { ModelSpec, TrainingSettings } from '@modelspace/core';

const { data, model, training, backend } = workerData as {
  data: MnistData;
  model: ModelSpec;
  training: TrainingSettings;
  backend?: NonNullable<Parameters<typeof initBackend>[0]>['prefer'];
};
await initBackend({ prefer: backend ?? 'wasm' });
const rates: number[] = [];
await trainTrial({ model, data, training, onEpoch: (e) => void rates.push(e.samplesPerSec) });
parentPort!.postMessage(rates);
