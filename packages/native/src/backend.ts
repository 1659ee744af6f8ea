import {
  engine,
  getKernel,
  getKernelsForBackend,
  registerBackend,
  registerKernel,
  unregisterKernel,
  type BackendValues,
  type DataId,
  type DataType,
  type KernelConfig,
  type TensorInfo,
  type Variable,
} from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu'; // also registers the cpu kernels we copy
import type { NativeAddon } from './addon.ts';
import { convKernels } from './kernels/conv.ts';
import { eltwiseKernels } from './kernels/eltwise.ts';
import { NATIVE, type OutputStorage } from './kernels/helpers.ts';
import { matMulKernels } from './kernels/matmul.ts';
import { poolKernels } from './kernels/pool.ts';
import { xentKernels } from './kernels/xent.ts';
import { biasActivationKernels } from './kernels/bias-activation.ts';
import { batchNormKernels } from './kernels/batch-norm.ts';

export { NATIVE };

/**
 * Backend 'native': tfjs's cpu backend (tensors are plain Float32Arrays in JS memory, which the
 * addon reads and writes in place) with the heavy kernels replaced by the oneDNN addon. Its own
 * name keeps 'cpu' untouched as the reference the kernels are tested against.
 */
export class NativeBackend extends MathBackendCPU implements OutputStorage {
  /**
   * Freed outputs of the native kernels, by length, for reuse. Measured: a fresh 9.4 MB
   * Float32Array (conv 1's activations at batch 64) costs ~22 ms (allocation, zeroing, page
   * faults, GC pressure) against ~0.6 ms for the relu that fills it.
   */
  private readonly free = new Map<number, Float32Array[]>();
  private freeBytes = 0;
  /** Arrays handed out by takeFloat32 that no one outside the backend has seen (recyclable). */
  private readonly own = new WeakSet<Float32Array>();
  private writingOwn = false;

  constructor(
    readonly addon: NativeAddon,
    private readonly maxFreeBytes = 256 * 1024 * 1024,
  ) {
    super();
    // The cpu backend prints "install tfjs-node to speed things up" on its first write;
    // this backend is the native one, so the advice does not apply.
    (this as unknown as { firstUse: boolean }).firstUse = false;
  }

  takeFloat32(length: number): Float32Array {
    const reused = this.free.get(length)?.pop();
    if (reused) this.freeBytes -= reused.byteLength;
    const values = reused ?? new Float32Array(length);
    this.own.add(values);
    return values;
  }

  makeOwnTensorInfo(shape: number[], values: Float32Array): TensorInfo {
    this.writingOwn = true;
    try {
      return this.makeTensorInfo(shape, 'float32', values);
    } finally {
      this.writingOwn = false;
    }
  }

  // Any other way values can leave or be shared makes them the caller's: never recycled.
  override write(values: BackendValues, shape: number[], dtype: DataType): DataId {
    if (!this.writingOwn) this.own.delete(values as Float32Array);
    return super.write(values, shape, dtype);
  }

  override move(dataId: DataId, values: BackendValues, shape: number[], dtype: DataType, refCount: number): void {
    this.own.delete(values as Float32Array);
    super.move(dataId, values, shape, dtype, refCount);
  }

  /** The values stored for dataId, without DataStorage.get's move-from-another-backend side effect. */
  private stored(dataId: DataId): Float32Array | undefined {
    return this.data.has(dataId) ? (this.data.get(dataId).values as Float32Array | undefined) : undefined;
  }

  /**
   * The float32 values of dataId if only this backend can see them: one tensor holds them (refCount
   * 1) and they are recycled storage never read out (readSync/dataSync hand out the array itself),
   * written in or moved. Such values may be updated in place (the fused optimizer does).
   */
  exclusiveFloat32(dataId: DataId): Float32Array | undefined {
    const values = this.stored(dataId);
    return values && this.own.has(values) && this.refCount(dataId) === 1 ? values : undefined;
  }

  /**
   * The float32 values of `variable`, made exclusive (see exclusiveFloat32) if they are not: a
   * copy in recycled storage is assigned to the variable (its old storage stays with whoever
   * else holds it). For in-place updates that must not depend on who read the values before.
   */
  ownFloat32(variable: Variable): Float32Array {
    const mine = this.exclusiveFloat32(variable.dataId);
    if (mine) return mine;
    const copy = this.takeFloat32(variable.size);
    copy.set(this.readSync(variable.dataId) as Float32Array);
    const tensor = engine().makeTensorFromTensorInfo(this.makeOwnTensorInfo([...variable.shape], copy));
    variable.assign(tensor);
    tensor.dispose();
    return copy;
  }

  override readSync(dataId: DataId): BackendValues {
    const values = this.stored(dataId);
    if (values) this.own.delete(values);
    return super.readSync(dataId);
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const values = this.stored(dataId);
    const released = super.disposeData(dataId, force);
    if (values && !this.data.has(dataId) && this.own.has(values)) this.recycle(values);
    return released;
  }

  private recycle(values: Float32Array): void {
    this.own.delete(values);
    if (this.freeBytes + values.byteLength > this.maxFreeBytes) return;
    const list = this.free.get(values.length) ?? [];
    if (list.length >= 16) return;
    list.push(values);
    this.free.set(values.length, list);
    this.freeBytes += values.byteLength;
  }

  override dispose(): void {
    this.free.clear();
    this.freeBytes = 0;
    super.dispose();
  }
}

/** The kernels the addon supplies; every other kernel is the cpu backend's. */
export function nativeKernels(addon: NativeAddon): KernelConfig[] {
  return [
    ...convKernels(addon),
    ...poolKernels(addon),
    ...matMulKernels(addon),
    ...eltwiseKernels(addon),
    ...xentKernels(addon),
    ...biasActivationKernels(addon),
    ...batchNormKernels(addon),
  ];
}

let registeredWith: NativeAddon | null = null;

/**
 * Registers backend 'native' (priority 0: never picked implicitly, only by setBackend) and its
 * kernels. Idempotent per thread.
 */
export function registerNativeBackend(addon: NativeAddon): void {
  if (registeredWith === addon) return;
  registerBackend(NATIVE, () => new NativeBackend(addon), 0);
  const own = nativeKernels(addon);
  const ownNames = new Set(own.map((k) => k.kernelName));
  for (const k of getKernelsForBackend('cpu')) {
    if (ownNames.has(k.kernelName) || getKernel(k.kernelName, NATIVE)) continue;
    registerKernel({ ...k, backendName: NATIVE });
  }
  for (const k of own) {
    if (getKernel(k.kernelName, NATIVE)) unregisterKernel(k.kernelName, NATIVE);
    registerKernel(k);
  }
  registeredWith = addon;
}
