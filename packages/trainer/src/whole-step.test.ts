import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { ModelSpec, optimizerSettings, type OptimizerSpec } from '@modelspace/core';
import { loadAddon } from '@modelspace/native';
import { initBackend } from './backend.ts';
import { disposeBatch, makeBatch, splits } from './batches.ts';
import { loadMnist, type MnistData } from './mnist/load.ts';
import { buildNet, lossKindOf } from './models.ts';
import { disposeOptimizer, getOptimizerState, makeOptimizer } from './optimizer.ts';
import { trainStep } from './train.ts';
import { stepNetOf, wholeNativeStep } from './whole-step.ts';

// The whole native step (one addon call) against the trainer's tfjs step on 'native' (fused
// layers, fused loss, fused momentum or Adam update): same losses, predictions and variables after N steps of
// real MNIST images, for the seed's relu nets (model 3, and model 4's five columns) and nets with
// every other covered piece (tanh, sigmoid, L2 and average pooling, dropout after a conv block
// and in the columns, SoftmaxBeta, stride and same padding).
const MODEL_3 = {
  kind: 'convnet',
  activation: 'relu',
  featureMaps: [64, 64],
  filterSize: [5, 5],
  denseUnits: 128,
  pooling: { type: 'max', size: 2, stride: 2 },
  dropout: { placement: 'one-fc', rate: 0.5 },
} as ModelSpec;
const TANH_L2 = {
  kind: 'convnet',
  activation: 'tanh',
  featureMaps: [6, 8],
  filterSize: 5,
  denseUnits: 16,
  pooling: { type: 'l2', size: 2, stride: 2 },
  dropout: { placement: 'conv-and-fc', rate: 0.5, convRate: 0.25 },
} as ModelSpec;
const RELU_AVG_OVERLAP = {
  kind: 'convnet',
  activation: 'relu',
  featureMaps: [5, 7],
  filterSize: 3,
  denseUnits: [12, 9],
  pooling: { type: 'average', size: 3, stride: 2 },
  dropout: { placement: 'all-fc', rate: 0.3 },
} as ModelSpec;
const SOFTMAX_BETA = { kind: 'softmax', beta: -2.5 } as ModelSpec;
const MODEL_4 = { ...MODEL_3, columns: 5 } as ModelSpec;
/** Model 13's layout, smaller: two tanh columns (identity, transpose) with L2 pooling and dropout in each. */
const TANH_2_COLUMNS = { ...TANH_L2, columns: 2, denseUnits: 12 } as ModelSpec;
/** Every column transform, sigmoid units, two hidden layers after average pooling. */
const SIGMOID_5_COLUMNS = {
  kind: 'convnet',
  activation: 'sigmoid',
  columns: 5,
  featureMaps: [4],
  filterSize: 5,
  denseUnits: [10, 6],
  pooling: { type: 'average', size: 2, stride: 2 },
  dropout: { placement: 'all-fc', rate: 0.4 },
} as ModelSpec;
const SIGMOID = { ...SIGMOID_5_COLUMNS, columns: 1 } as ModelSpec;

/** Layer stacks: strides and same padding; activation layers; batch norm on maps and on flat rows. */
const STRIDE_SAME = ModelSpec.parse({
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 5, kernel: 3, stride: 2, padding: 'same', activation: 'relu' },
    { type: 'avgPool', size: 2 },
    { type: 'conv2d', filters: 6, kernel: 4, stride: 2, activation: 'tanh' },
    { type: 'flatten' },
    { type: 'dense', units: 12, activation: 'sigmoid' },
  ],
});
const ACTIVATION_LAYERS = ModelSpec.parse({
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 4, kernel: 5, activation: 'gelu' },
    { type: 'maxPool', size: 2 },
    { type: 'conv2d', filters: 6, kernel: 3, padding: 'same', activation: 'leakyRelu', alpha: 0.1 },
    { type: 'l2Pool', size: 2 },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.3 },
    { type: 'dense', units: 12, activation: 'gelu' },
    { type: 'activation', activation: 'relu' },
    { type: 'dense', units: 10 },
    { type: 'activation', activation: 'tanh' },
    { type: 'dense', units: 8 },
    { type: 'activation', activation: 'sigmoid' },
    { type: 'dense', units: 8, activation: 'leakyRelu' },
  ],
});
const BATCH_NORM = ModelSpec.parse({
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 6, kernel: 3, padding: 'same' },
    { type: 'batchNorm', momentum: 0.9 },
    { type: 'activation', activation: 'relu' },
    { type: 'maxPool', size: 2 },
    { type: 'conv2d', filters: 8, kernel: 3, stride: 2 },
    { type: 'batchNorm' },
    { type: 'activation', activation: 'gelu' },
    { type: 'flatten' },
    { type: 'dense', units: 16 },
    { type: 'batchNorm', momentum: 0.8, epsilon: 0.01 },
    { type: 'activation', activation: 'tanh' },
  ],
});
const BATCH_NORM_COLUMNS = ModelSpec.parse({
  kind: 'layers',
  columns: 2,
  layers: [
    { type: 'conv2d', filters: 4, kernel: 5, stride: 2 },
    { type: 'batchNorm' },
    { type: 'activation', activation: 'leakyRelu' },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.2 },
  ],
});

const available = loadAddon().ok;

const NESTEROV_DECAY: OptimizerSpec = { type: 'sgd', nesterov: true, weightDecay: 5e-4 };
const ADAM: OptimizerSpec = { type: 'adam' };
const ADAM_L2: OptimizerSpec = { type: 'adam', beta1: 0.8, weightDecay: 1e-3 };
const ADAMW: OptimizerSpec = { type: 'adamw' };

interface Trace {
  losses: number[];
  errors: number[];
  weights: Float32Array[];
  /** The optimizer's state: SGD's accumulators, or Adam's first then second moments (and t). */
  state: Float32Array[];
}

/** `steps` steps of `model` from seed 3 on the first training images, whole native step or tfjs's. */
function train(data: MnistData, spec: ModelSpec, batchSize: number, steps: number, whole: boolean, optimizer_?: OptimizerSpec): Trace {
  const net = buildNet(spec, 3);
  const { model } = net;
  const learningRate = optimizer_ && optimizer_.type !== 'sgd' ? 0.002 : 0.05;
  const optimizer = makeOptimizer(optimizerSettings({ learningRate, momentum: 0.9, optimizer: optimizer_ }));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const kind = lossKindOf(spec);
  const native = whole ? wholeNativeStep(net, optimizer, variables) : null;
  if (whole) assert.ok(native, 'the whole step covers the model');
  const { train: split } = splits(data, { trainSubset: batchSize * steps, valSubset: 1, testSubset: 1 });
  const trace: Trace = { losses: [], errors: [], weights: [], state: [] };
  for (let s = 0; s < steps; s++) {
    const batch = makeBatch(
      split,
      Array.from({ length: batchSize }, (_, i) => s * batchSize + i),
    );
    const { loss, errors } = trainStep(model, optimizer, variables, batch, { loss: kind, side: 28 }, native);
    disposeBatch(batch);
    trace.losses.push(loss);
    trace.errors.push(errors);
    // Reading weights mid-training must not change what the next steps compute.
    if (s === 2) for (const w of model.getWeights()) w.dataSync();
  }
  if (native) assert.equal(native.runs, steps, 'every step ran natively');
  trace.weights = model.getWeights().map((w) => (w.dataSync() as Float32Array).slice());
  const state = getOptimizerState(optimizer);
  trace.state = [...state.momentum, ...(state.adam ? [...state.adam.m, ...state.adam.v, Float32Array.of(state.adam.step)] : [])];
  assert.ok(trace.state.length > 0, 'the optimizer has state');
  disposeOptimizer(optimizer);
  model.dispose();
  return trace;
}

function assertClose(actual: Float32Array, expected: Float32Array, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, what);
  let scale = 1e-6;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < actual.length; i++) {
    if (Math.abs(actual[i]! - expected[i]!) > tolerance * scale) assert.fail(`${what}[${i}]: ${actual[i]} vs ${expected[i]} (scale ${scale})`);
  }
}

describe('the whole native training step', { skip: !available && 'the native addon is not built' }, () => {
  let data: MnistData;
  before(async () => {
    await initBackend({ prefer: 'native' });
    data = loadMnist();
  });

  const cases: Array<[string, ModelSpec, number, number, number, OptimizerSpec?]> = [
    ['seed model 3 (relu, max pooling, dropout), batch 1', MODEL_3, 1, 12, 0],
    ['seed model 3, batch 5', MODEL_3, 5, 4, 0],
    ['tanh, L2 pooling, dropout after each conv block, batch 3', TANH_L2, 3, 8, 1e-4],
    ['relu, overlapping average pooling, two hidden layers, batch 2', RELU_AVG_OVERLAP, 2, 8, 1e-4],
    ['softmax with β = −2.5, batch 4', SOFTMAX_BETA, 4, 6, 0],
    ['seed model 4 (5 relu columns, max pooling, dropout), batch 1', MODEL_4, 1, 8, 0],
    ['seed model 4, batch 3', MODEL_4, 3, 3, 0],
    ['2 tanh columns, L2 pooling, dropout in the columns and the head, batch 2', TANH_2_COLUMNS, 2, 8, 0],
    ['sigmoid, average pooling, batch 3', SIGMOID, 3, 8, 0],
    ['5 sigmoid columns (every transform), batch 2', SIGMOID_5_COLUMNS, 2, 8, 0],
    // Nesterov and weight decay: at batch 1 the dense kernels' update leaves the outer-product shortcut.
    ['seed model 3 with Nesterov and weight decay, batch 1', MODEL_3, 1, 12, 0, NESTEROV_DECAY],
    ['seed model 3 with Nesterov and weight decay, batch 5', MODEL_3, 5, 4, 0, NESTEROV_DECAY],
    ['seed model 4 with weight decay, batch 3', MODEL_4, 3, 3, 0, { type: 'sgd', weightDecay: 1e-3 }],
    ['layers: stride 2 with same and valid padding, average pooling, batch 3', STRIDE_SAME, 3, 6, 0],
    ['layers: gelu, leaky relu, relu, tanh and sigmoid activation layers, batch 2', ACTIVATION_LAYERS, 2, 8, 0],
    ['layers: batch norm on maps and on dense rows (running averages too), batch 4', BATCH_NORM, 4, 6, 0],
    ['layers: batch norm, batch 1', BATCH_NORM, 1, 6, 0],
    ['layers: batch norm in 2 columns with Nesterov and weight decay, batch 3', BATCH_NORM_COLUMNS, 3, 5, 0, NESTEROV_DECAY],
    // Adam and AdamW: the whole step's update against the trainer's tfjs path (NativeAdamOptimizer).
    ['seed model 3 with Adam, batch 1', MODEL_3, 1, 12, 0, ADAM],
    ['seed model 3 with Adam (β1 0.8, L2 decay), batch 5', MODEL_3, 5, 4, 0, ADAM_L2],
    ['seed model 4 with AdamW, batch 3', MODEL_4, 3, 3, 0, ADAMW],
    ['softmax with β = −2.5 and AdamW, batch 4', SOFTMAX_BETA, 4, 6, 0, ADAMW],
    ['tanh, L2 pooling, dropout, with Adam, batch 3', TANH_L2, 3, 8, 1e-4, ADAM],
    ['layers: batch norm with Adam, batch 4', BATCH_NORM, 4, 6, 0, ADAM],
    ['layers: batch norm in 2 columns with AdamW, batch 1', BATCH_NORM_COLUMNS, 1, 5, 0, ADAMW],
  ];
  for (const [name, spec, batchSize, steps, tolerance, optimizer] of cases) {
    it(`${name}: losses, predictions, variables and optimizer state as tfjs's step${tolerance ? ` (${tolerance})` : ', bit for bit'}`, () => {
      const tensors = tf.memory().numTensors;
      const whole = train(data, spec, batchSize, steps, true, optimizer);
      const reference = train(data, spec, batchSize, steps, false, optimizer);
      assert.equal(tf.memory().numTensors, tensors, 'no tensor leaked');
      if (tolerance === 0) {
        assert.deepEqual(whole.losses, reference.losses);
        assert.deepEqual(whole.errors, reference.errors);
        for (const [i, w] of whole.weights.entries()) assert.deepEqual(w, reference.weights[i], `variable ${i}`);
        assert.equal(whole.state.length, reference.state.length);
        for (const [i, m] of whole.state.entries()) assert.deepEqual(m, reference.state[i], `optimizer state ${i}`);
        return;
      }
      for (const [i, l] of whole.losses.entries())
        assert.ok(Math.abs(l - reference.losses[i]!) <= tolerance * Math.max(1, Math.abs(l)), `loss ${i}: ${l} vs ${reference.losses[i]}`);
      assert.deepEqual(whole.errors, reference.errors);
      for (const [i, w] of whole.weights.entries()) assertClose(w, reference.weights[i]!, tolerance, `variable ${i}`);
      for (const [i, m] of whole.state.entries()) assertClose(m, reference.state[i]!, tolerance, `optimizer state ${i}`);
    });
  }

  it('leaves models it does not cover to tfjs (logistic), covers multi-column ones', () => {
    const cover = (spec: ModelSpec) => {
      const built = buildNet(spec, 1);
      const net = stepNetOf(built);
      built.model.dispose();
      return net;
    };
    assert.equal(cover({ kind: 'logistic' } as ModelSpec), null);
    assert.ok(cover(MODEL_3));
    const columns = cover({ ...MODEL_3, featureMaps: [4], denseUnits: 8, columns: 3 } as ModelSpec);
    assert.deepEqual(
      columns?.columns?.map((c) => c.transform),
      ['identity', 'transpose', 'flip-left-right'],
    );
    assert.deepEqual(
      columns?.layers.map((l) => l.kind),
      ['dropout', 'dense'],
    );
  });
});
