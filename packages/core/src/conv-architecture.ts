import { inputSizeOf } from './augmentation.ts';
import type { Activation, ConvNetModel, Dropout, Pooling } from './model.ts';

/**
 * The fixed input transformation of each column of a multi-column net, by column index. Each
 * is a permutation of the pixels (the seed: "each receiving a particular permutation of the
 * original input image") that keeps neighbours neighbours, so convolutions still see strokes.
 */
export const COLUMN_TRANSFORMS = ['identity', 'transpose', 'flip-left-right', 'flip-up-down', 'rotate-180'] as const;
export type ColumnTransform = (typeof COLUMN_TRANSFORMS)[number];
export const MAX_COLUMNS = COLUMN_TRANSFORMS.length;

/** What an absent optional conv-net field means: the backbone's network. */
export const CONVNET_DEFAULTS = {
  columns: 1,
  pooling: { type: 'max', size: 2, stride: 2 } as Pooling,
  dropout: { placement: 'none', rate: 0.5, convRate: 0.25 } as Dropout,
} as const;

export interface ConvLayer {
  maps: number;
  filter: number;
}

/** A conv-net spec with every default filled in and every list spelled out. */
export interface ConvNetArchitecture {
  activation: Activation;
  inputSize: number; // 28, or 32 with augmentation
  columns: ColumnTransform[]; // one input transformation per column
  conv: ConvLayer[];
  dense: number[]; // hidden dense widths, before the 10-way softmax
  pooling: Pooling;
  dropout: Dropout;
}

export function convNetArchitecture(m: ConvNetModel): ConvNetArchitecture {
  const filters = Array.isArray(m.filterSize) ? m.filterSize : m.featureMaps.map(() => m.filterSize as number);
  return {
    activation: m.activation,
    inputSize: inputSizeOf(m.augmentation),
    columns: COLUMN_TRANSFORMS.slice(0, m.columns ?? CONVNET_DEFAULTS.columns),
    conv: m.featureMaps.map((maps, i) => ({ maps, filter: filters[i]! })),
    dense: Array.isArray(m.denseUnits) ? m.denseUnits : [m.denseUnits],
    pooling: { ...CONVNET_DEFAULTS.pooling, ...m.pooling },
    dropout: { ...CONVNET_DEFAULTS.dropout, ...m.dropout },
  };
}

/** Map side after a 'valid' convolution and after a 'valid' pooling. */
export const convOut = (input: number, filter: number) => input - filter + 1;
export const poolOut = (input: number, size: number, stride: number) => Math.floor((input - size) / stride) + 1;

/** Map side after each conv layer and after its pooling, layer by layer (same in every column). */
export function convNetMapSizes(a: ConvNetArchitecture): { conv: number; pool: number }[] {
  const out: { conv: number; pool: number }[] = [];
  let side = a.inputSize;
  for (const layer of a.conv) {
    const conv = convOut(side, layer.filter);
    side = poolOut(conv, a.pooling.size, a.pooling.stride);
    out.push({ conv, pool: side });
  }
  return out;
}

export interface GeometryIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Why a conv-net spec cannot be built, field by field: a filter list of the wrong length, a
 * filter larger than its input, or pooling that shrinks a map below 1x1. Checked when the sweep
 * is submitted so an impossible network is a 400, never a failure mid-training.
 */
export function convNetGeometryIssues(m: ConvNetModel, inputSide?: number): GeometryIssue[] {
  if (Array.isArray(m.filterSize) && m.filterSize.length !== m.featureMaps.length) {
    return [{ path: ['filterSize'], message: `${m.filterSize.length} filter sizes for ${m.featureMaps.length} conv layers: give one per layer, or a single number` }];
  }
  const a = convNetArchitecture(m);
  const filterPath = (i: number) => (Array.isArray(m.filterSize) ? ['filterSize', i] : ['filterSize']);
  const { size, stride } = a.pooling;
  // A dataset's images (the smaller of height and width) when not augmented MNIST.
  let side = inputSide !== undefined && !m.augmentation ? inputSide : a.inputSize;
  for (const [i, layer] of a.conv.entries()) {
    const f = layer.filter;
    if (f > side) return [{ path: filterPath(i), message: `filter ${f}x${f} is larger than the ${side}x${side} input of conv layer ${i + 1}` }];
    const conv = convOut(side, f);
    if (size > conv) {
      // Named on the layer (whether pooling was given or defaulted): dropping it, smaller
      // filters before it or smaller pooling each fix it, and the message says so.
      return [
        {
          path: ['featureMaps', i],
          message: `conv layer ${i + 1} leaves a ${conv}x${conv} map that ${size}x${size} pooling (stride ${stride}) shrinks below 1x1: drop this layer, or use smaller filters or pooling`,
        },
      ];
    }
    side = poolOut(conv, size, stride);
  }
  return [];
}
