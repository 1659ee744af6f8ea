import { getKernel, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Small helpers for kernels that run inside the wasm backend. A kernelFunc gets TensorInfos
 * (not Tensors), so it composes other kernels by calling their kernelFunc directly and must
 * free every intermediate itself with backend.disposeData.
 */

/** Runs another kernel registered for 'wasm' (Conv2D, Transpose, ...) on TensorInfos. */
export function runWasmKernel(name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap, backend: BackendWasm): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
}

/** The same data seen with another shape of equal size (a free reshape; no copy, no new dataId). */
export function view(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, dtype: info.dtype, shape };
}

/**
 * Transposes with the wasm Transpose kernel. Callers pass 3-D views where they can: the
 * probe measured tfjs's 2-D/4-D transposes ~10x slower than the same data viewed as 3-D.
 */
export function transpose(info: TensorInfo, perm: number[], backend: BackendWasm): TensorInfo {
  return runWasmKernel('Transpose', { x: info }, { perm }, backend);
}

/**
 * Allocates a float32 output on the wasm heap. Views of inputs must be taken AFTER this
 * call: allocating can grow the wasm memory, which detaches every earlier view of it.
 */
export function allocFloat32(backend: BackendWasm, shape: number[]): { info: TensorInfo; values: Float32Array } {
  const info = backend.makeOutput(shape, 'float32');
  return { info, values: heapFloat32(backend, info) };
}

export function heapFloat32(backend: BackendWasm, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

export function free(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}
