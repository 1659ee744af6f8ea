import { backend_util, MaxPoolGrad, type KernelConfig, type KernelFunc, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocFloat32, heapFloat32 } from './wasm-helpers.ts';

/**
 * Gradient of max pooling for the wasm backend. The stock wasm kernel drops the gradient of
 * every pooling window whose maximum is ≤ 0 — harmless after ReLU, wrong after tanh or
 * sigmoid, which the model space has. This routes each dy to the first maximum of its window
 * in row-major order, exactly as the cpu backend does (ties included), with plain loops over
 * the heap: it is a cheap, memory-bound pass next to the convolutions.
 */
function maxPoolGrad(args: { inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo }; attrs: MaxPoolGradAttrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const { dy, input } = inputs;
  const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [n, h, w, c] = input.shape;
  const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
  const { filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;

  const out = allocFloat32(backend, input.shape);
  const dx = out.values;
  dx.fill(0);
  const x = heapFloat32(backend, input);
  const g = heapFloat32(backend, dy);
  const best = new Float32Array(c);
  const bestAt = new Int32Array(c);

  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      const r0 = Math.max(0, r * sh - top);
      const r1 = Math.min(h, r * sh - top + fh);
      for (let col = 0; col < ow; col++) {
        const c0 = Math.max(0, col * sw - left);
        const c1 = Math.min(w, col * sw - left + fw);
        best.fill(Number.NEGATIVE_INFINITY);
        bestAt.fill(-1);
        for (let xr = r0; xr < r1; xr++) {
          for (let xc = c0; xc < c1; xc++) {
            const base = ((b * h + xr) * w + xc) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch];
              if (v > best[ch]) {
                best[ch] = v;
                bestAt[ch] = base + ch;
              }
            }
          }
        }
        const gBase = ((b * oh + r) * ow + col) * c;
        for (let ch = 0; ch < c; ch++) {
          if (bestAt[ch] >= 0) dx[bestAt[ch]] += g[gBase + ch];
        }
      }
    }
  }
  return out.info;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
