/**
 * Per-kernel profile of one training step of any seed model on one backend (native unless told), as the
 * trainer runs it (softmax outputs, clipped cross-entropy mean, SGD momentum): which kernels run
 * natively and which fall back to the cpu backend (wall and CPU ms per step, kernel calls per
 * step). A diagnosis tool beside bench/train.ts; ends with one JSON line.
 *   npx tsx bench/train-profile.ts [--models 1,2,3] [--batch 64] [--steps 5] [--backend native] [--fused] [--composed-loss]
 * --fused: SGD momentum as one addon call per step (NativeMomentumOptimizer) instead of tfjs's.
 * --composed-loss: softmax + clipped cross-entropy as tfjs ops (model.apply → lossMean) instead of
 * the trainer's trainingLoss (on native: the fused softmax-cross-entropy from the logits).
 * --whole: the trainer's whole native step (one addon call per step, no kernels to list) when it
 * covers the model: wall and CPU ms per step only.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { builtInModel, parseSweepText, planTrials } from '@modelspace/core';
import { nativeCalls, nativeMomentum, SgdMomentumOptimizer } from '@modelspace/native';
import { initBackend } from '@modelspace/trainer';
import { buildNet, inputShapeOf, lossKindOf, lossMean, trainingLoss, wholeNativeStep, type Batch } from '@modelspace/trainer/testing';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const models = arg('models', '3').split(',').map(Number);
const batch = Number(arg('batch', '64'));
const steps = Number(arg('steps', '5'));
const prefer = arg('backend', 'native') as 'native';
const fused = process.argv.includes('--fused');
const composedLoss = process.argv.includes('--composed-loss');
const wholeStep = process.argv.includes('--whole');
await initBackend({ prefer });
const plans = planTrials(parseSweepText(readFileSync(new URL('../sweeps/seed-table.yaml', import.meta.url), 'utf8')));

const results: unknown[] = [];
for (const m of models) {
  const spec = builtInModel(plans[m - 1]!.model);
  const built = buildNet(spec, 1);
  const net = built.model;
  const settings = { learningRate: 0.001, momentum: 0.9 };
  const optimizer = (fused && nativeMomentum(settings)) || new SgdMomentumOptimizer(settings);
  const shape = inputShapeOf(spec);
  const xs = tf.randomUniform([batch, ...shape]);
  const ys = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32'), 10).toFloat();
  const kind = lossKindOf(spec);
  const loss = composedLoss
    ? () => lossMean(kind, net.apply(xs, { training: true }) as tf.Tensor2D, ys as tf.Tensor2D)
    : () => {
        const out = trainingLoss(net, { xs, ys } as unknown as Batch, kind);
        out.predicted.dispose(); // the trainer reads it; kept by the fused op
        return out.loss;
      };
  const variables = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const whole = wholeStep ? wholeNativeStep(built, optimizer, variables) : null;
  if (wholeStep && !whole) console.log(`model ${m}: the whole native step does not cover it; profiling tfjs's step`);
  if (whole) {
    for (let i = 0; i < 20; i++) whole.run(xs, ys);
    const n = Math.max(200, steps * 40);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) whole.run(xs, ys);
    const c = process.cpuUsage(c0);
    const wallMs = (performance.now() - t0) / n;
    const cpuMs = (c.user + c.system) / 1000 / n;
    console.log(
      `model ${m} whole native step (${spec.kind} ${'activation' in spec ? spec.activation : ''}), batch ${batch}: ${wallMs.toFixed(3)} ms/step wall, ${cpuMs.toFixed(3)} ms CPU, 0 kernel calls/step`,
    );
    results.push({ model: m, batch, whole: true, wallMs: Number(wallMs.toFixed(3)), cpuMs: Number(cpuMs.toFixed(3)), kernelCalls: 0, kernels: [] });
    tf.dispose([xs, ys]);
    optimizer.dispose();
    net.dispose();
    continue;
  }
  const step = () => optimizer.minimize(loss, true, variables) as tf.Scalar;
  for (let i = 0; i < 3; i++) step().dispose();
  const totals = new Map<string, { ms: number; calls: number; native: number }>();
  let wall = 0;
  for (let s = 0; s < steps; s++) {
    const before = new Map(nativeCalls);
    const t0 = performance.now();
    const info = await tf.profile(() => step());
    wall += performance.now() - t0;
    for (const k of info.kernels) {
      const t = totals.get(k.name) ?? { ms: 0, calls: 0, native: 0 };
      t.ms += Number(await k.kernelTimeMs);
      t.calls += 1;
      totals.set(k.name, t);
    }
    for (const [name, n] of nativeCalls) {
      const t = totals.get(name);
      if (t) t.native += n - (before.get(name) ?? 0);
    }
  }
  // Unprofiled: wall and CPU time (user + system of this process; less inflated by other
  // processes' load than wall time on a shared machine).
  const unprofiled = Math.max(steps * 4, Math.ceil(2000 / (wall / steps)));
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  for (let s = 0; s < unprofiled; s++) step().dispose();
  const c2 = process.cpuUsage(c1);
  const wallMs = (performance.now() - t1) / unprofiled;
  const cpuMs = (c2.user + c2.system) / 1000 / unprofiled;
  // Op wrappers (`name__op`, custom-gradient ops such as the fused layers and loss) enclose
  // kernels listed on their own: only registered kernels are counted.
  const rows = [...totals.entries()].filter(([name]) => tf.getKernel(name, tf.getBackend()) != null).sort((a, b) => b[1].ms - a[1].ms);
  const calls = rows.reduce((a, [, t]) => a + t.calls, 0) / steps;
  console.log(
    `model ${m}${fused ? ' fused momentum' : ''}${composedLoss ? ' composed loss' : ''} (${spec.kind} ${'activation' in spec ? spec.activation : ''}), batch ${batch}: ${wallMs.toFixed(2)} ms/step wall, ${cpuMs.toFixed(2)} ms CPU, ` +
      `${(wall / steps).toFixed(2)} ms profiled, ${calls.toFixed(0)} kernel calls/step`,
  );
  const kernels = rows.map(([name, t]) => {
    const where = t.native === t.calls ? 'native' : t.native === 0 ? 'cpu' : `native ${t.native}/${t.calls}`;
    console.log(`  ${name.padEnd(26)} ${(t.ms / steps).toFixed(3).padStart(8)} ms  ${(t.calls / steps).toFixed(0).padStart(4)} calls  ${where}`);
    return { kernel: name, ms: Number((t.ms / steps).toFixed(3)), calls: t.calls / steps, where };
  });
  results.push({ model: m, batch, fused, composedLoss, wallMs: Number(wallMs.toFixed(2)), cpuMs: Number(cpuMs.toFixed(2)), kernelCalls: calls, kernels });
  tf.dispose([xs, ys]);
  optimizer.dispose();
  net.dispose();
}
console.log(JSON.stringify({ bench: 'train-profile', backend: tf.getBackend(), loadAverage: loadavg().map((l) => Number(l.toFixed(2))), results }));
