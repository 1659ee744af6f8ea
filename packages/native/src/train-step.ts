import * as tf from '@tensorflow/tfjs-core';
import { AdamOptimizer } from './adam.ts';
import { loadAddon, type NativeAddon } from './addon.ts';
import { NativeBackend } from './backend.ts';
import { SgdMomentumOptimizer } from './sgd.ts';
import { NATIVE, nativeCalls } from './kernels/helpers.ts';

/** The whole step's name in nativeCalls (counted per step, as the kernels are per call). */
export const TRAIN_STEP = 'NativeTrainStep';

export type StepActivation = 'linear' | 'relu' | 'tanh' | 'sigmoid';
/** An activation layer's function (gelu: x·Φ(x) with tfjs's erf; leakyRelu: alpha·x below 0). */
export type StepLayerActivation = 'relu' | 'tanh' | 'sigmoid' | 'gelu' | 'leakyRelu';

/** A column's fixed permutation of the input image (the trainer's ColumnInput). */
export type StepTransform = 'identity' | 'transpose' | 'flip-left-right' | 'flip-up-down' | 'rotate-180';

/** A layer of a net the whole native step covers (NHWC activations, HWIO filters). */
export type StepLayer =
  | { kind: 'conv'; kernel: tf.Variable; bias: tf.Variable; strides: [number, number]; padding: 'valid' | 'same'; activation: StepActivation }
  | { kind: 'dense'; kernel: tf.Variable; bias: tf.Variable; activation: StepActivation }
  | { kind: 'pool'; type: 'max' | 'avg' | 'l2'; size: [number, number]; strides: [number, number] }
  /** Inverted dropout as tf.dropout(x, rate, undefined, seed): `seed` is called once per step. */
  | { kind: 'dropout'; rate: number; seed: () => number }
  | { kind: 'flatten' }
  /** An activation on its own, computed as tfjs-layers' Activation (gelu) and LeakyReLU layers compute it. */
  | { kind: 'activation'; activation: StepLayerActivation; alpha: number }
  /**
   * tfjs-layers' BatchNormalization over the last axis, training mode: normalised with the
   * batch's moments, γ and β trained, the running mean and variance moved by `momentum`.
   */
  | { kind: 'batchNorm'; gamma: tf.Variable; beta: tf.Variable; movingMean: tf.Variable; movingVariance: tf.Variable; momentum: number; epsilon: number };

/** One column of a multi-column net: its input transform, then its layers (ending flat). */
export interface StepColumn {
  transform: StepTransform;
  layers: StepLayer[];
}

export interface StepNet {
  inputShape: [number, number, number]; // [height, width, channels] of one image
  /**
   * A multi-column net: each column's layers on its transform of the input, their flat outputs
   * concatenated (last axis, in this order) into `layers`' input. Absent: `layers` is the net.
   */
  columns?: StepColumn[];
  layers: StepLayer[];
  /** The loss: mean over the batch of −Σ y·log softmax(−β·logits), from the logits (log-sum-exp). */
  beta: number;
}

/** SGD with momentum: the settings the optimizer was made with (see SgdMomentumOptimizer). */
export interface MomentumSettings {
  learningRate: number;
  momentum: number;
  /** L2 weight decay: weightDecay·w is added to each gradient (default 0). */
  weightDecay?: number | undefined;
  /** Nesterov's momentum instead of the classical one (default false). */
  nesterov?: boolean | undefined;
}

/**
 * The optimizers the whole step updates for, reading their settings (the rate the schedule set
 * last included) and state from them: SGD momentum (its accumulators, where tfjs keeps them) or
 * Adam / AdamW (its moments and step count). Checkpoints and any tfjs step see the same state.
 */
export type StepOptimizer = SgdMomentumOptimizer | AdamOptimizer;

const RECORD = 24;
const OPS = { conv: 0, dense: 1, pool: 2, dropout: 3, identity: 4, column: 5, concat: 6, activation: 7, batchNorm: 8 } as const;
const LAYER_ACTIVATIONS: Record<StepLayerActivation, number> = { relu: 1, tanh: 2, sigmoid: 3, gelu: 4, leakyRelu: 5 };
const ACTIVATIONS: Record<StepActivation, number> = { linear: 0, relu: 1, tanh: 2, sigmoid: 3 };
const TRANSFORMS: Record<StepTransform, number> = { identity: 0, transpose: 1, 'flip-left-right': 2, 'flip-up-down': 3, 'rotate-180': 4 };
/** Columns a concat record has room for (its fields: n, k, then one width per column). */
const MAX_COLUMNS = RECORD - 6;

/** The activations' shape while the program is built, and the dropouts numbered so far. */
interface Cursor {
  h: number;
  w: number;
  c: number;
  flat: boolean;
  dropouts: number;
}

/** The net's layers in program order (columns first, then the head): parameters, dropouts. */
export function stepLayers(net: StepNet): StepLayer[] {
  return [...(net.columns ?? []).flatMap((c) => c.layers), ...net.layers];
}
const POOLS = { max: 0, avg: 1, l2: 2 } as const;

/**
 * The addon's program for `net` at batch `n` (records of RECORD ints, see cc/train_step.cc), the
 * shapes computed as tfjs computes them (conv padding by backend_util); null when a layer does
 * not fit (a dense layer on an unflattened input, a pool window larger than its input).
 */
export function stepProgram(net: StepNet, n: number): Int32Array | null {
  const records: number[][] = [];
  const [h, w, c] = net.inputShape;
  const at: Cursor = { h, w, c, flat: false, dropouts: 0 };
  if (net.columns) {
    if (net.columns.length < 1 || net.columns.length > MAX_COLUMNS) return null;
    const widths: number[] = [];
    for (const column of net.columns) {
      const size = n * h * w * c;
      records.push([OPS.column, 0, size, size, TRANSFORMS[column.transform], n, h, w, c]);
      const own: Cursor = { ...at, h: column.transform === 'transpose' ? w : h, w: column.transform === 'transpose' ? h : w, c, flat: false };
      if (!layerRecords(column.layers, n, own, records) || !own.flat) return null;
      at.dropouts = own.dropouts;
      widths.push(own.c);
    }
    const total = widths.reduce((a, b) => a + b, 0);
    records.push([OPS.concat, 0, n * total, n * total, n, widths.length, ...widths]);
    Object.assign(at, { h: 1, w: 1, c: total, flat: true });
  }
  if (!layerRecords(net.layers, n, at, records)) return null;
  if (!at.flat || at.h * at.w !== 1) return null;
  const program = new Int32Array(records.length * RECORD);
  for (const [i, r] of records.entries()) program.set(r, i * RECORD);
  return program;
}

/** Appends the records of `layers` from the shape at `at` (updated); false when one does not fit. */
function layerRecords(layers: StepLayer[], n: number, at: Cursor, records: number[][]): boolean {
  for (const l of layers) {
    const { h, w, c } = at;
    const inSize = n * h * w * c;
    if (l.kind === 'conv') {
      const [kh, kw, ci, co] = l.kernel.shape as [number, number, number, number];
      if (at.flat || ci !== c) return false;
      const info = tf.backend_util.computeConv2DInfo([n, h, w, c], [kh, kw, ci, co], l.strides, 1, l.padding, undefined, false, 'channelsLast');
      const p = info.padInfo;
      Object.assign(at, { h: info.outHeight, w: info.outWidth, c: co });
      records.push([
        OPS.conv,
        ACTIVATIONS[l.activation],
        inSize,
        n * at.h * at.w * co,
        n,
        info.inHeight,
        info.inWidth,
        ci,
        kh,
        kw,
        co,
        at.h,
        at.w,
        info.strideHeight,
        info.strideWidth,
        p.top,
        p.left,
        p.bottom,
        p.right,
        1,
        1,
        1,
        0,
      ]);
    } else if (l.kind === 'dense') {
      const [k, units] = l.kernel.shape as [number, number];
      if (!at.flat || k !== c) return false;
      at.c = units;
      records.push([OPS.dense, ACTIVATIONS[l.activation], inSize, n * units, k, units]);
    } else if (l.kind === 'pool') {
      if (at.flat) return false;
      const [fh, fw] = l.size;
      const [sh, sw] = l.strides;
      const oh = Math.floor((h - fh) / sh) + 1;
      const ow = Math.floor((w - fw) / sw) + 1;
      if (oh < 1 || ow < 1) return false;
      records.push([OPS.pool, 0, inSize, n * oh * ow * c, POOLS[l.type], n, h, w, c, fh, fw, oh, ow, sh, sw, 0, 0]);
      Object.assign(at, { h: oh, w: ow });
    } else if (l.kind === 'activation') {
      records.push([OPS.activation, LAYER_ACTIVATIONS[l.activation], inSize, inSize, ...doubleWords(l.alpha)]);
    } else if (l.kind === 'batchNorm') {
      // Rows of `c` values: n·h·w pixels of a map, or n rows of a flat input.
      if (l.gamma.size !== c) return false;
      // tfjs-layers' running-average decay is the float32 scalar of 1 − momentum; ε is a double in
      // the forward kernel and a float32 scalar in its gradient.
      records.push([OPS.batchNorm, 0, inSize, inSize, n * h * w, c, floatBits(Math.fround(1 - l.momentum)), ...doubleWords(l.epsilon)]);
    } else if (l.kind === 'dropout') {
      records.push(l.rate === 0 ? [OPS.identity, 0, inSize, inSize] : [OPS.dropout, 0, inSize, inSize, at.dropouts++]);
    } else {
      Object.assign(at, { h: 1, w: 1, c: h * w * c, flat: true });
      records.push([OPS.identity, 0, inSize, inSize]);
    }
  }
  return true;
}

/** A number's float64 bits as two int32 record fields (low word first). */
function doubleWords(v: number): [number, number] {
  const words = new Int32Array(new Float64Array([v]).buffer);
  return [words[0]!, words[1]!];
}

/** A float32's bits as one int32 record field. */
function floatBits(v: number): number {
  return new Int32Array(new Float32Array([v]).buffer)[0]!;
}

/** The variables a layer trains (kernel and bias; batch norm's γ and β), in the addon's order. */
function trainedBy(l: StepLayer): tf.Variable[] {
  if (l.kind === 'conv' || l.kind === 'dense') return [l.kernel, l.bias];
  return l.kind === 'batchNorm' ? [l.gamma, l.beta] : [];
}

/**
 * A whole training step of a sequential or multi-column net as one addon call (cc/train_step.cc):
 * forward, the softmax cross-entropy from the logits, backward and the optimizer's update (SGD
 * momentum or Adam / AdamW) of every variable in place, outside tfjs's engine (no tape, no kernel calls, no copies of saved
 * tensors: at batch 1 those are most of a step). Same kernels' code as the 'native' backend's
 * kernels and the same arithmetic as tfjs's momentum update, so it trains as the tfjs step on
 * 'native' does (to float rounding); dropout masks are tf.dropout's, drawn from the same seeds.
 * Variables and accumulators stay tfjs's (checkpoints, getWeights, the optimizer's state); one
 * that anything else can see is first replaced by a private copy (NativeBackend.ownFloat32), so
 * every step takes this path whatever was read in between.
 */
export class NativeTrainingStep {
  private readonly programs = new Map<number, Int32Array | null>();
  private readonly params: tf.Variable[];
  /** Batch norm's running means and variances (updated in place by the step, after `params` in the addon's list). */
  private readonly stats: tf.Variable[];
  /** Each param's index in `variables`, i.e. its optimizer state's (−1: not trained by the optimizer). */
  private readonly slots: number[];
  private readonly dropouts: Array<Extract<StepLayer, { kind: 'dropout' }>>;
  private readonly keep: Float32Array;
  /** Steps this object ran natively (tests check that the path was taken). */
  runs = 0;

  constructor(
    private readonly addon: NativeAddon,
    private readonly net: StepNet,
    /** Its settings and rate are read each step, its state updated in place. */
    private readonly optimizer: StepOptimizer,
    /** The variables in the order minimize receives them (the optimizer's state order). */
    variables: tf.Variable[],
  ) {
    const layers = stepLayers(net);
    this.params = layers.flatMap(trainedBy);
    this.stats = layers.flatMap((l) => (l.kind === 'batchNorm' ? [l.movingMean, l.movingVariance] : []));
    this.slots = this.params.map((v) => variables.indexOf(v));
    this.dropouts = layers.filter((l): l is Extract<StepLayer, { kind: 'dropout' }> => l.kind === 'dropout' && l.rate > 0);
    // tf.dropout's keepProb = 1 − rate, a float32 scalar tensor.
    this.keep = Float32Array.from(this.dropouts, (d) => 1 - d.rate);
  }

  /**
   * One step on a batch (`xs` [n, h, w, c] and one-hot `ys` [n, classes], float32): the batch's
   * mean loss and each image's predicted class; null (nothing changed, no seed drawn) when this
   * step cannot run natively (another backend, a batch shape the net does not fit).
   */
  run(xs: tf.Tensor, ys: tf.Tensor): { loss: number; predicted: Int32Array } | null {
    const backend = tf.backend();
    if (!(backend instanceof NativeBackend) || xs.dtype !== 'float32' || ys.dtype !== 'float32' || ys.rank !== 2) return null;
    const n = xs.shape[0]!;
    const [h, w, c] = this.net.inputShape;
    if (xs.rank !== 4 || xs.shape[1] !== h || xs.shape[2] !== w || xs.shape[3] !== c || ys.shape[0] !== n) return null;
    if (!this.programs.has(n)) this.programs.set(n, stepProgram(this.net, n));
    const program = this.programs.get(n);
    if (!program) return null;
    if (this.slots.some((i) => i < 0) || this.params.some((v) => v.dtype !== 'float32')) return null;
    // Batch norm's running averages follow the trained variables; the step moves them in place.
    if (this.stats.some((v) => v.dtype !== 'float32')) return null;
    const values: Float32Array[] = [];
    // Per parameter its state arrays (created by the optimizer as its own tfjs path would): the
    // addon takes the first of each parameter's, then the second (Adam's v), and so on.
    const byParam = this.params.map((v, k) => this.optimizer.stateVariables(this.slots[k]!, v));
    for (const v of this.params) values.push(backend.ownFloat32(v));
    for (const v of this.stats) values.push(backend.ownFloat32(v));
    const states = (byParam[0] ?? []).flatMap((_, j) => byParam.map((s) => backend.ownFloat32(s[j]!)));
    // tf.dropout's uniforms, drawn from the layer's next seed (values depend on the count only).
    const uniforms = this.dropouts.map((d, i) => {
      const u = tf.randomUniform([this.dropoutSize(program, i)], 0, 1, 'float32', d.seed());
      const values = backend.readSync(u.dataId) as Float32Array;
      u.dispose();
      return values;
    });
    const predicted = new Int32Array(n);
    const loss = this.addon.trainStep(
      program,
      float32Values(backend, xs),
      float32Values(backend, ys),
      values,
      states,
      uniforms,
      this.keep,
      predicted,
      -this.net.beta,
      this.optimizer.nativeRule(),
    );
    this.optimizer.stepTaken();
    this.runs++;
    nativeCalls.set(TRAIN_STEP, (nativeCalls.get(TRAIN_STEP) ?? 0) + 1);
    return { loss, predicted };
  }

  /** The size of dropout `i`'s input in `program` (its record's `in size`). */
  private dropoutSize(program: Int32Array, i: number): number {
    for (let at = 0; at < program.length; at += RECORD) if (program[at] === OPS.dropout && program[at + 4] === i) return program[at + 2]!;
    throw new RangeError(`no dropout ${i} in the program`);
  }
}

/** A float32 tensor's values as the kernels read them (a copy if stored as another array type). */
function float32Values(backend: NativeBackend, t: tf.Tensor): Float32Array {
  const values = backend.data.get(t.dataId).values;
  return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
}

/**
 * The whole native step for `net` when the 'native' backend is active and its addon loaded
 * (else null: the caller keeps tfjs's step). MODELSPACE_NATIVE_WHOLE_STEP=0 turns it off (for
 * comparisons: the trainer then takes tfjs's step on the native kernels). `optimizer` is the one
 * the caller would otherwise minimize with (SgdMomentumOptimizer or AdamOptimizer, or their
 * native subclasses; it keeps the state and the rate); `variables` the list it would pass to minimize.
 */
export function nativeTrainingStep(net: StepNet, optimizer: tf.Optimizer, variables: tf.Variable[], addon: NativeAddon | undefined = loadedAddon()): NativeTrainingStep | null {
  if (tf.getBackend() !== NATIVE || !addon || typeof addon.trainStep !== 'function') return null;
  if (process.env.MODELSPACE_NATIVE_WHOLE_STEP === '0') return null;
  if (!(optimizer instanceof SgdMomentumOptimizer) && !(optimizer instanceof AdamOptimizer)) return null;
  return new NativeTrainingStep(addon, net, optimizer, variables);
}

function loadedAddon(): NativeAddon | undefined {
  const load = loadAddon();
  return load.ok ? load.addon : undefined;
}
