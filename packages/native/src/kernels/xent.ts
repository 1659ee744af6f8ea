import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon.ts';
import { NATIVE, nativeCalls, output } from './helpers.ts';

/** Kernels of the fused softmax-cross-entropy (src/xent.ts); the 'native' backend's own names. */
export const SOFTMAX_CROSS_ENTROPY = 'NativeSoftmaxCrossEntropy';
export const SOFTMAX_CROSS_ENTROPY_GRAD = 'NativeSoftmaxCrossEntropyGrad';

export interface XentAttrs {
  scale: number; // the softmax is of scale·logits
}

function values(backend: MathBackendCPU, t: TensorInfo): Float32Array {
  return backend.data.get(t.dataId).values as Float32Array;
}

function counted(kernelName: string, kernelFunc: KernelConfig['kernelFunc']): KernelConfig {
  return {
    kernelName,
    backendName: NATIVE,
    kernelFunc: (args) => {
      nativeCalls.set(kernelName, (nativeCalls.get(kernelName) ?? 0) + 1);
      return kernelFunc(args);
    },
  };
}

/**
 * Inputs logits and labels, both float32 [rows, cols]; outputs the mean loss (scalar), the
 * probabilities and each row's predicted class (int32 [rows], tfjs argMax of the probabilities).
 */
export function xentKernels(addon: NativeAddon): KernelConfig[] {
  const forward = counted(SOFTMAX_CROSS_ENTROPY, ({ inputs, attrs, backend }) => {
    const { logits, labels } = inputs as { logits: TensorInfo; labels: TensorInfo };
    const { scale } = attrs as unknown as XentAttrs;
    const cpu = backend as MathBackendCPU;
    const [rows, cols] = logits.shape as [number, number];
    const predicted = new Int32Array(rows);
    let loss = 0;
    const probs = output(cpu, [rows, cols], (p) => {
      loss = addon.softmaxCrossEntropy(values(cpu, logits), values(cpu, labels), p, predicted, cols, scale);
    });
    return [cpu.makeTensorInfo([], 'float32', Float32Array.of(loss)), probs, cpu.makeTensorInfo([rows], 'int32', predicted)];
  });
  const backward = counted(SOFTMAX_CROSS_ENTROPY_GRAD, ({ inputs, attrs, backend }) => {
    const { probs, labels, dy } = inputs as { probs: TensorInfo; labels: TensorInfo; dy: TensorInfo };
    const { scale } = attrs as unknown as XentAttrs;
    const cpu = backend as MathBackendCPU;
    const cols = probs.shape[1]!;
    return output(cpu, [...probs.shape], (dz) => addon.softmaxCrossEntropyGrad(values(cpu, probs), values(cpu, labels), dz, cols, scale, values(cpu, dy)[0]!));
  });
  return [forward, backward];
}
