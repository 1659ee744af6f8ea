import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';
import { maxPoolGradConfig } from './max-pool-grad.ts';

/** The wasm kernels this package replaces or adds (see each file for why). */
export const WASM_KERNEL_FIXES: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  maxPoolGradConfig,
];

/**
 * Registers the fixes for backend 'wasm', replacing the stock kernels. Idempotent. Stock
 * kernels are unregistered first because registering over one only warns and overrides.
 */
export function registerWasmKernelFixes(): void {
  for (const config of WASM_KERNEL_FIXES) {
    const current = getKernel(config.kernelName, 'wasm');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) unregisterKernel(config.kernelName, 'wasm');
    registerKernel(config);
  }
}
