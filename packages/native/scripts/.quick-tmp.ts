import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { parseSweepText, planTrials } from '@modelspace/core';
import { nativeMomentum } from '@modelspace/native';
import { buildModel, initBackend, loadMnist } from '@modelspace/trainer';
import { disposeBatch, makeBatch, splits } from '../../trainer/src/batches.ts';
import { trainStep } from '../../trainer/src/train.ts';
import { wholeNativeStep } from '../../trainer/src/whole-step.ts';
await initBackend({ prefer: 'native' });
const plans = planTrials(parseSweepText(readFileSync('/work/main/sweeps/seed-table.yaml', 'utf8')));
const spec = plans[Number(process.argv[2] ?? 3) - 1]!.model;
const data = loadMnist();
const batchSize = Number(process.argv[3] ?? 1);
const samples = Number(process.argv[4] ?? 2000);
for (const tfjs of [false, true, false, true]) {
  const opt = nativeMomentum(0.001, 0.9)!;
  const net = buildModel(spec, 1);
  const vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const whole = tfjs ? null : wholeNativeStep(net, 'categorical', opt, vars);
  const { train } = splits(data, { trainSubset: samples + 200 * batchSize, valSubset: 1, testSubset: 1 });
  const steps = (a: number, b: number) => { for (let i = a; i < b; i += batchSize) { const batch = makeBatch(train, Array.from({ length: batchSize }, (_, k) => i + k)); trainStep(net, opt, vars, batch, { loss: 'categorical', side: 28 }, whole); disposeBatch(batch); } };
  steps(0, 200 * batchSize);
  const t0 = performance.now(); const c0 = process.cpuUsage();
  steps(200 * batchSize, 200 * batchSize + samples);
  const c = process.cpuUsage(c0); const ms = performance.now() - t0;
  console.log(`${tfjs ? 'tfjs step ' : 'whole step'} batch ${batchSize}: ${(samples / ms * 1000).toFixed(0)} /s wall, ${(samples / ((c.user + c.system) / 1e6)).toFixed(0)} /CPU-s, ${(ms / (samples / batchSize)).toFixed(3)} ms/step; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  opt.dispose(); net.dispose();
}
// addon share
import { loadAddon } from '@modelspace/native';
{
  const addon = (loadAddon() as any).addon;
  const orig = addon.trainStep;
  let t = 0;
  addon.trainStep = (...a: unknown[]) => { const s = performance.now(); const r = orig(...a); t += performance.now() - s; return r; };
  const opt = nativeMomentum(0.001, 0.9)!;
  const net = buildModel(spec, 1);
  const vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const whole = wholeNativeStep(net, 'categorical', opt, vars);
  const { train } = splits(data, { trainSubset: 4000, valSubset: 1, testSubset: 1 });
  for (let i = 0; i < 200; i++) { const b = makeBatch(train, [i]); trainStep(net, opt, vars, b, { loss: 'categorical', side: 28 }, whole); disposeBatch(b); }
  t = 0;
  const t0 = performance.now();
  for (let i = 200; i < 2200; i++) { const b = makeBatch(train, [i]); trainStep(net, opt, vars, b, { loss: 'categorical', side: 28 }, whole); disposeBatch(b); }
  const ms = performance.now() - t0;
  console.log(`per step ${(ms / 2000).toFixed(3)} ms, addon ${(t / 2000).toFixed(3)} ms`);
}
