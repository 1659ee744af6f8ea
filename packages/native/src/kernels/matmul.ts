import { BatchMatMul, _FusedMatMul, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeAddon } from '../addon.ts';
import { allFloat32, nativeKernel, output, size } from './helpers.ts';

/**
 * BatchMatMul and _FusedMatMul (bias + relu) through oneDNN's matmul; transposes are strides.
 * Batch broadcasting (unequal batch shapes) is left to the cpu kernel.
 */
function matMul(addon: NativeAddon, name: string, fused: boolean): KernelConfig {
  return nativeKernel(name, addon, ({ inputs, attrs, backend }) => {
    const { a, b, bias, preluActivationWeights } = inputs as Record<string, TensorInfo | undefined>;
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    const activation = fused ? ((attrs.activation as string | undefined) ?? 'linear') : 'linear';
    if (!a || !b || preluActivationWeights || !allFloat32(a, b, bias)) return null;
    if (activation !== 'linear' && activation !== 'relu') return null;
    if (a.shape.length < 2 || a.shape.length !== b.shape.length) return null;
    const batchShape = a.shape.slice(0, -2);
    if (batchShape.some((d, i) => d !== b.shape[i])) return null;
    const ra = a.shape.length;
    const M = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
    const K = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
    const Kb = transposeB ? b.shape[ra - 1]! : b.shape[ra - 2]!;
    const N = transposeB ? b.shape[ra - 2]! : b.shape[ra - 1]!;
    if (K !== Kb) return null;
    if (bias && (size(bias.shape) !== N || bias.shape.length > 1)) return null;
    const B = size(batchShape);
    const geo = Int32Array.from([B, M, K, N, transposeA ? 1 : 0, transposeB ? 1 : 0, bias ? 1 : 0, activation === 'relu' ? 1 : 0]);
    const get = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
    return output(backend, [...batchShape, M, N], (c) => addon.matMul(get(a), get(b), bias ? get(bias) : null, c, geo));
  });
}

export function matMulKernels(addon: NativeAddon): KernelConfig[] {
  return [matMul(addon, BatchMatMul, false), matMul(addon, _FusedMatMul, true)];
}
