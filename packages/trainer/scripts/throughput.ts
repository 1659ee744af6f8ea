/**
 * Measures training throughput (samples/s) of two conv nets on the chosen backend, one
 * thread: the small demo net and a seed-like one. Usage:
 *   node --import tsx packages/trainer/scripts/throughput.ts [wasm|cpu|auto] [batchSize]
 * Epoch 1 is warm-up (XNNPACK operator setup, JIT); the figure is the mean of epochs 2..3.
 */
import type { ModelSpec } from '@modelspace/core';
import { resolveTraining } from '@modelspace/core';
import { initBackend, loadMnist, trainTrial, type EpochReport } from '../src/index.ts';

const prefer = (process.argv[2] ?? 'wasm') as 'wasm' | 'cpu' | 'auto';
const batchSize = Number(process.argv[3] ?? 64);
const nets: { name: string; model: ModelSpec; samples: number }[] = [
  { name: 'small [8,16] dense 64', model: { kind: 'convnet', activation: 'relu', featureMaps: [8, 16], filterSize: 5, denseUnits: 64 }, samples: 6400 },
  { name: 'seed-like [32,64] dense 128', model: { kind: 'convnet', activation: 'relu', featureMaps: [32, 64], filterSize: 5, denseUnits: 128 }, samples: 1920 },
  { name: 'seed model 3 [64,64] dense 128', model: { kind: 'convnet', activation: 'relu', featureMaps: [64, 64], filterSize: 5, denseUnits: 128 }, samples: 1280 },
  { name: 'softmax', model: { kind: 'softmax' }, samples: 20000 },
];

const info = await initBackend({ prefer });
console.log(`backend ${info.name} (${info.reason}), batch ${batchSize}`);
const data = loadMnist();
for (const net of nets) {
  const epochs: EpochReport[] = [];
  await trainTrial({
    model: net.model,
    data,
    training: resolveTraining({ maxEpochs: 3, patience: 10, batchSize, trainSubset: net.samples, valSubset: 500, testSubset: 500 }),
    onEpoch: (r) => void epochs.push(r),
  });
  const timed = epochs.slice(1);
  const rate = timed.reduce((a, r) => a + r.samplesPerSec, 0) / timed.length;
  console.log(`${net.name}: ${rate.toFixed(0)} samples/s (epochs 2-3: ${timed.map((r) => r.samplesPerSec.toFixed(0)).join(', ')})`);
}
