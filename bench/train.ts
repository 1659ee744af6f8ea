/**
 * Training speed of the seed's model 3 (relu, conv 64 → 64 maps 5x5, max 2/2, dense 128,
 * dropout on the output layer's input), one thread per trial, on each requested backend side by
 * side (default: native, the oneDNN addon, and wasm) and PyTorch for the same net (one thread;
 * `python3`, else Debian's /usr/bin/python3, when it imports torch): samples/s at batch 64 and at
 * the seed's batch 1 on real MNIST, the per-kernel time of a batch-64 step, 2 concurrent trials
 * in 2 worker threads (first backend) vs PyTorch in 2 processes, and evaluation time of the
 * 10,000 test images. Prints figures for a person, then one line of JSON.
 *   npm run bench -- train [--backends native,wasm] [--samples64 N] [--samples1 N] [--no-threads]
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { parseSweepText, planTrials, resolveTraining, type ModelSpec } from '@modelspace/core';
import { buildModel, initBackend, loadMnist, trainTrial, type BackendInfo, type MnistData } from '@modelspace/trainer';

type Prefer = NonNullable<Parameters<typeof initBackend>[0]>['prefer'];
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const backends = (process.argv.includes('--backend') ? arg('backend', 'wasm') : arg('backends', 'native,wasm')).split(',') as Prefer[];
const samples64 = Number(arg('samples64', '2560'));
const samples1 = Number(arg('samples1', '1000'));
const threads = !process.argv.includes('--no-threads');
const run = promisify(execFile);

const seedPlans = planTrials(parseSweepText(readFileSync(new URL('../sweeps/seed-table.yaml', import.meta.url), 'utf8')));
const model3 = seedPlans[2]!.model;

/** Mean samples/s of epochs 2..n (epoch 1 warms kernels, primitive caches and the JIT up). */
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

type KernelTime = { kernel: string; ms: number; share: number };
/** Milliseconds per kernel over `steps` batch-64 training steps, largest first, and the step's wall time. */
async function kernelBreakdown(model: ModelSpec, steps = 5): Promise<{ kernels: KernelTime[]; stepMs: number }> {
  const net = buildModel(model, 1);
  const optimizer = tf.train.momentum(0.001, 0.9);
  const xs = tf.randomUniform([64, 28, 28, 1]);
  const ys = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10).toFloat();
  const step = () =>
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, tf.log(net.apply(xs, { training: true }) as tf.Tensor)) as tf.Scalar, false);
  step(); // warm-up
  const totals = new Map<string, number>();
  let wall = 0;
  for (let s = 0; s < steps; s++) {
    const t0 = performance.now();
    const info = await tf.profile(() => step() as tf.Scalar);
    wall += performance.now() - t0;
    for (const k of info.kernels) totals.set(k.name, (totals.get(k.name) ?? 0) + Number(await k.kernelTimeMs));
  }
  tf.dispose([xs, ys]);
  optimizer.dispose();
  net.dispose();
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  const kernels = [...totals.entries()].map(([kernel, ms]) => ({ kernel, ms: ms / steps, share: ms / sum })).sort((a, b) => b.ms - a.ms);
  return { kernels, stepMs: wall / steps };
}

/** Seconds to classify the 10,000 test images at batch 64 (model 3, untrained weights: same work). */
function evalSeconds(data: MnistData, model: ModelSpec): number {
  const net = buildModel(model, 1);
  const n = data.testLabels.length;
  const pixels = data.testImages;
  net.predict(tf.zeros([64, 28, 28, 1]), { batchSize: 64 }); // warm-up (leaks nothing: tidy below)
  const t0 = performance.now();
  for (let i = 0; i < n; i += 64) {
    const m = Math.min(64, n - i);
    tf.tidy(() => {
      const x = tf.tensor4d(Float32Array.from(pixels.subarray(i * 784, (i + m) * 784), (v) => v / 255), [m, 28, 28, 1]);
      (net.predict(x) as tf.Tensor).argMax(-1).dataSync();
    });
  }
  const s = (performance.now() - t0) / 1000;
  net.dispose();
  return s;
}

const TORCH_SCRIPT = `
import sys, time, torch, torch.nn as nn
torch.set_num_threads(1); torch.manual_seed(1)
net = nn.Sequential(nn.Conv2d(1,64,5), nn.ReLU(), nn.MaxPool2d(2,2), nn.Conv2d(64,64,5), nn.ReLU(), nn.MaxPool2d(2,2),
  nn.Flatten(), nn.Linear(1024,128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128,10))
opt = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
def rate(batch, n):
  x = torch.rand(batch,1,28,28); y = torch.randint(0,10,(batch,))
  for _ in range(3): opt.zero_grad(); nn.functional.cross_entropy(net(x), y).backward(); opt.step()
  t = time.time()
  for _ in range(n // batch): opt.zero_grad(); nn.functional.cross_entropy(net(x), y).backward(); opt.step()
  return (n // batch) * batch / (time.time() - t)
if sys.argv[1] == 'both': print(rate(64, ${samples64}), rate(1, ${samples1}))
else: print(rate(64, ${samples64}))
`;

/** The first interpreter that imports torch: python3 on PATH, else Debian's (python3-torch). */
async function torchPython(): Promise<string | null> {
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      await run(py, ['-c', 'import torch']);
      return py;
    } catch {
      /* next */
    }
  }
  return null;
}

type Torch = { available: boolean; batch64?: number; batch1?: number; twoProcesses?: number; why?: string };
/** PyTorch, one thread: batch 64 and 1 alone, then (twoProcesses) batch 64 in 2 processes at once (total). */
async function pytorch(twoProcesses: boolean): Promise<Torch> {
  const py = await torchPython();
  if (!py) return { available: false, why: 'no python3 imports torch (apt-get install -y python3-torch)' };
  const [b64, b1] = (await run(py, ['-c', TORCH_SCRIPT, 'both'])).stdout.trim().split(/\s+/).map(Number);
  if (!twoProcesses) return { available: true, batch64: b64, batch1: b1 };
  const two = await Promise.all([0, 1].map(async () => Number((await run(py, ['-c', TORCH_SCRIPT, '64'])).stdout.trim())));
  return { available: true, batch64: b64, batch1: b1, twoProcesses: two[0]! + two[1]! };
}

/** Total samples/s of `n` trials of `model` running at once, each in its own worker thread. */
async function concurrent(data: MnistData, model: ModelSpec, n: number, trainSubset: number, backend: Prefer): Promise<number> {
  const training = resolveTraining({ maxEpochs: 3, patience: 100, batchSize: 64, trainSubset, valSubset: 100, testSubset: 100 });
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const worker = new Worker(new URL('../packages/trainer/src/testing/tsx-worker-bootstrap.mjs', import.meta.url), {
        workerData: { entry: new URL('./train-thread.ts', import.meta.url).href, data, model, training, backend },
      });
      worker.once('message', (rates: number[]) => {
        void worker.terminate();
        resolve(rates.slice(1).reduce((a, b) => a + b, 0) / (rates.length - 1));
      });
      worker.once('error', reject);
    });
  const rates = await Promise.all(Array.from({ length: n }, one));
  return rates.reduce((a, b) => a + b, 0);
}

const data = loadMnist({ shared: true });
console.log(`seed model 3 = ${JSON.stringify(model3)}`);
let paramCount = 0;

// PyTorch before and after our runs, averaged: the machine is shared, its load drifts.
const torchBefore = await pytorch(false);
type Figures = { backend: string; reason: string; batch64: number; batch1: number; stepMs: number; evalSeconds: number; kernels: KernelTime[] };
const results: Figures[] = [];
for (const prefer of backends) {
  let info: BackendInfo;
  try {
    info = await initBackend({ prefer });
  } catch (err) {
    console.log(`${prefer}: unavailable (${(err as Error).message})`);
    continue;
  }
  if (!paramCount) {
    const params = buildModel(model3, 1);
    paramCount = params.countParams();
    params.dispose();
  }
  const batch64 = await samplesPerSec(data, model3, 64, samples64);
  const batch1 = await samplesPerSec(data, model3, 1, samples1);
  const { kernels, stepMs } = await kernelBreakdown(model3);
  const ev = evalSeconds(data, model3);
  results.push({ backend: info.name, reason: info.reason, batch64, batch1, stepMs, evalSeconds: ev, kernels });
  console.log(`${info.name} (${info.reason}): batch 64 ${batch64.toFixed(0)} samples/s, batch 1 ${batch1.toFixed(0)} samples/s, eval 10k ${ev.toFixed(2)} s`);
  console.log(`  one batch-64 training step (profiled, ${stepMs.toFixed(1)} ms wall):`);
  for (const k of kernels.slice(0, 10)) console.log(`    ${k.kernel.padEnd(24)} ${k.ms.toFixed(2).padStart(8)} ms  ${(k.share * 100).toFixed(1).padStart(5)}%`);
}
const main = results[0];
let scaling: { one: number; two: number; speedup: number } | null = null;
if (threads && main) {
  const one = await concurrent(data, model3, 1, samples64, main.backend as Prefer);
  const two = await concurrent(data, model3, 2, samples64, main.backend as Prefer);
  scaling = { one, two, speedup: two / one };
  console.log(`${main.backend}, worker threads: 1 trial ${one.toFixed(0)} samples/s, 2 concurrent trials ${two.toFixed(0)} samples/s in total (x${scaling.speedup.toFixed(2)})`);
}
const torchAfter = await pytorch(true);
const mean = (a?: number, b?: number) => (a !== undefined && b !== undefined ? (a + b) / 2 : (a ?? b));
const torch: Torch & { before?: Torch } = torchAfter.available
  ? { ...torchAfter, batch64: mean(torchBefore.batch64, torchAfter.batch64), batch1: mean(torchBefore.batch1, torchAfter.batch1), before: torchBefore }
  : torchAfter;
console.log(
  torch.available
    ? `PyTorch (1 thread): batch 64 ${torch.batch64!.toFixed(0)} samples/s, batch 1 ${torch.batch1!.toFixed(0)} samples/s; 2 processes ${torch.twoProcesses!.toFixed(0)} samples/s in total`
    : `PyTorch: not available (${torch.why})`,
);
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? Number((a / b).toFixed(3)) : null);
console.log(
  JSON.stringify({
    bench: 'train',
    model: 'seed model 3',
    paramCount,
    backend: main?.backend ?? null,
    ratio_batch64: ratio(main?.batch64, torch.batch64),
    ratio_batch1: ratio(main?.batch1, torch.batch1),
    two_trials_samples_per_s: scaling && Math.round(scaling.two),
    backends: results.map((r) => ({
      backend: r.backend,
      samplesPerSec: { batch64: Math.round(r.batch64), batch1: Math.round(r.batch1) },
      stepMs: Number(r.stepMs.toFixed(2)),
      evalSeconds: Number(r.evalSeconds.toFixed(2)),
      kernels: r.kernels.map((k) => ({ kernel: k.kernel, ms: Number(k.ms.toFixed(2)), share: Number(k.share.toFixed(4)) })),
    })),
    pytorch: torch,
    threads: scaling && { one: Math.round(scaling.one), two: Math.round(scaling.two), speedup: Number(scaling.speedup.toFixed(2)) },
  }),
);
