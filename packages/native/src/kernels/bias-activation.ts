import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon.ts';
import { NATIVE, nativeCalls, output } from './helpers.ts';

/** The backward of relu(z + bias) of the fused layer ops (src/fused-layers.ts): dz and dbias. */
export const BIAS_RELU_GRAD = 'NativeBiasReluGrad';

/**
 * Inputs dy and y = relu(z + bias) (float32, last axis = channels); outputs dz = dy where y > 0
 * else 0 (tfjs's relu gradient, dy·step(x)) and dbias = dz summed over all axes but the last
 * (double accumulators, as tfjs's Sum): two of a layer's backward kernels in one pass.
 */
export function biasActivationKernels(addon: NativeAddon): KernelConfig[] {
  return [
    {
      kernelName: BIAS_RELU_GRAD,
      backendName: NATIVE,
      kernelFunc: ({ inputs, backend }) => {
        const { dy, y } = inputs as { dy: TensorInfo; y: TensorInfo };
        const cpu = backend as MathBackendCPU;
        const get = (t: TensorInfo) => cpu.data.get(t.dataId).values as Float32Array;
        const channels = y.shape[y.shape.length - 1]!;
        const dbias = output(cpu, [channels], () => {}); // written with dz, in the same pass
        const dz = output(cpu, [...y.shape], (v) => addon.biasReluGrad(get(dy), get(y), v, get(dbias)));
        nativeCalls.set(BIAS_RELU_GRAD, (nativeCalls.get(BIAS_RELU_GRAD) ?? 0) + 1);
        return [dz, dbias];
      },
    },
  ];
}
