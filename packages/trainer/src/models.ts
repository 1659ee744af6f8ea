import * as tfl from '@tensorflow/tfjs-layers';
import {
  convNetArchitecture,
  convNetGeometryIssues,
  inputSizeOf,
  isMnistShaped,
  MNIST_SHAPE,
  softmaxBeta,
  type Activation,
  type DataShape,
  type ColumnTransform,
  type ConvNetArchitecture,
  type ModelSpec,
  type PoolingType,
  type LayerActivation,
} from '@modelspace/core';
import { layersPlan } from './layers-plan.ts';
import { ColumnInput } from './layers/column-transform.ts';
import { L2Pooling2D } from './layers/l2-pooling.ts';
import { SeededDropout } from './layers/seeded-dropout.ts';
import { SoftmaxBeta } from './layers/softmax-beta.ts';
import { deriveSeed } from './rng.ts';
import './tfjs-setup.ts';

/** MNIST's class count: the default data shape's, and what the predict endpoint's models answer. */
export const NUM_CLASSES = MNIST_SHAPE.classes;
/** The backbone's input shape (no augmentation); see inputShapeOf for a given spec. */
export const INPUT_SHAPE = [28, 28, 1];

/**
 * The shape a model's input layer takes: the dataset's [height, width, channels], or with
 * augmentation MNIST padded to 32x32 (augmentation is defined for 28x28 grey images only; the
 * API refuses it on other data, this throws if it gets here anyway).
 */
export function inputShapeOf(model: ModelSpec, shape: DataShape = MNIST_SHAPE): [number, number, number] {
  if (!model.augmentation) return [shape.height, shape.width, shape.channels];
  if (!isMnistShaped(shape)) throw new RangeError(`augmentation needs 28x28x1 images, the dataset's are ${shape.height}x${shape.width}x${shape.channels}`);
  const side = inputSizeOf(model.augmentation);
  return [side, side, 1];
}

/**
 * How a model's outputs are scored: 'categorical' cross-entropy of a softmax, or 'binary'
 * cross-entropy summed over the 10 one-vs-rest sigmoid units of the logistic model.
 */
export type LossKind = 'categorical' | 'binary';
export function lossKindOf(model: ModelSpec): LossKind {
  return model.kind === 'logistic' ? 'binary' : 'categorical';
}

/** One layer as the spec describes it: what buildNet instantiates and the whole native step runs. */
export type PlannedLayer =
  | { kind: 'conv'; filters: number; size: number; stride: number; padding: 'valid' | 'same'; activation: Activation | 'linear' }
  | { kind: 'pool'; type: PoolingType; size: number; stride: number }
  | { kind: 'dropout'; rate: number }
  | { kind: 'flatten' }
  | { kind: 'dense'; units: number; activation: Activation | 'softmax' | 'linear' }
  | { kind: 'softmax-beta'; beta: number }
  /** Batch normalisation over the last axis (Keras' BatchNormalization: γ 1, β 0, running mean 0, variance 1). */
  | { kind: 'batch-norm'; momentum: number; epsilon: number }
  /** An activation as a layer of its own (alpha: leakyRelu's slope below 0). */
  | { kind: 'activation'; activation: LayerActivation; alpha: number };

/**
 * A model's layers: one stack, or (a multi-column net) columns, each its fixed transform of the
 * input and its stack, whose outputs are concatenated on the last axis into `layers`.
 */
export interface Layout<L> {
  inputShape: [number, number, number];
  columns?: Array<{ transform: ColumnTransform; layers: L[] }>;
  layers: L[];
}
export type ModelPlan = Layout<PlannedLayer>;

/** A planned layer and the tfjs layer built for it. */
export type BuiltLayer = PlannedLayer & { layer: tfl.layers.Layer };

/** The built model and its layers as planned (what the whole native step is made from). */
export interface BuiltModel extends Layout<BuiltLayer> {
  model: tfl.LayersModel;
}

/**
 * The layers of a ModelSpec on data of the given shape (input shape and output width), in the
 * order they are built (which is also the seeds' order).
 */
export function modelPlan(model: ModelSpec, shape: DataShape = MNIST_SHAPE): ModelPlan {
  const inputShape = inputShapeOf(model, shape);
  const classes = shape.classes;
  switch (model.kind) {
    case 'layers':
      return layersPlan(model, inputShape, classes);
    case 'logistic':
      return { inputShape, layers: [{ kind: 'flatten' }, { kind: 'dense', units: classes, activation: 'sigmoid' }] };
    case 'softmax': {
      const beta = softmaxBeta(model);
      // β = −1 is exactly softmax(z): keep the backbone's single fused layer for it.
      const output: PlannedLayer[] =
        beta === -1
          ? [{ kind: 'dense', units: classes, activation: 'softmax' }]
          : [
              { kind: 'dense', units: classes, activation: 'linear' },
              { kind: 'softmax-beta', beta },
            ];
      return { inputShape, layers: [{ kind: 'flatten' }, ...output] };
    }
    case 'convnet': {
      const a = convNetArchitecture(model);
      // Checked against MNIST when the spec was parsed; an uploaded dataset's images may be smaller.
      const misfit = isMnistShaped(shape) ? undefined : convNetGeometryIssues(model, Math.min(shape.height, shape.width))[0];
      if (misfit) throw new RangeError(`the conv net does not fit the dataset's ${shape.height}x${shape.width} images: ${misfit.path.join('.')}: ${misfit.message}`);
      // A one-column net is a plain sequential stack (the backbone's layout).
      if (a.columns.length === 1 && a.columns[0] === 'identity') return { inputShape, layers: [...columnPlan(a), ...outputPlan(a, classes)] };
      return { inputShape, columns: a.columns.map((transform) => ({ transform, layers: columnPlan(a) })), layers: outputPlan(a, classes) };
    }
  }
}

/**
 * One column: [conv (valid) → pool → (dropout, conv-and-fc)] per conv layer → flatten →
 * [(dropout, all-fc and conv-and-fc) → dense] per hidden width. The output layer comes after
 * the columns are joined.
 */
function columnPlan(a: ConvNetArchitecture): PlannedLayer[] {
  const { placement, rate, convRate } = a.dropout;
  const layers: PlannedLayer[] = [];
  for (const c of a.conv) {
    layers.push({ kind: 'conv', filters: c.maps, size: c.filter, stride: 1, padding: 'valid', activation: a.activation }, { kind: 'pool', ...a.pooling });
    if (placement === 'conv-and-fc') layers.push({ kind: 'dropout', rate: convRate });
  }
  layers.push({ kind: 'flatten' });
  for (const units of a.dense) {
    if (placement === 'all-fc' || placement === 'conv-and-fc') layers.push({ kind: 'dropout', rate });
    layers.push({ kind: 'dense', units, activation: a.activation });
  }
  return layers;
}

/** The output: (dropout unless placement none) → dense `classes` softmax, over the joined columns. */
function outputPlan(a: ConvNetArchitecture, classes: number): PlannedLayer[] {
  const { placement, rate } = a.dropout;
  const out: PlannedLayer[] = placement === 'none' ? [] : [{ kind: 'dropout', rate }];
  out.push({ kind: 'dense', units: classes, activation: 'softmax' });
  return out;
}

/**
 * Builds the Keras-style model of a ModelSpec. Every layer with weights gets its own seed
 * derived from the trial seed, and so does every dropout layer's mask stream, so the whole
 * model replays from `seed` alone (two layers sharing one seed would start correlated).
 */
export function buildModel(model: ModelSpec, seed: number, shape: DataShape = MNIST_SHAPE): tfl.LayersModel {
  return buildNet(model, seed, shape).model;
}

/** buildModel's model with its layers as planned from the spec, for data of `shape` (default MNIST's). */
export function buildNet(spec: ModelSpec, seed: number, shape: DataShape = MNIST_SHAPE): BuiltModel {
  const plan = modelPlan(spec, shape);
  const make = makers(seed);
  const { inputShape } = plan;
  if (!plan.columns) {
    const layers = plan.layers.map((p, i) => ({ ...p, layer: instantiate(p, make, i === 0 ? { inputShape } : {}) }));
    return { inputShape, layers, model: tfl.sequential({ layers: layers.map((l) => l.layer) }) };
  }
  // A multi-column net feeds each column its own fixed transformation of the input and
  // concatenates the columns' last layers into one "multi-column softmax" layer, as the seed
  // did (not averaging them).
  const input = tfl.input({ shape: inputShape });
  const columns = plan.columns.map(({ transform, layers }) => {
    const built = { transform, layers: [] as BuiltLayer[] };
    let x = new ColumnInput({ transform }).apply(input) as tfl.SymbolicTensor;
    for (const p of layers) {
      const layer = instantiate(p, make, {});
      built.layers.push({ ...p, layer });
      x = layer.apply(x) as tfl.SymbolicTensor;
    }
    return { built, output: x };
  });
  let x = columns.length === 1 ? columns[0]!.output : (tfl.layers.concatenate().apply(columns.map((c) => c.output)) as tfl.SymbolicTensor);
  const layers: BuiltLayer[] = [];
  for (const p of plan.layers) {
    const layer = instantiate(p, make, {});
    layers.push({ ...p, layer });
    x = layer.apply(x) as tfl.SymbolicTensor;
  }
  return { inputShape, columns: columns.map((c) => c.built), layers, model: tfl.model({ inputs: input, outputs: x }) };
}

interface Makers {
  init: () => ReturnType<typeof tfl.initializers.glorotUniform>;
  dropout: (rate: number) => tfl.layers.Layer;
}

/** Glorot-uniform (Keras' default) with a fresh derived seed per call, i.e. per layer. */
function makers(seed: number): Makers {
  let layer = 0;
  let dropout = 0;
  return {
    init: () => tfl.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', layer++) }),
    dropout: (rate) => new SeededDropout({ rate, seed: deriveSeed(seed, 'dropout', dropout++) }),
  };
}

/** The tfjs layer of a planned one; `first` carries the input shape of a sequential stack's first layer. */
function instantiate(p: PlannedLayer, make: Makers, first: { inputShape?: number[] }): tfl.layers.Layer {
  switch (p.kind) {
    case 'conv':
      return tfl.layers.conv2d({
        filters: p.filters,
        kernelSize: p.size,
        strides: p.stride,
        padding: p.padding,
        activation: p.activation,
        kernelInitializer: make.init(),
        ...first,
      });
    case 'pool': {
      if (p.type === 'l2') return new L2Pooling2D({ size: p.size, stride: p.stride });
      const args = { poolSize: p.size, strides: p.stride, padding: 'valid' as const };
      return p.type === 'max' ? tfl.layers.maxPooling2d(args) : tfl.layers.averagePooling2d(args);
    }
    case 'dropout':
      return make.dropout(p.rate);
    case 'flatten':
      return tfl.layers.flatten(first);
    case 'dense':
      return tfl.layers.dense({ units: p.units, activation: p.activation, kernelInitializer: make.init(), ...first });
    case 'softmax-beta':
      return new SoftmaxBeta({ beta: p.beta });
    case 'batch-norm':
      return tfl.layers.batchNormalization({ axis: -1, momentum: p.momentum, epsilon: p.epsilon, ...first });
    case 'activation':
      if (p.activation === 'leakyRelu') return tfl.layers.leakyReLU({ alpha: p.alpha, ...first });
      return tfl.layers.activation({ activation: p.activation, ...first });
  }
}
