import { backend_util, Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, FusedConv2D, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeAddon } from '../addon.ts';
import { allFloat32, nativeKernel, output, size } from './helpers.ts';

type ConvInfo = backend_util.Conv2DInfo;

/**
 * The addon's 19-number conv geometry, or null when oneDNN's output-size rule would disagree
 * with tfjs's (e.g. dimRoundingMode 'ceil'), so the cpu kernel handles that case.
 */
function geometry(c: ConvInfo, bias: boolean, relu: boolean): Int32Array | null {
  const p = c.padInfo;
  const eh = (c.filterHeight - 1) * c.dilationHeight + 1;
  const ew = (c.filterWidth - 1) * c.dilationWidth + 1;
  const oh = Math.floor((c.inHeight + p.top + p.bottom - eh) / c.strideHeight) + 1;
  const ow = Math.floor((c.inWidth + p.left + p.right - ew) / c.strideWidth) + 1;
  if (oh !== c.outHeight || ow !== c.outWidth || c.dataFormat !== 'channelsLast') return null;
  return Int32Array.from([
    c.batchSize,
    c.inHeight,
    c.inWidth,
    c.inChannels,
    c.filterHeight,
    c.filterWidth,
    c.outChannels,
    c.outHeight,
    c.outWidth,
    c.strideHeight,
    c.strideWidth,
    p.top,
    p.left,
    p.bottom,
    p.right,
    c.dilationHeight,
    c.dilationWidth,
    bias ? 1 : 0,
    relu ? 1 : 0,
  ]);
}

type ConvAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

function convInfo(xShape: number[], filterShape: number[], a: ConvAttrs): ConvInfo | null {
  if (a.dataFormat !== 'NHWC') return null;
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    a.dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/** Forward conv (+ bias + relu, as one oneDNN primitive with a post-op). */
function forward(addon: NativeAddon, name: string, fused: boolean): KernelConfig {
  return nativeKernel(name, addon, ({ inputs, attrs, backend }) => {
    const { x, filter, bias, preluActivationWeights } = inputs as Record<string, TensorInfo | undefined>;
    const a = attrs as unknown as ConvAttrs & { activation?: string };
    const activation = fused ? (a.activation ?? 'linear') : 'linear';
    if (!x || !filter || preluActivationWeights || !allFloat32(x, filter, bias)) return null;
    if (activation !== 'linear' && activation !== 'relu') return null;
    if (x.shape.length !== 4) return null;
    const info = convInfo(x.shape, filter.shape, a);
    if (!info || (bias && size(bias.shape) !== info.outChannels)) return null;
    const geo = geometry(info, !!bias, activation === 'relu');
    if (!geo) return null;
    const get = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
    return output(backend, info.outShape, (y) => addon.conv2d(get(x), get(filter), bias ? get(bias) : null, y, geo));
  });
}

export function convKernels(addon: NativeAddon): KernelConfig[] {
  const dx = nativeKernel(Conv2DBackpropInput, addon, ({ inputs, attrs, backend }) => {
    const { dy, filter } = inputs as Record<string, TensorInfo>;
    const a = attrs as unknown as ConvAttrs & { inputShape: number[] };
    if (!allFloat32(dy, filter)) return null;
    const info = convInfo(a.inputShape, filter.shape, { ...a, dilations: 1 });
    const geo = info && geometry(info, false, false);
    if (!info || !geo) return null;
    const get = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
    return output(backend, [...a.inputShape], (v) => addon.conv2dBackpropInput(get(dy), get(filter), v, geo));
  });
  const dw = nativeKernel(Conv2DBackpropFilter, addon, ({ inputs, attrs, backend }) => {
    const { x, dy } = inputs as Record<string, TensorInfo>;
    const a = attrs as unknown as ConvAttrs & { filterShape: number[] };
    if (!allFloat32(x, dy)) return null;
    const info = convInfo(x.shape, a.filterShape, { ...a, dilations: 1 });
    const geo = info && geometry(info, false, false);
    if (!info || !geo) return null;
    const get = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
    return output(backend, [...a.filterShape], (v) => addon.conv2dBackpropFilter(get(x), get(dy), v, geo));
  });
  return [forward(addon, Conv2D, false), forward(addon, FusedConv2D, true), dx, dw];
}
