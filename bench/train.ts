/**
 * Training speed of the seed's model 3 (relu, conv 64 → 64 maps 5x5, max 2/2, dense 128,
 * dropout on the output layer's input) on one thread of the chosen backend: samples/s at batch
 * 64 and at the seed's batch 1, the per-kernel time of a batch-64 step, PyTorch's figure for
 * the same net when `python3 -c "import torch"` works, and the speed-up of 2 concurrent trials
 * in 2 worker threads over 1. Prints figures for a person, then one line of JSON.
 *   npm run bench -- train [--backend wasm|cpu|auto] [--samples64 N] [--samples1 N] [--no-threads]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { parseSweepText, planTrials, resolveTraining, type ModelSpec } from '@modelspace/core';
import { buildModel, initBackend, loadMnist, trainTrial, type MnistData } from '@modelspace/trainer';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const prefer = arg('backend', 'wasm') as 'wasm' | 'cpu' | 'auto';
const samples64 = Number(arg('samples64', '1280'));
const samples1 = Number(arg('samples1', '200'));
const threads = !process.argv.includes('--no-threads');

const seedPlans = planTrials(parseSweepText(readFileSync(new URL('../sweeps/seed-table.yaml', import.meta.url), 'utf8')));
const model3 = seedPlans[2]!.model;

/** Mean samples/s of epochs 2..n (epoch 1 warms XNNPACK and the JIT up). */
async function samplesPerSec(data: MnistData, model: ModelSpec, batchSize: number, trainSubset: number, epochs = 3): Promise<number> {
  const rates: number[] = [];
  await trainTrial({
    model,
    data,
    training: resolveTraining({ maxEpochs: epochs, patience: 100, batchSize, trainSubset, valSubset: 100, testSubset: 100, learningRate: 0.001 }),
    onEpoch: (e) => void rates.push(e.samplesPerSec),
  });
  const timed = rates.slice(1);
  return timed.reduce((a, b) => a + b, 0) / timed.length;
}

/** Milliseconds per kernel over `steps` batch-64 training steps, largest first. */
async function kernelBreakdown(model: ModelSpec, steps = 3): Promise<{ kernel: string; ms: number; share: number }[]> {
  const net = buildModel(model, 1);
  const optimizer = tf.train.momentum(0.001, 0.9);
  const xs = tf.randomUniform([64, 28, 28, 1]);
  const ys = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10).toFloat();
  const step = () =>
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, tf.log(net.apply(xs, { training: true }) as tf.Tensor)) as tf.Scalar, false);
  step(); // warm-up
  const totals = new Map<string, number>();
  for (let s = 0; s < steps; s++) {
    const info = await tf.profile(() => step() as tf.Scalar);
    for (const k of info.kernels) totals.set(k.name, (totals.get(k.name) ?? 0) + Number(await k.kernelTimeMs));
  }
  tf.dispose([xs, ys]);
  optimizer.dispose();
  net.dispose();
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals.entries()]
    .map(([kernel, ms]) => ({ kernel, ms: ms / steps, share: ms / sum }))
    .sort((a, b) => b.ms - a.ms);
}

/** Samples/s of PyTorch (CPU, its own threads) for the same net, or why there is none. */
function pytorch(): { available: boolean; batch64?: number; batch1?: number; why?: string } {
  const script = `
import time, torch, torch.nn as nn
torch.manual_seed(1)
net = nn.Sequential(nn.Conv2d(1,64,5), nn.ReLU(), nn.MaxPool2d(2,2), nn.Conv2d(64,64,5), nn.ReLU(), nn.MaxPool2d(2,2),
  nn.Flatten(), nn.Linear(1024,128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128,10))
opt = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
def rate(batch, n):
  x = torch.rand(batch,1,28,28); y = torch.randint(0,10,(batch,))
  for _ in range(3): opt.zero_grad(); nn.functional.cross_entropy(net(x), y).backward(); opt.step()
  t = time.time()
  for _ in range(n // batch): opt.zero_grad(); nn.functional.cross_entropy(net(x), y).backward(); opt.step()
  return (n // batch) * batch / (time.time() - t)
print(rate(64, 1280), rate(1, 200), torch.get_num_threads())
`;
  try {
    const out = execFileSync('python3', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split(/\s+/).map(Number);
    return { available: true, batch64: out[0], batch1: out[1] };
  } catch (err) {
    const why = String((err as { stderr?: string }).stderr ?? err).trim().split('\n').pop();
    return { available: false, why };
  }
}

/** Total samples/s of `n` trials of `model` running at once, each in its own worker thread. */
async function concurrent(data: MnistData, model: ModelSpec, n: number, trainSubset: number): Promise<number> {
  const training = resolveTraining({ maxEpochs: 3, patience: 100, batchSize: 64, trainSubset, valSubset: 100, testSubset: 100 });
  const run = () =>
    new Promise<number>((resolve, reject) => {
      const worker = new Worker(new URL('../packages/trainer/src/testing/tsx-worker-bootstrap.mjs', import.meta.url), {
        workerData: { entry: new URL('./train-thread.ts', import.meta.url).href, data, model, training },
      });
      worker.once('message', (rates: number[]) => {
        void worker.terminate();
        resolve(rates.slice(1).reduce((a, b) => a + b, 0) / (rates.length - 1));
      });
      worker.once('error', reject);
    });
  const rates = await Promise.all(Array.from({ length: n }, run));
  return rates.reduce((a, b) => a + b, 0);
}

const info = await initBackend({ prefer });
console.log(`backend ${info.name} (${info.reason}); seed model 3 = ${JSON.stringify(model3)}`);
const data = loadMnist({ shared: true });
const params = buildModel(model3, 1);
const paramCount = params.countParams();
params.dispose();

const batch64 = await samplesPerSec(data, model3, 64, samples64);
console.log(`model 3, batch 64: ${batch64.toFixed(0)} samples/s (${paramCount} parameters)`);
const batch1 = await samplesPerSec(data, model3, 1, samples1);
console.log(`model 3, batch 1:  ${batch1.toFixed(0)} samples/s`);
const kernels = await kernelBreakdown(model3);
console.log('per-kernel time of one batch-64 training step:');
for (const k of kernels.slice(0, 12)) console.log(`  ${k.kernel.padEnd(24)} ${k.ms.toFixed(1).padStart(8)} ms  ${(k.share * 100).toFixed(1).padStart(5)}%`);
const torch = pytorch();
console.log(torch.available ? `PyTorch (CPU): batch 64 ${torch.batch64!.toFixed(0)} samples/s, batch 1 ${torch.batch1!.toFixed(0)} samples/s` : `PyTorch: not available (${torch.why})`);
let scaling: { one: number; two: number; speedup: number } | null = null;
if (threads) {
  const one = await concurrent(data, model3, 1, samples64);
  const two = await concurrent(data, model3, 2, samples64);
  scaling = { one, two, speedup: two / one };
  console.log(`worker threads: 1 trial ${one.toFixed(0)} samples/s, 2 concurrent trials ${two.toFixed(0)} samples/s in total (x${scaling.speedup.toFixed(2)})`);
}
console.log(
  JSON.stringify({
    bench: 'train',
    backend: info.name,
    model: 'seed model 3',
    paramCount,
    samplesPerSec: { batch64: Math.round(batch64), batch1: Math.round(batch1) },
    kernels: kernels.map((k) => ({ kernel: k.kernel, ms: Number(k.ms.toFixed(2)), share: Number(k.share.toFixed(4)) })),
    pytorch: torch,
    threads: scaling && { one: Math.round(scaling.one), two: Math.round(scaling.two), speedup: Number(scaling.speedup.toFixed(2)) },
  }),
);
