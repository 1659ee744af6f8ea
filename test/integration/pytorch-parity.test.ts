import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import type * as tf from '@tensorflow/tfjs-core';
import { learningRateAt, ModelSpec, optimizerSettings, resolveTraining, type ModelSpecInput, type TrainingOverrides } from '@modelspace/core';
import { nativeCalls, TRAIN_STEP } from '@modelspace/native';
import { initBackend, loadMnist, type MnistData } from '@modelspace/trainer';
import {
  buildNet,
  disposeBatch,
  disposeOptimizer,
  makeBatch,
  makeOptimizer,
  setLearningRate,
  splits,
  trainStep,
  wholeNativeStep,
  type BuiltModel,
} from '@modelspace/trainer/testing';

// The built-in trainer against PyTorch (Debian's python3-torch, one thread): the same initial
// weights and the same batches of real MNIST through the same net, 20 steps; every step's mean
// loss within 1e-5 relative. The trainer runs its own path on the 'native' backend (the whole
// native step, checked to be the one that ran); PyTorch gets the net as
// a manifest of the planned layers (test/fixtures/parity/torch_steps.py builds it) and computes
// in float64, so the comparison is with exact arithmetic: with batch norm, float32 rounding
// (PyTorch's own included) grows step by step, more the larger the learning rate.
const STEPS = 20;
const BATCH = 64;
const TOLERANCE = 1e-5;
const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../fixtures/parity/torch_steps.py', import.meta.url).pathname;
const run = promisify(execFile);

interface Case {
  name: string;
  model: ModelSpecInput;
  training: TrainingOverrides;
}

const CASES: Case[] = [
  {
    name: 'a relu conv net (5x5 valid, max pool) with SGD momentum, cosine schedule',
    model: { kind: 'convnet', activation: 'relu', featureMaps: [8, 16], filterSize: 5, denseUnits: 32 },
    training: { learningRate: 0.05, momentum: 0.9, maxEpochs: 1, schedule: { type: 'cosine' } },
  },
  {
    name: "a 'same'-padding stride-2 layer stack (odd padding at the end, as TensorFlow pads) with Nesterov SGD",
    model: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3, stride: 2, padding: 'same', activation: 'relu' },
        { type: 'conv2d', filters: 16, kernel: 4, stride: 2, padding: 'same', activation: 'tanh' },
        { type: 'avgPool', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 32, activation: 'sigmoid' },
      ],
    },
    training: { learningRate: 0.1, momentum: 0.9, maxEpochs: 1, optimizer: { type: 'sgd', nesterov: true, weightDecay: 0.0005 } },
  },
  {
    name: 'a batch-norm layer stack with gelu and leaky relu',
    model: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3, padding: 'same' },
        { type: 'batchNorm' },
        { type: 'activation', activation: 'gelu' },
        { type: 'maxPool', size: 2 },
        { type: 'conv2d', filters: 16, kernel: 3 },
        { type: 'batchNorm', momentum: 0.9, epsilon: 0.00001 },
        { type: 'activation', activation: 'leakyRelu', alpha: 0.1 },
        { type: 'maxPool', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 32, activation: 'relu' },
      ],
    },
    training: { learningRate: 0.01, momentum: 0.9, maxEpochs: 1 },
  },
  {
    name: 'a batch-norm layer stack trained with Adam and a cosine schedule with warm-up',
    model: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3, padding: 'same' },
        { type: 'batchNorm' },
        { type: 'activation', activation: 'relu' },
        { type: 'maxPool', size: 2 },
        { type: 'conv2d', filters: 16, kernel: 3, stride: 2, padding: 'same' },
        { type: 'batchNorm' },
        { type: 'activation', activation: 'relu' },
        { type: 'flatten' },
        { type: 'dense', units: 32, activation: 'relu' },
      ],
    },
    training: { learningRate: 0.002, maxEpochs: 4, schedule: { type: 'cosine', warmupEpochs: 1 }, optimizer: { type: 'adam' } },
  },
  {
    name: 'a conv net trained with AdamW (decoupled weight decay)',
    model: { kind: 'convnet', activation: 'relu', featureMaps: [8, 16], filterSize: 5, denseUnits: 32 },
    training: { learningRate: 0.002, maxEpochs: 1, optimizer: { type: 'adamw', weightDecay: 0.05 } },
  },
];

/** The manifest's description of a planned layer (weights filled in by `manifestOf`). */
type ManifestLayer = Record<string, unknown> & { kind: string; weights?: Record<string, { offset: number; shape: number[] }> };

/** What PyTorch needs to build and train the same net: layers, weights, images, labels, rates. */
function manifestOf(net: BuiltModel, data: { images: Float32Array; labels: Uint8Array }, optimizer: object, learningRates: number[]) {
  const chunks: Float32Array[] = [];
  let offset = 0;
  const put = (values: Float32Array, shape: number[]) => {
    chunks.push(values);
    const at = { offset, shape };
    offset += values.byteLength;
    return at;
  };
  const variable = (layer: BuiltModel['layers'][number]['layer'], name: string) => {
    const v = layer.weights.find((w) => w.originalName.endsWith(`/${name}`));
    if (!v) throw new Error(`layer ${layer.name} has no ${name}`);
    return put(v.read().dataSync() as Float32Array, v.shape as number[]);
  };
  const layers: ManifestLayer[] = [];
  for (const [i, l] of net.layers.entries()) {
    const last = i === net.layers.length - 1;
    const weights = (...names: string[]) => Object.fromEntries(names.map((n) => [n.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), variable(l.layer, n)]));
    switch (l.kind) {
      case 'conv':
        layers.push({ kind: 'conv', kernel: [l.size, l.size], strides: [l.stride, l.stride], padding: l.padding, activation: l.activation, weights: weights('kernel', 'bias') });
        break;
      case 'pool':
        layers.push({ kind: 'pool', type: l.type === 'average' ? 'avg' : l.type, size: l.size, stride: l.stride });
        break;
      case 'flatten':
        layers.push({ kind: 'flatten' });
        break;
      case 'dense':
        // The output's softmax is PyTorch's cross_entropy: it gets the logits.
        layers.push({ kind: 'dense', activation: last && l.activation === 'softmax' ? 'linear' : l.activation, weights: weights('kernel', 'bias') });
        break;
      case 'batch-norm':
        layers.push({ kind: 'batchNorm', momentum: l.momentum, epsilon: l.epsilon, weights: weights('gamma', 'beta', 'moving_mean', 'moving_variance') });
        break;
      case 'activation':
        layers.push({ kind: 'activation', activation: l.activation, alpha: l.alpha });
        break;
      default:
        throw new Error(`the parity manifest has no ${l.kind} layer`);
    }
  }
  const images = put(data.images, [data.images.length]);
  const labelsOffset = offset;
  const blob = Buffer.concat([...chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)), Buffer.from(data.labels)]);
  const manifest = { input: net.inputShape, layers, optimizer, learningRates, batch: BATCH, steps: STEPS, images: images.offset, labels: labelsOffset };
  return { manifest, blob };
}

describe('PyTorch parity: per-step losses of the built-in trainer and PyTorch from the same weights and batches', () => {
  let mnist: MnistData;
  let dir: string;
  before(async () => {
    await run(PYTHON, ['-c', 'import torch']).catch((e) => {
      throw new Error(`PyTorch parity needs Debian's python3-torch (scripts/system-packages.sh --test): ${e.message}`);
    });
    const backend = await initBackend({ prefer: 'native' });
    assert.equal(backend.name, 'native', `the parity test runs the native step; got ${backend.name}`);
    mnist = loadMnist();
    dir = await mkdtemp(join(tmpdir(), 'modelspace-parity-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(c.name, async () => {
      const training = resolveTraining(c.training);
      const net = buildNet(ModelSpec.parse(c.model), 7);
      const variables = net.model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { train } = splits(mnist, { trainSubset: STEPS * BATCH, valSubset: 1, testSubset: 1 });
      const batches = Array.from({ length: STEPS }, (_, s) =>
        makeBatch(
          train,
          Array.from({ length: BATCH }, (_, i) => s * BATCH + i),
        ),
      );
      const images = new Float32Array(STEPS * BATCH * 28 * 28);
      const labels = new Uint8Array(STEPS * BATCH);
      for (const [s, b] of batches.entries()) {
        images.set(b.xs.dataSync() as Float32Array, s * BATCH * 28 * 28);
        labels.set(b.labels, s * BATCH);
      }
      // The rate of each step as the trainer sets it: the position in training after that step's samples.
      const rates = batches.map((_, s) => learningRateAt(training, ((s + 1) * BATCH) / (STEPS * BATCH)));
      const settings = optimizerSettings(training);
      const { manifest, blob } = manifestOf(net, { images, labels }, settings, rates);
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
      await writeFile(join(dir, 'data.bin'), blob);

      const optimizer = makeOptimizer(settings);
      const whole = wholeNativeStep(net, optimizer, variables);
      assert.ok(whole, 'the whole native step covers this net');
      const stepsBefore = nativeCalls.get(TRAIN_STEP) ?? 0;
      const ours: number[] = [];
      for (const [s, b] of batches.entries()) {
        setLearningRate(optimizer, rates[s]!);
        ours.push(trainStep(net.model, optimizer, variables, b, { loss: 'categorical', side: 28 }, whole).loss);
        disposeBatch(b);
      }
      assert.equal((nativeCalls.get(TRAIN_STEP) ?? 0) - stepsBefore, STEPS, 'every step ran as one native call');
      disposeOptimizer(optimizer);
      net.model.dispose();

      const { stdout } = await run(PYTHON, [SCRIPT, join(dir, 'manifest.json'), join(dir, 'data.bin')], { maxBuffer: 1 << 20 });
      const theirs = (JSON.parse(stdout) as { losses: number[] }).losses;
      assert.equal(theirs.length, STEPS);
      const worst = Math.max(...ours.map((l, s) => Math.abs(l - theirs[s]!) / Math.abs(theirs[s]!)));
      assert.ok(worst <= TOLERANCE, `worst relative loss difference ${worst.toExponential(2)} > ${TOLERANCE}\n  ours:    ${ours.join(' ')}\n  PyTorch: ${theirs.join(' ')}`);
      // The losses moved: a net that did not learn would pass trivially.
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const [first, last] = [mean(ours.slice(0, 5)), mean(ours.slice(-5))];
      assert.ok(last < first - 0.1, `mean loss of the first 5 steps ${first}, of the last 5 ${last}`);
      console.log(`${c.name}: worst relative difference ${worst.toExponential(2)}; loss ${first.toFixed(3)} -> ${last.toFixed(3)}`);
    });
  }
});
