import { backend_util, Conv2DBackpropInput, type Conv2DBackpropInputAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocFloat32, free, heapFloat32, runWasmKernel } from './wasm-helpers.ts';

/**
 * dx of a 2-D convolution for the wasm backend. The stock kernel works but runs 10-35x
 * slower than a forward convolution doing the same multiply-adds (probe notes), so:
 *
 *   dx = conv( dy dilated by the stride, padded by K−1−pad,  W rotated 180° with Cin/Cout swapped )
 *
 * a forward conv at stride 1 that XNNPACK runs fast. The padding goes to the conv as explicit
 * padding (XNNPACK pads implicitly, no copy); only stride > 1 needs a materialised dilated dy.
 */
function conv2dBackpropInput(args: { inputs: { dy: TensorInfo; filter: TensorInfo }; attrs: Conv2DBackpropInputAttrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const { dy, filter } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropInput supports NHWC only');
  const info = backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [, h, w] = attrs.inputShape;
  const [, oh, ow] = dy.shape;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const { top, left } = info.padInfo;

  // Dilated dy has (OH−1)·s+1 rows; dx[h] = Σ_k dyDilated[h+top−k]·W[k] → pad K−1−top above
  // and whatever makes the output exactly H rows below.
  const dh = (oh - 1) * sh + 1;
  const dw = (ow - 1) * sw + 1;
  const pads = [kh - 1 - top, h - dh + top, kw - 1 - left, w - dw + left];
  if (pads.some((p) => p < 0)) {
    throw new Error(`wasm Conv2DBackpropInput: padding ${JSON.stringify(attrs.pad)} needs cropping, which this kernel does not do`);
  }

  const rotated = rotateFilter(filter, backend);
  const dilated = sh === 1 && sw === 1 ? dy : dilate(dy, sh, sw, backend);
  const dx = runWasmKernel(
    'Conv2D',
    { x: dilated, filter: rotated },
    {
      strides: [1, 1],
      dilations: [1, 1],
      pad: [
        [0, 0],
        [pads[0], pads[1]],
        [pads[2], pads[3]],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    } as unknown as Record<string, never>,
    backend,
  );
  free(backend, rotated);
  if (dilated !== dy) free(backend, dilated);
  return dx;
}

/** [KH,KW,Cin,Cout] → [KH,KW,Cout,Cin] turned 180° in space. Small: one JS pass. */
function rotateFilter(filter: TensorInfo, backend: BackendWasm): TensorInfo {
  const [kh, kw, cin, cout] = filter.shape;
  const out = allocFloat32(backend, [kh, kw, cout, cin]);
  const src = heapFloat32(backend, filter);
  for (let r = 0; r < kh; r++) {
    for (let c = 0; c < kw; c++) {
      const from = ((kh - 1 - r) * kw + (kw - 1 - c)) * cin * cout;
      const to = (r * kw + c) * cout * cin;
      for (let ci = 0; ci < cin; ci++) {
        for (let co = 0; co < cout; co++) out.values[to + co * cin + ci] = src[from + ci * cout + co];
      }
    }
  }
  return out.info;
}

/** dy [N,OH,OW,C] with (stride−1) zero rows/columns between its rows/columns. */
function dilate(dy: TensorInfo, sh: number, sw: number, backend: BackendWasm): TensorInfo {
  const [n, oh, ow, c] = dy.shape;
  const dh = (oh - 1) * sh + 1;
  const dw = (ow - 1) * sw + 1;
  const out = allocFloat32(backend, [n, dh, dw, c]);
  out.values.fill(0);
  const src = heapFloat32(backend, dy);
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      for (let col = 0; col < ow; col++) {
        const from = ((b * oh + r) * ow + col) * c;
        out.values.set(src.subarray(from, from + c), ((b * dh + r * sh) * dw + col * sw) * c);
      }
    }
  }
  return out.info;
}

export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as unknown as KernelFunc,
};
