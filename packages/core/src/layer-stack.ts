import { z } from 'zod';
import { Augmentation, inputSizeOf } from './augmentation.ts';
import { COLUMN_TRANSFORMS, MAX_COLUMNS, type GeometryIssue } from './conv-architecture.ts';
import { MNIST_SHAPE } from './data-shape.ts';
import { DATASETS } from './dataset.ts';

/**
 * The general model kind: an ordered stack of layers (`model: {kind: layers, layers: [...]}`),
 * optionally run as columns (each column the whole stack on its own fixed permutation of the
 * input, as the conv net's columns are, their flat outputs concatenated). The trainer appends
 * the output layer itself: a dense layer with one unit per class of the dataset and a softmax,
 * trained with categorical cross-entropy. The input shape and the class count are the
 * dataset's, so a stack's geometry is checked against the dataset it trains on
 * (layerStackIssues), and its structure (what may follow what) here.
 */
export const LAYER_ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'gelu', 'leakyRelu'] as const;
export const LayerActivation = z.enum(LAYER_ACTIVATIONS);
export type LayerActivation = z.infer<typeof LayerActivation>;

/** leakyRelu's slope for x < 0 when `alpha` is absent (PyTorch's default; Keras' is 0.3). */
export const DEFAULT_LEAKY_ALPHA = 0.01;
export const MAX_STACK_LAYERS = 32;

const side = (max: number) => z.int().min(1).max(max);
const activation = LayerActivation.optional().describe('Applied to the output; absent: none (linear).');
const alpha = z.number().min(0).max(1).optional().describe(`leakyRelu: slope for x < 0 (default ${DEFAULT_LEAKY_ALPHA}).`);

export const Conv2dLayer = z
  .strictObject({
    type: z.literal('conv2d'),
    filters: side(1024).describe('Output channels.'),
    kernel: side(32).describe('Square kernel side.'),
    stride: side(8).default(1),
    padding: z.enum(['valid', 'same']).default('valid').describe('valid: no padding; same: output side = ceil(input / stride).'),
    activation,
    alpha,
  })
  .describe('2-D convolution (glorot-uniform kernel, zero bias).');

const pool = (type: 'maxPool' | 'avgPool' | 'l2Pool', what: string) =>
  z
    .strictObject({
      type: z.literal(type),
      size: side(8).default(2).describe('Square window side.'),
      stride: side(8).optional().describe('Step between windows; default: the size (no overlap).'),
    })
    .describe(`${what} pooling, valid padding.`);
export const MaxPoolLayer = pool('maxPool', 'Max');
export const AvgPoolLayer = pool('avgPool', 'Average');
export const L2PoolLayer = pool('l2Pool', 'L2 (square root of the sum of squares)');

export const DenseLayer = z
  .strictObject({
    type: z.literal('dense'),
    units: side(4096),
    activation,
    alpha,
  })
  .describe('Fully connected layer on a flat input (glorot-uniform kernel, zero bias).');

export const DropoutLayer = z
  .strictObject({
    type: z.literal('dropout'),
    rate: z.number().min(0).lt(1, 'a dropout rate must be in [0, 1)').describe('Probability of dropping a unit while training.'),
  })
  .describe('Inverted dropout (seeded from the trial seed).');

export const BatchNormLayer = z
  .strictObject({
    type: z.literal('batchNorm'),
    momentum: z.number().min(0).lt(1).default(0.99).describe('Running averages: avg ← momentum·avg + (1 − momentum)·batch statistic (Keras default 0.99).'),
    epsilon: z.number().gt(0).max(1).default(0.001).describe('Added to the variance (Keras default 1e-3).'),
  })
  .describe('Batch normalisation over the last axis (channels): batch statistics while training, running averages when evaluating.');

export const ActivationLayer = z
  .strictObject({
    type: z.literal('activation'),
    activation: LayerActivation,
    alpha,
  })
  .describe('An activation on its own (e.g. after batchNorm).');

export const FlattenLayer = z.strictObject({ type: z.literal('flatten') }).describe('Turns an HxWxC map into a vector: dense layers need one.');

export const LAYER_TYPES = ['conv2d', 'maxPool', 'avgPool', 'l2Pool', 'dense', 'dropout', 'batchNorm', 'activation', 'flatten'] as const;

export const StackLayer = z.discriminatedUnion(
  'type',
  [Conv2dLayer, MaxPoolLayer, AvgPoolLayer, L2PoolLayer, DenseLayer, DropoutLayer, BatchNormLayer, ActivationLayer, FlattenLayer],
  {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? `unknown layer type ${JSON.stringify((iss.input as { type?: unknown } | undefined)?.type)}: expected one of ${LAYER_TYPES.map((t) => `"${t}"`).join(', ')}`
        : undefined,
  },
);
export type StackLayer = z.output<typeof StackLayer>;

export const LayersModel = z
  .strictObject({
    kind: z.literal('layers'),
    layers: z
      .array(StackLayer)
      .min(1, 'a layer stack needs at least one layer')
      .max(MAX_STACK_LAYERS, `at most ${MAX_STACK_LAYERS} layers`)
      .describe('In order, from the input; the output dense softmax layer (one unit per class) is appended.'),
    columns: z
      .int()
      .min(1, 'at least 1 column')
      .max(MAX_COLUMNS, `at most ${MAX_COLUMNS} columns (one fixed input transformation each)`)
      .optional()
      .describe(`Columns, each the whole stack on its own input transformation (${COLUMN_TRANSFORMS.join(', ')}), concatenated before the output layer; default 1.`),
    augmentation: Augmentation.optional().describe('Absent: no augmentation. With it, 28x28 images are seen as 32x32.'),
  })
  .describe('An ordered stack of layers → (columns concatenated) → dense (classes) softmax.')
  .superRefine((m, ctx) => {
    for (const issue of layerStackStructureIssues(m.layers)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type LayersModel = z.output<typeof LayersModel>;

/** A stack's activations: an HxWxC map, or flat (a vector of `c`). */
export interface StackShape {
  h: number;
  w: number;
  c: number;
  flat: boolean;
}

const needsMap = new Set<StackLayer['type']>(['conv2d', 'maxPool', 'avgPool', 'l2Pool', 'flatten']);

/**
 * What may follow what, whatever the input's size: conv, pooling and flatten need a map; dense
 * needs a flat input (a flatten before it); the stack ends flat (the output dense layer follows).
 */
export function layerStackStructureIssues(layers: readonly StackLayer[]): GeometryIssue[] {
  let flat = false;
  for (const [i, l] of layers.entries()) {
    const at = ['layers', i, 'type'];
    if ('alpha' in l && l.alpha !== undefined && l.activation !== 'leakyRelu')
      return [{ path: ['layers', i, 'alpha'], message: `layer ${i}: alpha is leakyRelu's slope below 0, but its activation is ${l.activation ?? 'none'}` }];
    if (flat && needsMap.has(l.type)) return [{ path: at, message: `layer ${i} (${l.type}) needs an HxWxC map, but a flatten before it made the input flat` }];
    if (!flat && l.type === 'dense') return [{ path: at, message: `layer ${i} (dense) needs a flat input: add a flatten before it` }];
    if (l.type === 'flatten') flat = true;
  }
  if (!flat && layers.length) return [{ path: ['layers'], message: 'the stack must end flat (add a flatten): the output dense layer follows it' }];
  return [];
}

/** The output side of a conv or pooling window (padding `same`: ceil(in / stride), as TensorFlow). */
export function windowOut(input: number, size: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(input / stride) : Math.floor((input - size) / stride) + 1;
}

/** A pooling layer's stride (absent: its size). */
export const poolStride = (l: { size: number; stride?: number | undefined }) => l.stride ?? l.size;

/**
 * Why a stack does not fit an input of `inputShape` ([h, w, c] of the images the model sees:
 * the dataset's, 32x32 with augmentation): a window larger than its input, or a map shrunk below
 * 1x1, named by the layer's index; and the structure's issues. Empty when it fits.
 */
export function layerStackIssues(m: Pick<LayersModel, 'layers'>, inputShape: readonly [number, number, number]): GeometryIssue[] {
  const structure = layerStackStructureIssues(m.layers);
  if (structure.length) return structure;
  let s: StackShape = { h: inputShape[0], w: inputShape[1], c: inputShape[2], flat: false };
  for (const [i, l] of m.layers.entries()) {
    const next = layerOutput(l, s);
    if (typeof next === 'string') return [{ path: ['layers', i, l.type === 'conv2d' ? 'kernel' : 'size'], message: `layer ${i} (${l.type}): ${next}` }];
    s = next;
  }
  return [];
}

/** A layer's output shape on input `s`, or why it does not fit. */
export function layerOutput(l: StackLayer, s: StackShape): StackShape | string {
  switch (l.type) {
    case 'conv2d': {
      if (l.padding === 'valid' && (l.kernel > s.h || l.kernel > s.w)) return `a ${l.kernel}x${l.kernel} kernel is larger than its ${s.h}x${s.w} input`;
      return { h: windowOut(s.h, l.kernel, l.stride, l.padding), w: windowOut(s.w, l.kernel, l.stride, l.padding), c: l.filters, flat: false };
    }
    case 'maxPool':
    case 'avgPool':
    case 'l2Pool': {
      if (l.size > s.h || l.size > s.w) return `a ${l.size}x${l.size} pool is larger than its ${s.h}x${s.w} input`;
      const stride = poolStride(l);
      return { h: windowOut(s.h, l.size, stride, 'valid'), w: windowOut(s.w, l.size, stride, 'valid'), c: s.c, flat: false };
    }
    case 'dense':
      return { h: 1, w: 1, c: l.units, flat: true };
    case 'flatten':
      return { h: 1, w: 1, c: s.h * s.w * s.c, flat: true };
    default:
      return s;
  }
}

/** The side of the square images a layer stack sees on a 28x28 dataset (32 with augmentation). */
export function stackInputSide(m: Pick<LayersModel, 'augmentation'>): number {
  return inputSizeOf(m.augmentation);
}

/**
 * The [h, w, c] a layer stack sees when trained on `dataset` (absent: MNIST): the built-in
 * datasets are 28x28 grey images (32x32 with augmentation); null for a dataset whose shape is
 * not known here (its stack is checked when the trainer builds it).
 */
export function stackInputShape(m: Pick<LayersModel, 'augmentation'>, dataset: string | undefined): [number, number, number] | null {
  if (dataset !== undefined && !(DATASETS as readonly string[]).includes(dataset)) return null;
  if (m.augmentation) return [stackInputSide(m), stackInputSide(m), MNIST_SHAPE.channels];
  return [MNIST_SHAPE.height, MNIST_SHAPE.width, MNIST_SHAPE.channels];
}
