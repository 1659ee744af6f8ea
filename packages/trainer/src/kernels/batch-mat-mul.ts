import { BatchMatMul, type BatchMatMulAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { free, transpose, view } from './wasm-helpers.ts';

/**
 * The wasm BatchMatMul runs its XNNPACK path only without transpose flags; with one set it
 * falls back to plain loops (probe: 15.4 ms vs 0.4 ms for a dense layer's dW = xᵀ·dy at
 * batch 64). Dense-layer gradients always set a flag, so: transpose the flagged operand
 * explicitly (a cheap 3-D Transpose) and call the stock kernel without flags.
 */
export function batchMatMulConfig(stock: KernelConfig): KernelConfig {
  const stockFunc = stock.kernelFunc;
  function batchMatMul(args: { inputs: { a: TensorInfo; b: TensorInfo }; attrs: BatchMatMulAttrs; backend: BackendWasm }): TensorInfo {
    const { inputs, attrs, backend } = args;
    if (!attrs.transposeA && !attrs.transposeB) return stockFunc(args as never) as TensorInfo;
    const a = attrs.transposeA ? swapLastTwo(inputs.a, backend) : inputs.a;
    const b = attrs.transposeB ? swapLastTwo(inputs.b, backend) : inputs.b;
    try {
      return stockFunc({ inputs: { a, b }, attrs: { ...attrs, transposeA: false, transposeB: false }, backend } as never) as TensorInfo;
    } finally {
      if (a !== inputs.a) free(backend, a);
      if (b !== inputs.b) free(backend, b);
    }
  }
  // Keep the stock setupFunc: the stock kernelFunc we delegate to needs its wasm binding.
  return { kernelName: BatchMatMul, backendName: 'wasm', setupFunc: stock.setupFunc, kernelFunc: batchMatMul as unknown as KernelFunc };
}

/** [..., r, c] → [..., c, r], as a 3-D transpose of a [batch, r, c] view. */
function swapLastTwo(x: TensorInfo, backend: BackendWasm): TensorInfo {
  const rank = x.shape.length;
  const [r, c] = x.shape.slice(-2);
  const batch = x.shape.slice(0, -2).reduce((p, d) => p * d, 1);
  const t = transpose(view(x, [batch, r, c]), [0, 2, 1], backend);
  return view(t, [...x.shape.slice(0, rank - 2), c, r]);
}
