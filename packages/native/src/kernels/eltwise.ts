import { Add, Multiply, Relu, Step, Sub, Sum, util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeAddon } from '../addon.ts';
import { allFloat32, nativeKernel, output, size } from './helpers.ts';

/**
 * The element-wise kernels of a conv-net step over its largest activations: the bias add (the
 * layers add bias and relu as separate ops under a gradient tape), relu, its gradient
 * (dy * step(x)) and the bias gradient (a sum over all axes but the last). tfjs's cpu versions
 * index every element through a modulo; these are plain vectorised loops.
 */

/** Whether `b` repeats along `a`: equal shapes, or b is a's trailing shape (a bias). */
function tiles(a: TensorInfo, b: TensorInfo): boolean {
  if (size(b.shape) === 1) return true;
  if (b.shape.length > a.shape.length) return false;
  const tail = a.shape.slice(a.shape.length - b.shape.length);
  return tail.every((d, i) => d === b.shape[i]);
}

function binary(addon: NativeAddon, name: string, op: 0 | 1 | 2, commutative: boolean): KernelConfig {
  return nativeKernel(name, addon, ({ inputs, backend }) => {
    let { a, b } = inputs as Record<string, TensorInfo>;
    if (!allFloat32(a, b)) return null;
    if (!tiles(a, b)) {
      if (!commutative || !tiles(b, a)) return null;
      [a, b] = [b, a];
    }
    if (size(a.shape) === 0) return null;
    const get = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
    return output(backend, [...a.shape], (out) => addon.binary(op, get(a), get(b), out));
  });
}

export function eltwiseKernels(addon: NativeAddon): KernelConfig[] {
  const relu = nativeKernel(Relu, addon, ({ inputs, backend }) => {
    const x = inputs.x!;
    if (!allFloat32(x)) return null;
    return output(backend, [...x.shape], (y) => addon.relu(backend.data.get(x.dataId).values as Float32Array, y));
  });
  const step = nativeKernel(Step, addon, ({ inputs, attrs, backend }) => {
    const x = inputs.x!;
    if (!allFloat32(x)) return null;
    const alpha = (attrs.alpha as number | undefined) ?? 0;
    return output(backend, [...x.shape], (y) => addon.step(backend.data.get(x.dataId).values as Float32Array, y, alpha));
  });
  const sum = nativeKernel(Sum, addon, ({ inputs, attrs, backend }) => {
    const x = inputs.x!;
    if (!allFloat32(x) || x.shape.length === 0) return null;
    const axes = util.parseAxisParam(attrs.axis as number | number[], x.shape).sort((p, q) => p - q);
    // Only leading axes (0..k-1): then x is [rows, cols] and the result is the column sums.
    if (axes.some((ax, i) => ax !== i)) return null;
    const kept = x.shape.slice(axes.length);
    const shape = attrs.keepDims ? [...axes.map(() => 1), ...kept] : kept;
    return output(backend, shape, (out) => addon.sumRows(backend.data.get(x.dataId).values as Float32Array, out));
  });
  return [binary(addon, Add, 0, true), binary(addon, Sub, 1, false), binary(addon, Multiply, 2, true), relu, step, sum];
}
