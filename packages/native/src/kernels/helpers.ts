import { getKernel, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon.ts';

/** The 'native' backend is the cpu backend (data = plain Float32Arrays) plus these kernels. */
export const NATIVE = 'native';

export type NativeKernelFunc = (args: { inputs: Record<string, TensorInfo | undefined>; attrs: NamedAttrMap; backend: MathBackendCPU; addon: NativeAddon }) => TensorInfo | null;

/** How many times each kernel ran natively (not through the cpu fallback): tests assert on it. */
export const nativeCalls = new Map<string, number>();

/**
 * A kernel for 'native' that runs `run` and, when it returns null (a case the addon does not
 * cover: another dtype, data format, broadcast or activation), the cpu backend's own kernel.
 */
export function nativeKernel(kernelName: string, addon: NativeAddon, run: NativeKernelFunc): KernelConfig {
  const cpu = getKernel(kernelName, 'cpu');
  if (!cpu) throw new Error(`the cpu backend has no ${kernelName} kernel to fall back to`);
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const out = run({ inputs: args.inputs as Record<string, TensorInfo | undefined>, attrs: args.attrs ?? {}, backend, addon });
    if (!out) return cpu.kernelFunc(args);
    nativeCalls.set(kernelName, (nativeCalls.get(kernelName) ?? 0) + 1);
    return out;
  };
  return { kernelName, backendName: NATIVE, kernelFunc };
}

export function f32(backend: MathBackendCPU, info: TensorInfo): Float32Array {
  return backend.data.get(info.dataId).values as Float32Array;
}

export function allFloat32(...infos: (TensorInfo | undefined)[]): boolean {
  return infos.every((i) => i === undefined || i.dtype === 'float32');
}

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** What the 'native' backend adds to the cpu backend: recycled output storage (see backend.ts). */
export interface OutputStorage {
  takeFloat32(length: number): Float32Array;
  makeOwnTensorInfo(shape: number[], values: Float32Array): TensorInfo;
}

/**
 * A float32 output of `shape` for the addon to fill completely (every native kernel writes
 * every element, so recycled storage needs no zeroing).
 */
export function output(backend: MathBackendCPU, shape: number[], fill: (values: Float32Array) => void): TensorInfo {
  const storage = backend as unknown as Partial<OutputStorage>;
  if (!storage.takeFloat32 || !storage.makeOwnTensorInfo) {
    const values = new Float32Array(size(shape));
    fill(values);
    return backend.makeTensorInfo(shape, 'float32', values);
  }
  const values = storage.takeFloat32(size(shape));
  fill(values);
  return storage.makeOwnTensorInfo(shape, values);
}
