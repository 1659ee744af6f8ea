import { Add, Floor, Multiply, RealDiv, Relu, Sigmoid, Softmax, Sqrt, Square, Step, Sub, Sum, Tanh, util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeAddon } from '../addon.ts';
import { allFloat32, nativeKernel, output, size } from './helpers.ts';

/**
 * The element-wise kernels of a conv-net step over its largest activations: the bias add (the
 * layers add bias and relu as separate ops under a gradient tape), relu, its gradient
 * (dy * step(x)) and the bias gradient (a sum over all axes but the last); and the softmax, its
 * gradient and the loss ([n,10] op [n,1] broadcasts, row sums). tfjs's cpu versions index every
 * element through a modulo or, for broadcasts, through per-element index arithmetic (a 64x10
 * softmax took ~1 ms); these are plain vectorised loops.
 */

/** Whether `b` repeats along `a`: equal shapes, or b is a's trailing shape (a bias). */
function tiles(a: TensorInfo, b: TensorInfo): boolean {
  if (size(b.shape) === 1) return true;
  if (b.shape.length > a.shape.length) return false;
  const tail = a.shape.slice(a.shape.length - b.shape.length);
  return tail.every((d, i) => d === b.shape[i]);
}

/** Whether `b` is `a` with its last axis 1: one value per row of a ([n,10] op [n,1]). */
function perRow(a: TensorInfo, b: TensorInfo): boolean {
  const r = a.shape.length;
  return r >= 1 && b.shape.length === r && b.shape[r - 1] === 1 && a.shape.slice(0, -1).every((d, i) => d === b.shape[i]);
}

function binary(addon: NativeAddon, name: string, op: 0 | 1 | 2 | 3, commutative: boolean): KernelConfig {
  return nativeKernel(name, addon, ({ inputs, backend }) => {
    let { a, b } = inputs as Record<string, TensorInfo>;
    if (!allFloat32(a, b)) return null;
    const get = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
    if (!tiles(a, b) && !perRow(a, b)) {
      // A scalar first (1 - y in tanh's and sigmoid's gradients): the addon's reversed ops.
      if (!commutative && (op === 1 || op === 3) && size(a.shape) === 1 && a.shape.length <= b.shape.length && size(b.shape) > 0) {
        const reversed = op === 1 ? 4 : 5;
        return output(backend, [...b.shape], (out) => addon.binary(reversed, get(b), get(a), out));
      }
      if (!commutative || !(tiles(b, a) || perRow(b, a))) return null;
      [a, b] = [b, a];
    }
    if (size(a.shape) === 0) return null;
    if (!tiles(a, b)) return output(backend, [...a.shape], (out) => addon.binaryRows(op, get(a), get(b), out));
    if (op === 3) return output(backend, [...a.shape], (out) => addon.divide(get(a), get(b), out));
    return output(backend, [...a.shape], (out) => addon.binary(op, get(a), get(b), out));
  });
}

/**
 * Tanh, Sigmoid, Square and Sqrt through oneDNN's eltwise primitive, Floor (tf.dropout's mask) as
 * a loop. Their gradients are tfjs's compositions of these and of Sub/Multiply/RealDiv (e.g.
 * tanh: dy * (1 - y²)), all native.
 */
function unary(addon: NativeAddon, name: string, op: 0 | 1 | 2 | 3 | 4): KernelConfig {
  return nativeKernel(name, addon, ({ inputs, backend }) => {
    const x = inputs.x!;
    if (!allFloat32(x) || size(x.shape) === 0) return null;
    return output(backend, [...x.shape], (y) => addon.unary(op, backend.data.get(x.dataId).values as Float32Array, y));
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
    const values = backend.data.get(x.dataId).values as Float32Array;
    const last = x.shape.length - 1;
    if (axes.length === 1 && axes[0] === last && last > 0) {
      // The last axis only: row sums (the softmax gradient's sum over classes).
      const shape = attrs.keepDims ? [...x.shape.slice(0, -1), 1] : x.shape.slice(0, -1);
      return output(backend, shape, (out) => addon.sumLast(values, out));
    }
    // Leading axes (0..k-1): x is [rows, cols] and the result is the column sums.
    if (axes.some((ax, i) => ax !== i)) return null;
    const kept = x.shape.slice(axes.length);
    const shape = attrs.keepDims ? [...axes.map(() => 1), ...kept] : kept;
    return output(backend, shape, (out) => addon.sumRows(values, out));
  });
  const softmax = nativeKernel(Softmax, addon, ({ inputs, attrs, backend }) => {
    const logits = inputs.logits!;
    const rank = logits.shape.length;
    const dim = attrs.dim as number;
    if (!allFloat32(logits) || rank === 0 || (dim !== -1 && dim !== rank - 1) || size(logits.shape) === 0) return null;
    const values = backend.data.get(logits.dataId).values as Float32Array;
    return output(backend, [...logits.shape], (y) => addon.softmax(values, y, logits.shape[rank - 1]!));
  });
  return [
    binary(addon, Add, 0, true),
    binary(addon, Sub, 1, false),
    binary(addon, Multiply, 2, true),
    binary(addon, RealDiv, 3, false),
    relu,
    unary(addon, Tanh, 0),
    unary(addon, Sigmoid, 1),
    unary(addon, Square, 2),
    unary(addon, Sqrt, 3),
    unary(addon, Floor, 4),
    step,
    sum,
    softmax,
  ];
}
