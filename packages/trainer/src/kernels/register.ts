import { BatchMatMul, getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm'; // its stock kernels must be registered before we wrap or replace them
import { batchMatMulConfig } from './batch-mat-mul.ts';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';
import { maxPoolGradConfig } from './max-pool-grad.ts';

/** The wasm kernels this package replaces or adds (see each file for why). */
export const WASM_KERNEL_FIXES: readonly KernelConfig[] = [conv2dBackpropFilterConfig, conv2dBackpropInputConfig, maxPoolGradConfig];

let batchMatMul: KernelConfig | null = null;

/**
 * Registers the fixes for backend 'wasm', replacing the stock kernels. Idempotent. Stock
 * kernels are unregistered first because registering over one only warns and overrides.
 */
export function registerWasmKernelFixes(): void {
  for (const config of WASM_KERNEL_FIXES) replace(config);
  // BatchMatMul wraps (not replaces) the stock kernel, so it is built once from it.
  if (!batchMatMul) {
    const stock = getKernel(BatchMatMul, 'wasm');
    if (!stock) throw new Error('the wasm backend registered no BatchMatMul kernel');
    batchMatMul = batchMatMulConfig(stock);
  }
  replace(batchMatMul);
}

function replace(config: KernelConfig): void {
  const current = getKernel(config.kernelName, 'wasm');
  if (current?.kernelFunc === config.kernelFunc) return;
  if (current) unregisterKernel(config.kernelName, 'wasm');
  registerKernel(config);
}
