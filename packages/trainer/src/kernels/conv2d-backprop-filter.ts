import { backend_util, Conv2DBackpropFilter, type Conv2DBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocFloat32, free, heapFloat32, runWasmKernel, transpose, view } from './wasm-helpers.ts';

/**
 * dW of a 2-D convolution for the wasm backend, which has no Conv2DBackpropFilter kernel at
 * all (training a conv net there fails with "Kernel 'Conv2DBackpropFilter' not registered").
 *
 *   dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, oh·s+kh−pad, ow·s+kw−pad, ci] · dy[n,oh,ow,co]
 *
 * is itself a forward convolution, which wasm runs fast (XNNPACK): x transposed to
 * [Cin,H,W,N] (Cin as the batch, N as the channels) convolved with dy transposed to
 * [OH,OW,N,Cout] as the filter, stride 1, dilation = the original stride, padded by the
 * original top/left padding. Its output [Cin, ≥KH, ≥KW, Cout] is cropped to the filter size
 * (valid padding can leave rows the original conv never reached) and reordered to
 * [KH,KW,Cin,Cout] in one JS pass: the filter is small, a kernel round trip costs more.
 */
function conv2dBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; attrs: Conv2DBackpropFilterAttrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const { x, dy } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports NHWC only');
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [n, h, w, cin] = x.shape;
  const [, oh, ow, cout] = dy.shape;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const { top, left } = info.padInfo;

  // 3-D views: the wasm Transpose is much faster on them than on the 4-D originals.
  const xT = transpose(view(x, [n, h * w, cin]), [2, 1, 0], backend); // [Cin, H*W, N]
  const dyT = transpose(view(dy, [n, oh * ow, cout]), [1, 0, 2], backend); // [OH*OW, N, Cout]

  // Output rows of the dilated conv: H + top + bottom − (OH−1)·sh; pad the bottom/right just
  // enough to reach KH x KW (same padding needs it; valid padding may overshoot, cropped below).
  const bottom = Math.max(0, kh - (h + top - (oh - 1) * sh));
  const right = Math.max(0, kw - (w + left - (ow - 1) * sw));
  const conv = runWasmKernel(
    'Conv2D',
    { x: view(xT, [cin, h, w, n]), filter: view(dyT, [oh, ow, n, cout]) },
    {
      strides: [1, 1],
      dilations: [sh, sw],
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    } as unknown as Record<string, never>,
    backend,
  );
  free(backend, xT, dyT);

  const [, ch, cw] = conv.shape; // ≥ KH, KW
  const out = allocFloat32(backend, [kh, kw, cin, cout]);
  const src = heapFloat32(backend, conv); // after the allocation: it may have moved the heap
  for (let ci = 0; ci < cin; ci++) {
    for (let r = 0; r < kh; r++) {
      for (let c = 0; c < kw; c++) {
        const from = ((ci * ch + r) * cw + c) * cout;
        out.values.set(src.subarray(from, from + cout), ((r * kw + c) * cin + ci) * cout);
      }
    }
  }
  free(backend, conv);
  return out.info;
}

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as KernelFunc,
};
