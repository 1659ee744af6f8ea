import { FusedBatchNorm, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeAddon } from '../addon.ts';
import { allFloat32, f32, nativeKernel, output } from './helpers.ts';

/**
 * FusedBatchNorm (tf.batchNorm: every batch-norm layer's forward, evaluation's included) as the
 * cpu kernel's own loop in C++: the same double expression, so the same float32 results; absent
 * scale and offset are its 1 and 0.
 */
export function batchNormKernels(addon: NativeAddon): KernelConfig[] {
  const kernel = nativeKernel(FusedBatchNorm, addon, ({ inputs, attrs, backend }) => {
    const { x, mean, variance, offset, scale } = inputs as Record<string, TensorInfo | undefined>;
    if (!x || !mean || !variance || !allFloat32(x, mean, variance, offset, scale)) return null;
    const values = (t: TensorInfo | undefined, absent: number) => (t ? f32(backend, t) : new Float32Array([absent]));
    const epsilon = (attrs.varianceEpsilon as number | undefined) ?? 0.001;
    return output(backend, [...x.shape], (out) => addon.batchNorm(f32(backend, x), f32(backend, mean), f32(backend, variance), values(offset, 0), values(scale, 1), out, epsilon));
  });
  return [kernel];
}
