/**
 * Training speed of the seed's model 3 (relu, conv 64 → 64 maps 5x5, max 2/2, dense 128,
 * dropout on the output layer's input), one thread per trial, on each requested backend side by
 * side (default: native, the oneDNN addon, and wasm) and PyTorch for the same net (one thread;
 * `python3`, else Debian's /usr/bin/python3, when it imports torch; `bash scripts/system-packages.sh --bench` installs Debian's): samples/s at batch 64 and at
 * the seed's batch 1 on real MNIST, the per-kernel time of a batch-64 step, 2 concurrent trials
 * in 2 worker threads (first backend) vs PyTorch in 2 processes, and evaluation time of the
 * 10,000 test images (the trainer's evaluate()). On native it also measures batch 1 in a bare
 * loop of the trainer's step (trainStep: the whole native step, one addon call per step), with
 * samples per CPU-second, and the same loop through tfjs's step (fused layers, loss and momentum)
 * for comparison. The batch-64 kernel breakdown is of tfjs's step (the whole step has no kernels).
 * Then issue 16's rows on the first backend: a batch-norm conv net (kind layers: two 3x3 'same'
 * convs with batch norm and relu, max pools, dense 128) on Fashion-MNIST trained with Adam, at
 * batch 64 and 1 (and the bare loop), beside PyTorch's same net and Adam.
 * The machine is often shared: the load average is printed
 * with the figures, and CPU seconds beside wall seconds where the process is alone in a phase.
 * Prints figures for a person, then one line of JSON.
 *   npm run bench -- train [--backends native,wasm] [--samples64 N] [--samples1 N] [--no-threads]
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { builtInModel, ModelSpec, optimizerSettings, parseSweepText, planTrials, resolveTraining, type TrainingOverrides } from '@modelspace/core';
import { nativeCalls, nativeKernels, nativeMomentum, loadAddon } from '@modelspace/native';
import { buildModel, initBackend, loadDataset, loadMnist, trainTrial, type BackendInfo, type MnistData } from '@modelspace/trainer';
import {
  buildNet,
  disposeBatch,
  disposeOptimizer,
  evaluate,
  makeBatch,
  makeOptimizer,
  splits,
  trainingLoss,
  trainStep,
  TSX_WORKER_BOOTSTRAP,
  wholeNativeStep,
  type Batch,
} from '@modelspace/trainer/testing';

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
const model3 = builtInModel(seedPlans[2]!.model);

/** Mean samples/s of epochs 2..n (epoch 1 warms kernels, primitive caches and the JIT up). */
async function samplesPerSec(data: MnistData, model: ModelSpec, batchSize: number, trainSubset: number, epochs = 3, training: TrainingOverrides = {}): Promise<number> {
  const rates: number[] = [];
  await trainTrial({
    model,
    data,
    training: resolveTraining({ maxEpochs: epochs, patience: 100, batchSize, trainSubset, valSubset: 100, testSubset: 100, learningRate: 0.001, ...training }),
    onEpoch: (e) => void rates.push(e.samplesPerSec),
  });
  const timed = rates.slice(1);
  return timed.reduce((a, b) => a + b, 0) / timed.length;
}

/**
 * Batch-1 samples/s of the trainer's step (makeBatch, trainStep: on native the whole step as
 * one addon call, or with `tfjsStep` tfjs's minimize of trainingLoss with the fused momentum
 * update; loss and predictions read back) in a bare loop that also gives samples per
 * CPU-second; null when not on native. Same shuffle-free order of the first `samples` training
 * images, after 200 warm-up steps.
 */
function fusedBatch1(
  data: MnistData,
  model: ModelSpec,
  samples: number,
  tfjsStep = false,
  training: TrainingOverrides = {},
): { samplesPerSec: number; cpuSamplesPerSec: number } | null {
  if (tf.getBackend() !== 'native') return null;
  const optimizer = makeOptimizer(optimizerSettings(resolveTraining({ learningRate: 0.001, momentum: 0.9, ...training })));
  const built = buildNet(model, 1);
  const net = built.model;
  const { train } = splits(data, { trainSubset: samples + 200, valSubset: 1, testSubset: 1 });
  const variables = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const whole = tfjsStep ? null : wholeNativeStep(built, optimizer, variables);
  const steps = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const batch = makeBatch(train, [i]);
      trainStep(net, optimizer, variables, batch, { loss: 'categorical', side: 28 }, whole);
      disposeBatch(batch);
    }
  };
  steps(0, 200);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  steps(200, 200 + samples);
  const cpu = process.cpuUsage(c0);
  const out = { samplesPerSec: samples / ((performance.now() - t0) / 1000), cpuSamplesPerSec: samples / ((cpu.user + cpu.system) / 1e6) };
  disposeOptimizer(optimizer);
  net.dispose();
  return out;
}

type KernelTime = { kernel: string; ms: number; share: number; calls: number; where: 'native' | 'cpu' | 'mixed' | 'backend' };
/** Kernels the addon supplies on 'native' (others there are the cpu backend's). */
const addonKernels = (() => {
  const load = loadAddon();
  return new Set(load.ok ? nativeKernels(load.addon).map((k) => k.kernelName) : []);
})();
/**
 * Milliseconds per kernel over `steps` batch-64 training steps, largest first, whether each ran
 * in the addon or in the cpu backend's JS ('native' backend only), and the step's wall time.
 * Op scopes (`name__op`) enclose kernels that are listed on their own: left out.
 */
async function kernelBreakdown(model: ModelSpec, steps = 5): Promise<{ kernels: KernelTime[]; stepMs: number }> {
  const net = buildModel(model, 1);
  const optimizer = nativeMomentum({ learningRate: 0.001, momentum: 0.9 }) ?? tf.train.momentum(0.001, 0.9); // as makeOptimizer
  const xs = tf.randomUniform([64, 28, 28, 1]);
  const ys = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10).toFloat();
  // The trainer's forward pass and objective (on native: fused layers and softmax-cross-entropy).
  const batch = { xs, ys } as unknown as Batch;
  const step = () =>
    optimizer.minimize(() => {
      const out = trainingLoss(net, batch, 'categorical');
      out.predicted.dispose();
      return out.loss;
    }, false);
  step(); // warm-up
  const totals = new Map<string, { ms: number; calls: number; native: number }>();
  let wall = 0;
  for (let s = 0; s < steps; s++) {
    const before = new Map(nativeCalls);
    const t0 = performance.now();
    const info = await tf.profile(() => step() as tf.Scalar);
    wall += performance.now() - t0;
    for (const k of info.kernels) {
      // Op scopes and custom-gradient ops (fused layers, loss) enclose kernels listed on their own.
      if (!tf.getKernel(k.name, tf.getBackend())) continue;
      const t = totals.get(k.name) ?? { ms: 0, calls: 0, native: 0 };
      t.ms += Number(await k.kernelTimeMs);
      t.calls++;
      totals.set(k.name, t);
    }
    for (const [name, n] of nativeCalls) {
      const t = totals.get(name);
      if (t) t.native += n - (before.get(name) ?? 0);
    }
  }
  tf.dispose([xs, ys]);
  optimizer.dispose();
  net.dispose();
  const onNative = tf.getBackend() === 'native';
  const where = (name: string, t: { calls: number; native: number }): KernelTime['where'] =>
    !onNative ? 'backend' : !addonKernels.has(name) || t.native === 0 ? 'cpu' : t.native >= t.calls ? 'native' : 'mixed';
  const sum = [...totals.values()].reduce((a, t) => a + t.ms, 0);
  const kernels = [...totals.entries()]
    .map(([kernel, t]) => ({ kernel, ms: t.ms / steps, share: t.ms / sum, calls: t.calls / steps, where: where(kernel, t) }))
    .sort((a, b) => b.ms - a.ms);
  return { kernels, stepMs: wall / steps };
}

/**
 * Seconds (wall and CPU) for the trainer's evaluate() of the 10,000 test images (model 3,
 * untrained weights: same work), best of 3 after a warm-up on 1,000.
 */
function evalSeconds(data: MnistData, model: ModelSpec): { wall: number; cpu: number } {
  const net = buildModel(model, 1);
  const { test } = splits(data, { trainSubset: 1, valSubset: 1, testSubset: data.testLabels.length });
  evaluate(net, { ...test, count: 1000 });
  let best = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    evaluate(net, test);
    const c = process.cpuUsage(c0);
    const wall = (performance.now() - t0) / 1000;
    if (wall < best.wall) best = { wall, cpu: (c.user + c.system) / 1e6 };
  }
  net.dispose();
  return best;
}

const load = () => loadavg().map((l) => Number(l.toFixed(2)));

/** PyTorch's timing of `net` trained by `optimizer` (Python expressions) on random 28x28 images, one thread. */
const torchScript = (net: string, optimizer: string) => `
import sys, time, torch, torch.nn as nn
torch.set_num_threads(1); torch.manual_seed(1)
net = ${net}
opt = ${optimizer}
def rate(batch, n):
  x = torch.rand(batch,1,28,28); y = torch.randint(0,10,(batch,))
  for _ in range(3): opt.zero_grad(); nn.functional.cross_entropy(net(x), y).backward(); opt.step()
  t = time.time(); c = time.process_time()
  for _ in range(n // batch): opt.zero_grad(); nn.functional.cross_entropy(net(x), y).backward(); opt.step()
  done = (n // batch) * batch
  return done / (time.time() - t), done / (time.process_time() - c)
if sys.argv[1] == 'both': print(*rate(64, ${samples64}), *rate(1, ${samples1}))
else: print(rate(64, ${samples64})[0])
`;
const TORCH_MODEL_3 = torchScript(
  `nn.Sequential(nn.Conv2d(1,64,5), nn.ReLU(), nn.MaxPool2d(2,2), nn.Conv2d(64,64,5), nn.ReLU(), nn.MaxPool2d(2,2),
  nn.Flatten(), nn.Linear(1024,128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128,10))`,
  'torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)',
);

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

type Torch = { available: boolean; batch64?: number; batch1?: number; batch1Cpu?: number; twoProcesses?: number; why?: string };
/** PyTorch, one thread: batch 64 and 1 alone, then (twoProcesses) batch 64 in 2 processes at once (total). */
async function pytorch(twoProcesses: boolean, script = TORCH_MODEL_3): Promise<Torch> {
  const py = await torchPython();
  if (!py) return { available: false, why: 'no python3 imports torch (apt-get install -y python3-torch)' };
  const [b64, , b1, b1Cpu] = (await run(py, ['-c', script, 'both'])).stdout.trim().split(/\s+/).map(Number);
  if (!twoProcesses) return { available: true, batch64: b64, batch1: b1, batch1Cpu: b1Cpu };
  const two = await Promise.all([0, 1].map(async () => Number((await run(py, ['-c', script, '64'])).stdout.trim())));
  return { available: true, batch64: b64, batch1: b1, batch1Cpu: b1Cpu, twoProcesses: two[0]! + two[1]! };
}

/** Total samples/s of `n` trials of `model` running at once, each in its own worker thread. */
async function concurrent(data: MnistData, model: ModelSpec, n: number, trainSubset: number, backend: Prefer): Promise<number> {
  const training = resolveTraining({ maxEpochs: 3, patience: 100, batchSize: 64, trainSubset, valSubset: 100, testSubset: 100 });
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const worker = new Worker(TSX_WORKER_BOOTSTRAP, {
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
type Figures = {
  backend: string;
  reason: string;
  batch64: number;
  batch1: number;
  batch1Fused: { samplesPerSec: number; cpuSamplesPerSec: number } | null;
  batch1TfjsStep: { samplesPerSec: number; cpuSamplesPerSec: number } | null;
  stepMs: number;
  evalSeconds: { wall: number; cpu: number };
  kernels: KernelTime[];
  load: number[];
};
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
  const batch1Fused = fusedBatch1(data, model3, samples1);
  const batch1TfjsStep = fusedBatch1(data, model3, samples1, true);
  const { kernels, stepMs } = await kernelBreakdown(model3);
  const ev = evalSeconds(data, model3);
  results.push({ backend: info.name, reason: info.reason, batch64, batch1, batch1Fused, batch1TfjsStep, stepMs, evalSeconds: ev, kernels, load: load() });
  console.log(
    `${info.name} (${info.reason}): batch 64 ${batch64.toFixed(0)} samples/s, batch 1 ${batch1.toFixed(0)} samples/s` +
      (batch1Fused ? ` (bare loop: ${batch1Fused.samplesPerSec.toFixed(0)} /s, ${batch1Fused.cpuSamplesPerSec.toFixed(0)} per CPU-second)` : '') +
      (batch1TfjsStep ? ` (tfjs step with fused ops: ${batch1TfjsStep.samplesPerSec.toFixed(0)} /s, ${batch1TfjsStep.cpuSamplesPerSec.toFixed(0)} per CPU-second)` : '') +
      `, eval 10k ${ev.wall.toFixed(2)} s (${ev.cpu.toFixed(2)} CPU-s); load average ${load().join(' ')}`,
  );
  console.log(`  one batch-64 tfjs training step (profiled, ${stepMs.toFixed(1)} ms wall; the trainer's whole native step runs none of these kernels), per kernel:`);
  for (const k of kernels)
    console.log(
      `    ${k.kernel.padEnd(24)} ${k.ms.toFixed(2).padStart(8)} ms  ${(k.share * 100).toFixed(1).padStart(5)}%  ${String(Math.round(k.calls)).padStart(3)} calls  ${k.where}`,
    );
}
const main = results[0];
let scaling: { one: number; two: number; speedup: number } | null = null;
if (threads && main) {
  const one = await concurrent(data, model3, 1, samples64, main.backend as Prefer);
  const two = await concurrent(data, model3, 2, samples64, main.backend as Prefer);
  scaling = { one, two, speedup: two / one };
  console.log(
    `${main.backend}, worker threads: 1 trial ${one.toFixed(0)} samples/s, 2 concurrent trials ${two.toFixed(0)} samples/s in total (x${scaling.speedup.toFixed(2)}); load average ${load().join(' ')}`,
  );
}
const torchAfter = await pytorch(true);
const mean = (a?: number, b?: number) => (a !== undefined && b !== undefined ? (a + b) / 2 : (a ?? b));
const torch: Torch & { before?: Torch } = torchAfter.available
  ? {
      ...torchAfter,
      batch64: mean(torchBefore.batch64, torchAfter.batch64),
      batch1: mean(torchBefore.batch1, torchAfter.batch1),
      batch1Cpu: mean(torchBefore.batch1Cpu, torchAfter.batch1Cpu),
      before: torchBefore,
    }
  : torchAfter;
console.log(
  torch.available
    ? `PyTorch (1 thread): batch 64 ${torch.batch64!.toFixed(0)} samples/s, batch 1 ${torch.batch1!.toFixed(0)} samples/s (${torch.batch1Cpu!.toFixed(0)} per CPU-second); 2 processes ${torch.twoProcesses!.toFixed(0)} samples/s in total; load average ${load().join(' ')}`
    : `PyTorch: not available (${torch.why})`,
);
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? Number((a / b).toFixed(3)) : null);

// Issue 16's rows: a batch-norm conv net (the layered kind) on Fashion-MNIST trained with Adam,
// on the first backend, beside PyTorch's same net and optimizer (run before and after, averaged).
const BN_NET = ModelSpec.parse({
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 32, kernel: 3, padding: 'same' },
    { type: 'batchNorm' },
    { type: 'activation', activation: 'relu' },
    { type: 'maxPool', size: 2 },
    { type: 'conv2d', filters: 64, kernel: 3, padding: 'same' },
    { type: 'batchNorm' },
    { type: 'activation', activation: 'relu' },
    { type: 'maxPool', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 128, activation: 'relu' },
  ],
});
const BN_TRAINING: TrainingOverrides = { optimizer: { type: 'adam' } };
// Keras' batch-norm defaults (momentum 0.99, epsilon 1e-3) as PyTorch spells them.
const TORCH_BN = torchScript(
  `nn.Sequential(nn.Conv2d(1,32,3,padding=1), nn.BatchNorm2d(32,eps=1e-3,momentum=0.01), nn.ReLU(), nn.MaxPool2d(2,2),
  nn.Conv2d(32,64,3,padding=1), nn.BatchNorm2d(64,eps=1e-3,momentum=0.01), nn.ReLU(), nn.MaxPool2d(2,2),
  nn.Flatten(), nn.Linear(3136,128), nn.ReLU(), nn.Linear(128,10))`,
  'torch.optim.Adam(net.parameters(), lr=0.001)',
);
type BnRows = { batch64: number; batch1: number; batch1Bare: { samplesPerSec: number; cpuSamplesPerSec: number } | null; pytorch: Torch } | { unavailable: string };
async function bnRows(backend: Prefer): Promise<BnRows> {
  let fashion: MnistData;
  try {
    fashion = loadDataset('fashion-mnist');
  } catch (err) {
    return { unavailable: (err as Error).message };
  }
  await initBackend({ prefer: backend });
  const before = await pytorch(false, TORCH_BN);
  const batch64 = await samplesPerSec(fashion, BN_NET, 64, samples64, 3, BN_TRAINING);
  const batch1 = await samplesPerSec(fashion, BN_NET, 1, samples1, 3, BN_TRAINING);
  const batch1Bare = fusedBatch1(fashion, BN_NET, samples1, false, BN_TRAINING);
  const after = await pytorch(false, TORCH_BN);
  const pytorchBn: Torch = after.available
    ? { available: true, batch64: mean(before.batch64, after.batch64), batch1: mean(before.batch1, after.batch1), batch1Cpu: mean(before.batch1Cpu, after.batch1Cpu) }
    : after;
  return { batch64, batch1, batch1Bare, pytorch: pytorchBn };
}
const bn = main ? await bnRows(main.backend as Prefer) : null;
if (bn && 'unavailable' in bn) console.log(`Fashion-MNIST batch-norm net with Adam: not run (${bn.unavailable})`);
else if (bn) {
  console.log(
    `Fashion-MNIST batch-norm net with Adam (${main!.backend}): batch 64 ${bn.batch64.toFixed(0)} samples/s, batch 1 ${bn.batch1.toFixed(0)} samples/s` +
      (bn.batch1Bare ? ` (bare loop: ${bn.batch1Bare.samplesPerSec.toFixed(0)} /s, ${bn.batch1Bare.cpuSamplesPerSec.toFixed(0)} per CPU-second)` : '') +
      (bn.pytorch.available
        ? `; PyTorch (1 thread): batch 64 ${bn.pytorch.batch64!.toFixed(0)}, batch 1 ${bn.pytorch.batch1!.toFixed(0)} samples/s (${bn.pytorch.batch1Cpu!.toFixed(0)} per CPU-second): ratio ${ratio(bn.batch64, bn.pytorch.batch64)} at batch 64, ${ratio(bn.batch1, bn.pytorch.batch1)} at batch 1`
        : `; PyTorch: ${bn.pytorch.why}`) +
      `; load average ${load().join(' ')}`,
  );
}
console.log(
  JSON.stringify({
    bench: 'train',
    model: 'seed model 3',
    paramCount,
    backend: main?.backend ?? null,
    ratio_batch64: ratio(main?.batch64, torch.batch64),
    ratio_batch1: ratio(main?.batch1, torch.batch1),
    // The trainer's step in a bare loop (on native: the whole step as one addon call), wall and per CPU-second.
    ratio_batch1_fused: ratio(main?.batch1Fused?.samplesPerSec, torch.batch1),
    ratio_batch1_fused_cpu: ratio(main?.batch1Fused?.cpuSamplesPerSec, torch.batch1Cpu),
    two_trials_samples_per_s: scaling && Math.round(scaling.two),
    backends: results.map((r) => ({
      backend: r.backend,
      samplesPerSec: {
        batch64: Math.round(r.batch64),
        batch1: Math.round(r.batch1),
        batch1Fused: r.batch1Fused && Math.round(r.batch1Fused.samplesPerSec),
        batch1FusedPerCpuSecond: r.batch1Fused && Math.round(r.batch1Fused.cpuSamplesPerSec),
        batch1TfjsStep: r.batch1TfjsStep && Math.round(r.batch1TfjsStep.samplesPerSec),
        batch1TfjsStepPerCpuSecond: r.batch1TfjsStep && Math.round(r.batch1TfjsStep.cpuSamplesPerSec),
      },
      stepMs: Number(r.stepMs.toFixed(2)),
      evalSeconds: Number(r.evalSeconds.wall.toFixed(2)),
      evalCpuSeconds: Number(r.evalSeconds.cpu.toFixed(2)),
      loadAverage: r.load,
      kernels: r.kernels.map((k) => ({ kernel: k.kernel, ms: Number(k.ms.toFixed(2)), share: Number(k.share.toFixed(4)), calls: Math.round(k.calls), where: k.where })),
    })),
    pytorch: torch,
    loadAverage: load(),
    threads: scaling && { one: Math.round(scaling.one), two: Math.round(scaling.two), speedup: Number(scaling.speedup.toFixed(2)) },
    fashion_bn_adam:
      bn && !('unavailable' in bn)
        ? {
            samplesPerSec: { batch64: Math.round(bn.batch64), batch1: Math.round(bn.batch1), batch1Bare: bn.batch1Bare && Math.round(bn.batch1Bare.samplesPerSec) },
            pytorch: bn.pytorch,
            ratio_batch64: ratio(bn.batch64, bn.pytorch.batch64),
            ratio_batch1: ratio(bn.batch1, bn.pytorch.batch1),
            ratio_batch1_bare: ratio(bn.batch1Bare?.samplesPerSec, bn.pytorch.batch1),
            ratio_batch1_bare_cpu: ratio(bn.batch1Bare?.cpuSamplesPerSec, bn.pytorch.batch1Cpu),
          }
        : (bn ?? null),
  }),
);
