import { AvgPool, AvgPoolGrad, backend_util, MaxPool, MaxPoolGrad, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeAddon } from '../addon.ts';
import { allFloat32, nativeKernel, output } from './helpers.ts';

type PoolAttrs = {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/** The addon's 12-number pool geometry (NHWC, no dilation), or null for shapes it does not take. */
function geometry(xShape: number[], a: PoolAttrs): { geo: Int32Array; outShape: number[] } | null {
  if (xShape.length !== 4) return null;
  const c = backend_util.computePool2DInfo(xShape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
  const geo = Int32Array.from([
    c.batchSize,
    c.inHeight,
    c.inWidth,
    c.inChannels,
    c.filterHeight,
    c.filterWidth,
    c.outHeight,
    c.outWidth,
    c.strideHeight,
    c.strideWidth,
    c.padInfo.top,
    c.padInfo.left,
  ]);
  return { geo, outShape: c.outShape };
}

export function poolKernels(addon: NativeAddon): KernelConfig[] {
  const get = (backend: { data: { get(id: object): { values?: unknown } } }, t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
  const pool = (name: string, run: 'maxPool' | 'avgPool') =>
    nativeKernel(name, addon, ({ inputs, attrs, backend }) => {
      const x = inputs.x!;
      const g = allFloat32(x) ? geometry(x.shape, attrs as unknown as PoolAttrs) : null;
      if (!g) return null;
      return output(backend, g.outShape, (y) => addon[run](get(backend, x), y, g.geo));
    });
  const maxGrad = nativeKernel(MaxPoolGrad, addon, ({ inputs, attrs, backend }) => {
    const { dy, input } = inputs as Record<string, TensorInfo>;
    const g = allFloat32(dy, input) ? geometry(input.shape, attrs as unknown as PoolAttrs) : null;
    if (!g) return null;
    return output(backend, [...input.shape], (dx) => addon.maxPoolGrad(get(backend, input), get(backend, dy), dx, g.geo));
  });
  const avgGrad = nativeKernel(AvgPoolGrad, addon, ({ inputs, attrs, backend }) => {
    const { dy, input } = inputs as Record<string, TensorInfo>;
    const g = allFloat32(dy) ? geometry(input.shape, attrs as unknown as PoolAttrs) : null;
    if (!g) return null;
    return output(backend, [...input.shape], (dx) => addon.avgPoolGrad(get(backend, dy), dx, g.geo));
  });
  return [pool(MaxPool, 'maxPool'), pool(AvgPool, 'avgPool'), maxGrad, avgGrad];
}
