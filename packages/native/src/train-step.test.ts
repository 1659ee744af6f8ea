import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { loadAddon } from './addon.ts';
import { NATIVE } from './backend.ts';
import { nativeTrainingStep, stepProgram, type StepLayer, type StepNet, type StepTransform } from './train-step.ts';
import { SgdMomentumOptimizer } from './sgd.ts';
import { AdamOptimizer, type AdamSettings } from './adam.ts';
import { assertClose, requireNative, values } from './testing.ts';

/**
 * The whole native training step (one addon call: forward, softmax cross-entropy, backward,
 * momentum) against the same net composed from tfjs ops and trained with tf.train.momentum on
 * the reference cpu backend: loss and every variable after each of 3 steps (1e-5), for every
 * layer kind the step covers, and multi-column nets (each column's transform of the input,
 * their outputs concatenated).
 */
type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear';
type Spec =
  | { kind: 'conv'; shape: [number, number, number, number]; strides: [number, number]; padding: 'valid' | 'same'; activation: Activation }
  | { kind: 'dense'; shape: [number, number]; activation: Activation }
  | { kind: 'pool'; type: 'max' | 'avg' | 'l2'; size: [number, number]; strides: [number, number] }
  | { kind: 'dropout'; rate: number }
  | { kind: 'flatten' };

interface Net {
  name: string;
  input: [number, number, number];
  batch: number;
  beta: number;
  /** Columns, each on its transform of the input, concatenated into `layers` (the head). */
  columns?: Array<{ transform: StepTransform; layers: Spec[] }>;
  layers: Spec[];
}

const NETS: Net[] = [
  {
    name: 'relu conv (same padding, stride 2) → max pool → dropout → dense relu → dense',
    input: [9, 9, 2],
    batch: 3,
    beta: -1,
    layers: [
      { kind: 'conv', shape: [3, 3, 2, 4], strides: [2, 2], padding: 'same', activation: 'relu' },
      { kind: 'pool', type: 'max', size: [2, 2], strides: [1, 1] },
      { kind: 'dropout', rate: 0.4 },
      { kind: 'flatten' },
      { kind: 'dense', shape: [64, 6], activation: 'relu' },
      { kind: 'dense', shape: [6, 5], activation: 'linear' },
    ],
  },
  {
    name: 'tanh convs with L2 and overlapping average pooling, softmax β = −2',
    input: [12, 12, 1],
    batch: 2,
    beta: -2,
    layers: [
      { kind: 'conv', shape: [3, 3, 1, 3], strides: [1, 1], padding: 'valid', activation: 'tanh' },
      { kind: 'pool', type: 'l2', size: [2, 2], strides: [2, 2] },
      { kind: 'conv', shape: [2, 2, 3, 4], strides: [1, 1], padding: 'valid', activation: 'linear' },
      { kind: 'pool', type: 'avg', size: [3, 3], strides: [2, 2] },
      { kind: 'flatten' },
      { kind: 'dropout', rate: 0.5 },
      { kind: 'dense', shape: [4, 3], activation: 'tanh' },
      { kind: 'dense', shape: [3, 4], activation: 'linear' },
    ],
  },
  {
    name: 'one row (batch 1): relu conv → max pool → dense relu → dropout → dense',
    input: [8, 8, 1],
    batch: 1,
    beta: -1,
    layers: [
      { kind: 'conv', shape: [3, 3, 1, 4], strides: [1, 1], padding: 'valid', activation: 'relu' },
      { kind: 'pool', type: 'max', size: [2, 2], strides: [2, 2] },
      { kind: 'flatten' },
      { kind: 'dense', shape: [36, 8], activation: 'relu' },
      { kind: 'dropout', rate: 0.5 },
      { kind: 'dense', shape: [8, 10], activation: 'linear' },
    ],
  },
  {
    name: 'columns on every transform of a 7x6 input (relu, sigmoid, tanh; dropout in a column and the head), concatenated',
    input: [7, 6, 2],
    batch: 2,
    beta: -1,
    columns: [
      {
        transform: 'identity',
        layers: [
          { kind: 'conv', shape: [3, 3, 2, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
          { kind: 'pool', type: 'max', size: [2, 2], strides: [2, 2] },
          { kind: 'flatten' },
          { kind: 'dense', shape: [12, 4], activation: 'relu' },
        ],
      },
      {
        transform: 'transpose',
        layers: [
          { kind: 'conv', shape: [3, 2, 2, 2], strides: [1, 1], padding: 'valid', activation: 'sigmoid' },
          { kind: 'flatten' },
          { kind: 'dropout', rate: 0.3 },
          { kind: 'dense', shape: [48, 3], activation: 'sigmoid' },
        ],
      },
      {
        transform: 'flip-left-right',
        layers: [
          { kind: 'conv', shape: [2, 2, 2, 2], strides: [2, 2], padding: 'same', activation: 'tanh' },
          { kind: 'flatten' },
          { kind: 'dense', shape: [24, 5], activation: 'tanh' },
        ],
      },
      { transform: 'flip-up-down', layers: [{ kind: 'flatten' }, { kind: 'dense', shape: [84, 2], activation: 'linear' }] },
      {
        transform: 'rotate-180',
        layers: [
          { kind: 'pool', type: 'avg', size: [2, 2], strides: [2, 2] },
          { kind: 'conv', shape: [2, 2, 2, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
          { kind: 'flatten' },
        ],
      },
    ],
    layers: [
      { kind: 'dropout', rate: 0.5 },
      { kind: 'dense', shape: [26, 6], activation: 'sigmoid' },
      { kind: 'dense', shape: [6, 4], activation: 'linear' },
    ],
  },
  {
    name: 'one row (batch 1): two relu columns (identity, transpose) → dropout → dense',
    input: [6, 6, 1],
    batch: 1,
    beta: -1,
    columns: (['identity', 'transpose'] as const).map((transform) => ({
      transform,
      layers: [
        { kind: 'conv', shape: [3, 3, 1, 2], strides: [1, 1], padding: 'valid', activation: 'relu' },
        { kind: 'pool', type: 'max', size: [2, 2], strides: [2, 2] },
        { kind: 'flatten' },
        { kind: 'dense', shape: [8, 5], activation: 'relu' },
      ] as Spec[],
    })),
    layers: [
      { kind: 'dropout', rate: 0.5 },
      { kind: 'dense', shape: [10, 10], activation: 'linear' },
    ],
  },
];

/** Every layer in program order: the columns', then the head's. */
const allLayers = (net: Net): Spec[] => [...(net.columns ?? []).flatMap((c) => c.layers), ...net.layers];

const LR = 0.1;
const MOMENTUM = 0.9;
const STEPS = 3;

/** The net's weights as arrays (deterministic), kernel then bias per weighted layer. */
function initialWeights(layers: Spec[]): Float32Array[] {
  return layers.flatMap((l, i) =>
    l.kind === 'conv' || l.kind === 'dense'
      ? [
          values(
            l.shape.reduce((a, b) => a * b),
            10 + i,
          ).map((v) => v * 0.5),
          values(l.shape.at(-1)!, 50 + i).map((v) => v * 0.1),
        ]
      : [],
  );
}

const act = (a: string, t: tf.Tensor) => (a === 'relu' ? tf.relu(t) : a === 'tanh' ? tf.tanh(t) : a === 'sigmoid' ? tf.sigmoid(t) : t);

function transformed(x: tf.Tensor, transform: StepTransform): tf.Tensor {
  if (transform === 'transpose') return tf.transpose(x, [0, 2, 1, 3]);
  if (transform === 'flip-left-right') return tf.reverse(x, 2);
  if (transform === 'flip-up-down') return tf.reverse(x, 1);
  if (transform === 'rotate-180') return tf.reverse(x, [1, 2]);
  return x;
}

/** The net (columns, concatenation, head) from tfjs ops; each layer takes its variables in order. */
function forwardNet(net: Net, vars: tf.Variable[], x: tf.Tensor, seeds: () => number): tf.Tensor {
  if (!net.columns) return forward(net.layers, vars, x, seeds);
  let at = 0;
  const take = (layers: Spec[]) => {
    const from = at;
    at += layers.filter((l) => l.kind === 'conv' || l.kind === 'dense').length * 2;
    return vars.slice(from, at);
  };
  const outs = net.columns.map((c) => forward(c.layers, take(c.layers), transformed(x, c.transform), seeds));
  return forward(net.layers, take(net.layers), tf.concat(outs, 1), seeds);
}

/** The net composed from tfjs ops (what the trainer's layers compute), dropout from `seeds`. */
function forward(layers: Spec[], vars: tf.Variable[], x: tf.Tensor, seeds: () => number): tf.Tensor {
  let t = x;
  let p = 0;
  for (const l of layers) {
    if (l.kind === 'conv') t = act(l.activation, tf.add(tf.conv2d(t as tf.Tensor4D, vars[p++] as tf.Tensor4D, l.strides, l.padding), vars[p++]!));
    else if (l.kind === 'dense') t = act(l.activation, tf.add(tf.matMul(t as tf.Tensor2D, vars[p++] as tf.Tensor2D), vars[p++]!));
    else if (l.kind === 'pool' && l.type === 'max') t = tf.maxPool(t as tf.Tensor4D, l.size, l.strides, 'valid');
    else if (l.kind === 'pool' && l.type === 'avg') t = tf.avgPool(t as tf.Tensor4D, l.size, l.strides, 'valid');
    else if (l.kind === 'pool') t = tf.sqrt(tf.add(tf.mul(tf.avgPool(tf.square(t) as tf.Tensor4D, l.size, l.strides, 'valid'), l.size[0] * l.size[1]), 1e-10));
    else if (l.kind === 'dropout') t = tf.dropout(t, l.rate, undefined, seeds());
    else t = tf.reshape(t, [t.shape[0]!, -1]);
  }
  return t;
}

function seedStream(): () => number {
  let s = 12345;
  return () => (s = (s * 31 + 7) % 2147483647);
}

interface Trace {
  losses: number[];
  weights: Float32Array[][]; // after each step
}

/**
 * Adam for the cross-backend comparison: ε 1e-3 keeps an element whose gradient is ~0 (whose sign
 * the two backends' roundings may disagree on) from taking a full ±lr step, as ε 1e-8 would.
 */
const ADAM: AdamSettings = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-3, weightDecay: 1e-3, decoupled: true };
type Optimizers = 'momentum' | 'adamw';

async function reference(net: Net, xs: Float32Array, ys: Float32Array, kind: Optimizers = 'momentum'): Promise<Trace> {
  await tf.setBackend('cpu');
  const vars = initialWeights(allLayers(net)).map((w, i) => tf.variable(tf.tensor(w, weightShape(allLayers(net), i))));
  const optimizer = kind === 'adamw' ? new AdamOptimizer(ADAM) : tf.train.momentum(LR, MOMENTUM);
  const seeds = seedStream();
  const trace: Trace = { losses: [], weights: [] };
  const x = tf.tensor(xs, [net.batch, ...net.input]);
  const y = tf.tensor(ys, [net.batch, ys.length / net.batch]);
  for (let s = 0; s < STEPS; s++) {
    const cost = optimizer.minimize(() => {
      const z = forwardNet(net, vars, x, seeds);
      const logp = tf.logSoftmax(tf.mul(z, -net.beta));
      return tf.div(tf.neg(tf.sum(tf.mul(y, logp))), net.batch) as tf.Scalar;
    }, true)!;
    trace.losses.push(cost.dataSync()[0]!);
    cost.dispose();
    trace.weights.push(vars.map((v) => v.dataSync().slice() as Float32Array));
  }
  tf.dispose([x, y, ...vars]);
  optimizer.dispose();
  return trace;
}

function weightShape(layers: Spec[], index: number): number[] {
  const shapes = layers.flatMap((l) => (l.kind === 'conv' || l.kind === 'dense' ? [l.shape, [l.shape.at(-1)!]] : []));
  return shapes[index]!;
}

async function native(net: Net, xs: Float32Array, ys: Float32Array, kind: Optimizers = 'momentum'): Promise<Trace> {
  await tf.setBackend(NATIVE);
  const vars = initialWeights(allLayers(net)).map((w, i) => tf.variable(tf.tensor(w, weightShape(allLayers(net), i))));
  const optimizer = kind === 'adamw' ? new AdamOptimizer(ADAM) : new SgdMomentumOptimizer({ learningRate: LR, momentum: MOMENTUM });
  const seeds = seedStream();
  let p = 0;
  const stepLayer = (l: Spec): StepLayer => {
    if (l.kind === 'conv') return { kind: 'conv', kernel: vars[p++]!, bias: vars[p++]!, strides: l.strides, padding: l.padding, activation: l.activation };
    if (l.kind === 'dense') return { kind: 'dense', kernel: vars[p++]!, bias: vars[p++]!, activation: l.activation };
    if (l.kind === 'pool') return { kind: 'pool', type: l.type, size: l.size, strides: l.strides };
    if (l.kind === 'dropout') return { kind: 'dropout', rate: l.rate, seed: seeds };
    return { kind: 'flatten' };
  };
  const columns = net.columns?.map((c) => ({ transform: c.transform, layers: c.layers.map(stepLayer) }));
  const stepNet: StepNet = { inputShape: net.input, ...(columns && { columns }), layers: net.layers.map(stepLayer), beta: net.beta };
  const step = nativeTrainingStep(stepNet, optimizer, vars);
  assert.ok(step, 'the whole step is available on native');
  const x = tf.tensor(xs, [net.batch, ...net.input]);
  const y = tf.tensor(ys, [net.batch, ys.length / net.batch]);
  const trace: Trace = { losses: [], weights: [] };
  for (let s = 0; s < STEPS; s++) {
    const out = step.run(x, y);
    assert.ok(out, `step ${s} ran natively`);
    trace.losses.push(out.loss);
    trace.weights.push(vars.map((v) => v.dataSync().slice() as Float32Array));
  }
  tf.dispose([x, y, ...vars]);
  optimizer.dispose();
  return trace;
}

describe('the whole native training step matches tfjs ops + tf.train.momentum (or AdamOptimizer) on the cpu backend', {
  skip: !loadAddon().ok && 'the native addon is not built',
}, () => {
  before(requireNative);

  const cases = [...NETS.map((net) => [net, 'momentum'] as const), ...NETS.map((net) => [net, 'adamw'] as const)];
  for (const [net, kind] of cases) {
    it(`${net.name}${kind === 'adamw' ? ' (AdamW)' : ''}`, async () => {
      const classes = (net.layers.findLast((l) => l.kind === 'dense') as { shape: [number, number] }).shape[1];
      const xs = values(net.batch * net.input.reduce((a, b) => a * b), 7).map((v) => Math.abs(v));
      const ys = new Float32Array(net.batch * classes);
      for (let r = 0; r < net.batch; r++) ys[r * classes + ((r * 3 + 1) % classes)] = 1;
      const cpu = await reference(net, xs, ys, kind);
      const ours = await native(net, xs, ys, kind);
      for (let s = 0; s < STEPS; s++) {
        assert.ok(Math.abs(ours.losses[s]! - cpu.losses[s]!) <= 1e-5 * Math.max(1, cpu.losses[s]!), `loss ${s}: ${ours.losses[s]} vs ${cpu.losses[s]}`);
        for (const [i, w] of ours.weights[s]!.entries()) assertClose(w, cpu.weights[s]![i]!, 1e-5, `step ${s}, variable ${i}`);
      }
      assert.notDeepEqual(ours.weights[STEPS - 1], ours.weights[0], 'the variables changed');
    });
  }

  it('builds no program for a net whose shapes do not fit (dense before flatten, a conv of the wrong depth, a column not flat)', async () => {
    await tf.setBackend(NATIVE);
    const k = tf.variable(tf.zeros([3, 3, 2, 4]));
    const b = tf.variable(tf.zeros([4]));
    const conv: StepLayer = { kind: 'conv', kernel: k, bias: b, strides: [1, 1], padding: 'valid', activation: 'relu' };
    assert.equal(stepProgram({ inputShape: [5, 5, 1], layers: [conv, { kind: 'flatten' }], beta: -1 }, 1), null);
    assert.equal(stepProgram({ inputShape: [5, 5, 2], layers: [{ kind: 'dense', kernel: k, bias: b, activation: 'linear' }], beta: -1 }, 1), null);
    assert.ok(stepProgram({ inputShape: [5, 5, 2], layers: [conv, { kind: 'flatten' }], beta: -1 }, 1));
    // A column must end flat (its output is a row of the concatenation).
    const column = (layers: StepLayer[]) => ({
      inputShape: [5, 5, 2] as [number, number, number],
      columns: [{ transform: 'transpose' as const, layers }],
      layers: [],
      beta: -1,
    });
    assert.equal(stepProgram(column([conv]), 1), null);
    assert.ok(stepProgram(column([conv, { kind: 'flatten' }]), 1));
    tf.dispose([k, b]);
  });
});
