import * as tf from '@tensorflow/tfjs-core';
import { NATIVE } from './kernels/helpers.ts';
import { BIAS_RELU_GRAD } from './kernels/bias-activation.ts';

/**
 * Conv and dense layers as one op each under a gradient tape: activation(conv(x, filter) + bias)
 * forward as one FusedConv2D / _FusedMatMul kernel (tfjs itself only fuses outside a tape), and
 * a backward of 2-3 kernels (NativeBiasReluGrad: relu gradient and bias sum in one call; the
 * input and filter gradients), each computed only if the tape asks for it (the first layer's
 * input gradient never is). tfjs's unfused path is 3 forward and ~6 backward kernels per layer
 * plus a copy (Identity) of each of ~5 saved tensors; here x and y are saved (the forward's tidy
 * frees every other intermediate) and the filter, a variable, is read directly. Null (the caller takes tfjs's path)
 * off the 'native' backend or for another activation or dtype.
 */

type Grads = Record<string, () => tf.Tensor>;
interface CustomKernel {
  runKernelFunc(p: {
    forwardFunc: (backend: unknown, save: (ts: tf.Tensor[]) => void) => tf.Tensor;
    backwardsFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => Grads;
    inputs: Record<string, tf.Tensor>;
  }): tf.Tensor;
}
// The engine's own entry for customGrad ops; unlike tf.customGrad it takes lazy per-input gradients.
const engine = () => tf.engine() as unknown as CustomKernel;
const run = (name: string, inputs: Record<string, tf.Tensor>, attrs: object) => tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap);

function usable(activation: string, ...ts: tf.Tensor[]): boolean {
  return tf.getBackend() === NATIVE && (activation === 'relu' || activation === 'linear') && ts.every((t) => t.dtype === 'float32');
}

/** dz (the gradient at the pre-activation) and the bias gradient. */
function biasActivationGrad(dy: tf.Tensor, y: tf.Tensor, relu: boolean): [tf.Tensor, tf.Tensor] {
  if (relu) return run(BIAS_RELU_GRAD, { dy, y }, {}) as unknown as [tf.Tensor, tf.Tensor];
  const leading = Array.from({ length: dy.rank - 1 }, (_, i) => i);
  return [dy, run('Sum', { x: dy }, { axis: leading, keepDims: false }) as tf.Tensor];
}

export function nativeConv2dBiasActivation(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D,
  strides: [number, number],
  pad: 'valid' | 'same',
  activation: string,
): tf.Tensor4D | null {
  if (!usable(activation, x, filter, bias) || x.rank !== 4 || filter.rank !== 4 || bias.rank !== 1) return null;
  const conv = { strides, pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined };
  return engine().runKernelFunc({
    inputs: { x, filter, bias },
    forwardFunc: (_, save) => {
      const y = run('FusedConv2D', { x, filter, bias }, { ...conv, activation }) as tf.Tensor;
      save([x, y]);
      return y;
    },
    backwardsFunc: (dy, [savedX, y]) => {
      const [dz, dbias] = biasActivationGrad(dy, y!, activation === 'relu');
      return {
        x: () => run('Conv2DBackpropInput', { dy: dz, filter }, { ...conv, inputShape: x.shape }) as tf.Tensor,
        filter: () => run('Conv2DBackpropFilter', { x: savedX!, dy: dz }, { ...conv, filterShape: filter.shape }) as tf.Tensor,
        bias: () => dbias,
      };
    },
  }) as tf.Tensor4D;
}

export function nativeDenseBiasActivation(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, activation: string): tf.Tensor2D | null {
  if (!usable(activation, x, kernel, bias) || x.rank !== 2 || kernel.rank !== 2 || bias.rank !== 1) return null;
  return engine().runKernelFunc({
    inputs: { x, kernel, bias },
    forwardFunc: (_, save) => {
      const y = run('_FusedMatMul', { a: x, b: kernel, bias }, { transposeA: false, transposeB: false, activation }) as tf.Tensor;
      save([x, y]);
      return y;
    },
    backwardsFunc: (dy, [savedX, y]) => {
      const [dz, dbias] = biasActivationGrad(dy, y!, activation === 'relu');
      return {
        x: () => run('BatchMatMul', { a: dz, b: kernel }, { transposeA: false, transposeB: true }) as tf.Tensor,
        kernel: () => run('BatchMatMul', { a: savedX!, b: dz }, { transposeA: true, transposeB: false }) as tf.Tensor,
        bias: () => dbias,
      };
    },
  }) as tf.Tensor2D;
}
