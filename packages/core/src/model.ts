import { z } from 'zod';
import { Augmentation } from './augmentation.ts';
import { ProgramModel } from './program.ts';
import { COLUMN_TRANSFORMS, convNetGeometryIssues, MAX_COLUMNS } from './conv-architecture.ts';
import { LayersModel } from './layer-stack.ts';

/**
 * The model space of the seed study (sections 1 and 2.1): logistic regression with a sigmoid,
 * multinomial logistic regression with softmax(−βx), and conv nets with 1..5 columns, a list
 * of conv layers, dense widths, activation, pooling kind/size/stride, dropout placement and
 * data augmentation. Every field added after the backbone is optional: a spec written for the
 * backbone ({kind:'softmax'}, {kind:'convnet', activation, featureMaps:[a,b], filterSize,
 * denseUnits}) parses to exactly what it did and trains the same network. Defaults of the
 * optional conv-net fields live in conv-architecture.ts (CONVNET_DEFAULTS).
 */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
export const Activation = z.enum(ACTIVATIONS);
export type Activation = z.infer<typeof Activation>;

export const POOLING_TYPES = ['max', 'l2', 'average'] as const;
export const PoolingType = z.enum(POOLING_TYPES);
export type PoolingType = z.infer<typeof PoolingType>;

/**
 * Where dropout goes (seed table, "Dropout" column): none; "1 in FC" = on the input of the
 * output layer only; "2 in FC" = on the input of every fully connected layer (the hidden dense
 * layers and the output layer); "CV&FC" = that plus after every conv block (after its pooling).
 */
export const DROPOUT_PLACEMENTS = ['none', 'one-fc', 'all-fc', 'conv-and-fc'] as const;
export const DropoutPlacement = z.enum(DROPOUT_PLACEMENTS);
export type DropoutPlacement = z.infer<typeof DropoutPlacement>;

export const MAX_CONV_LAYERS = 6;
export const MAX_DENSE_LAYERS = 4;

const rate = z.number().min(0).lt(1, 'a dropout rate must be in [0, 1)');
const filter = z.int().min(1).max(32);
const width = z.int().min(1).max(4096);

export const Pooling = z
  .strictObject({
    type: PoolingType.default('max').describe('max, l2 (sqrt of the sum of squares) or average.'),
    size: z.int().min(1).max(8).default(2).describe('Square window side (seed: 2; overlapping: 3).'),
    stride: z.int().min(1).max(8).default(2).describe('Step between windows (seed: 2); stride < size overlaps.'),
  })
  .describe('Pooling after every conv layer, valid padding.');
export type Pooling = z.output<typeof Pooling>;

export const Dropout = z
  .strictObject({
    placement: DropoutPlacement.default('none'),
    rate: rate.default(0.5).describe('Rate on fully connected inputs.'),
    convRate: rate.default(0.25).describe('Rate after conv blocks (placement conv-and-fc only).'),
  })
  .describe('Dropout placement and rates; rates are the probability of dropping a unit.');
export type Dropout = z.output<typeof Dropout>;

const augmentation = Augmentation.optional().describe('Absent: no augmentation (28x28 inputs).');

export const LogisticModel = z
  .strictObject({
    kind: z.literal('logistic'),
    augmentation,
  })
  .describe(
    'Logistic regression with a sigmoid (seed 1.1), one-vs-rest: 10 units σ(w_k·x + b_k) = P(y=k|x), each trained with binary cross-entropy against "is it digit k"; the prediction is the largest.',
  );

export const SoftmaxModel = z
  .strictObject({
    kind: z.literal('softmax'),
    beta: z
      .number()
      .min(-100)
      .max(100)
      .refine((b) => b !== 0, 'beta 0 makes every output 1/10 whatever the input')
      .optional()
      .describe('P(y=i|x) = softmax(−β·z)_i with z = Wx + b (seed 1.2). Absent = −1: the ordinary softmax(z).'),
    augmentation,
  })
  .describe('Multinomial logistic regression: flatten → dense 10 → softmax(−βz).');

export const ConvNetModel = z
  .strictObject({
    kind: z.literal('convnet'),
    activation: Activation.default('relu').describe('Of every conv and hidden dense layer.'),
    columns: z
      .int()
      .min(1, 'a conv net needs at least 1 column')
      .max(MAX_COLUMNS, `at most ${MAX_COLUMNS} columns (one fixed input transformation each)`)
      .optional()
      .describe(`Columns, each its own conv stack on its own input transformation (${COLUMN_TRANSFORMS.join(', ')}); default 1.`),
    featureMaps: z
      .array(z.int().min(1).max(512))
      .min(1, 'a conv net needs at least 1 conv layer')
      .max(MAX_CONV_LAYERS, `at most ${MAX_CONV_LAYERS} conv layers`)
      .default([32, 64])
      .describe('Feature maps of each conv layer, in order (seed "64, 64, 128" = featureMaps [64, 64] + denseUnits 128).'),
    filterSize: z
      .union([filter, z.array(filter)])
      .default(5)
      .describe('Square filter side: one for every conv layer, or one per layer (seed "5, 5").'),
    denseUnits: z
      .union([width, z.array(width).max(MAX_DENSE_LAYERS, `at most ${MAX_DENSE_LAYERS} hidden dense layers`)])
      .default(128)
      .describe('Width of the hidden dense layer, or widths of several ([] = none) before the 10-way softmax.'),
    pooling: Pooling.optional().describe('Default: max 2x2 stride 2.'),
    dropout: Dropout.optional().describe('Default: none.'),
    augmentation,
  })
  .describe('Per column: [conv (valid) → pool] per conv layer → flatten → dense…; columns concatenated → dense 10 softmax.')
  .superRefine((m, ctx) => {
    for (const issue of convNetGeometryIssues(m)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

/** The built-in model kinds (what the built-in trainer trains), then a user's program. */
export const MODEL_KINDS = ['logistic', 'softmax', 'convnet', 'layers', 'program'] as const;

const unknownKind = (iss: { code: string; input?: unknown }) =>
  iss.code === 'invalid_union'
    ? `unknown model kind ${JSON.stringify((iss.input as { kind?: unknown } | undefined)?.kind)}: expected one of ${MODEL_KINDS.map((k) => `"${k}"`).join(', ')}`
    : undefined;

/** A model of the built-in model space: what packages/trainer trains. */
export const ModelSpec = z.discriminatedUnion('kind', [LogisticModel, SoftmaxModel, ConvNetModel, LayersModel], { error: unknownKind });
export type ModelSpec = z.output<typeof ModelSpec>;
export type ModelSpecInput = z.input<typeof ModelSpec>;

/** What a trial trains: a built-in model, or the user's own program (docs/programs.md). */
export const TrialModel = z.discriminatedUnion('kind', [LogisticModel, SoftmaxModel, ConvNetModel, LayersModel, ProgramModel], { error: unknownKind });
export type TrialModel = z.output<typeof TrialModel>;
export type LogisticModel = z.output<typeof LogisticModel>;
export type SoftmaxModel = z.output<typeof SoftmaxModel>;
export type ConvNetModel = z.output<typeof ConvNetModel>;

/** β of a softmax model: −1 (the ordinary softmax) when the spec leaves it out. */
export function softmaxBeta(m: SoftmaxModel): number {
  return m.beta ?? -1;
}

/** The built-in model of a trial; a program trial has none (a worker runs the program instead). */
export function builtInModel(m: TrialModel): ModelSpec {
  if (m.kind === 'program') throw new Error(`trial model is the program "${m.program}": a worker that offers it runs it, not the built-in trainer`);
  return m;
}
