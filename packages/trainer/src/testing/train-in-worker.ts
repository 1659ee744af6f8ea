/** Worker entry for train-worker.test.ts: trains one tiny trial inside a worker_thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveTraining } from '@modelspace/core';
import { initBackend, trainTrial, type MnistData } from '../index.ts';

const { data } = workerData as { data: MnistData };
const backend = await initBackend();
const epochs: number[] = [];
const result = await trainTrial({
  model: { kind: 'convnet', activation: 'sigmoid', featureMaps: [4, 8], filterSize: 5, denseUnits: 32 },
  data,
  training: resolveTraining({ maxEpochs: 1, trainSubset: 512, valSubset: 200, testSubset: 200, learningRate: 0.05 }),
  onEpoch: (e) => void epochs.push(e.epoch),
});
parentPort!.postMessage({ backend, result, epochs, sharedSeen: data.trainImages.buffer instanceof SharedArrayBuffer });
