import { z } from 'zod';

/**
 * The model space of the backbone: multinomial logistic regression and a small conv net
 * (conv → pool → conv → pool → dense → softmax). The full seed space (columns, pooling
 * kinds, dropout placement, augmentation) extends these schemas.
 */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
export const Activation = z.enum(ACTIVATIONS);
export type Activation = z.infer<typeof Activation>;

export const SoftmaxModel = z
  .strictObject({
    kind: z.literal('softmax'),
  })
  .describe('Multinomial logistic regression: flatten → dense 10 → softmax.');

export const ConvNetModel = z
  .strictObject({
    kind: z.literal('convnet'),
    activation: Activation.default('relu'),
    featureMaps: z
      .array(z.int().min(1).max(512))
      .length(2, 'a conv net of the backbone has exactly 2 conv layers')
      .default([32, 64])
      .describe('Feature maps of the two conv layers.'),
    filterSize: z.int().min(1).max(28).default(5).describe('Square conv filter size.'),
    denseUnits: z.int().min(1).max(4096).default(128).describe('Width of the hidden dense layer.'),
  })
  .describe('conv (valid) → max pool 2/2 → conv (valid) → max pool 2/2 → dense → softmax.')
  .superRefine((m, ctx) => {
    const problem = convNetGeometryProblem(m.filterSize);
    if (problem) ctx.addIssue({ code: 'custom', path: ['filterSize'], message: problem });
  });

/** Map side after each stage of the conv net: 'valid' convolutions, 2x2 stride-2 pooling. */
export function convNetMapSizes(filterSize: number, input = 28): [number, number, number, number] {
  const conv1 = input - filterSize + 1;
  const pool1 = Math.floor(conv1 / 2);
  const conv2 = pool1 - filterSize + 1;
  const pool2 = Math.floor(conv2 / 2);
  return [conv1, pool1, conv2, pool2];
}

function convNetGeometryProblem(filterSize: number): string | null {
  const [conv1, pool1, conv2, pool2] = convNetMapSizes(filterSize);
  if (conv1 < 1) return `filter ${filterSize}x${filterSize} is larger than the 28x28 input`;
  if (pool1 < 1 || conv2 < 1)
    return `filter ${filterSize}x${filterSize} is larger than the ${pool1}x${pool1} input of conv layer 2`;
  if (pool2 < 1) return `filter ${filterSize}x${filterSize} leaves a ${conv2}x${conv2} map that 2x2 pooling shrinks below 1x1`;
  return null;
}

export const ModelSpec = z.discriminatedUnion('kind', [SoftmaxModel, ConvNetModel], {
  error: (iss) =>
    iss.code === 'invalid_union'
      ? `unknown model kind ${JSON.stringify((iss.input as { kind?: unknown } | undefined)?.kind)}: expected one of "softmax", "convnet"`
      : undefined,
});
export type ModelSpec = z.output<typeof ModelSpec>;
export type ConvNetModel = z.output<typeof ConvNetModel>;
export type SoftmaxModel = z.output<typeof SoftmaxModel>;
