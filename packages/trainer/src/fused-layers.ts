import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { nativeConv2dBiasActivation, nativeDenseBiasActivation } from '@modelspace/native';

/** What a Conv2D or Dense layer of tfjs-layers holds (public in its JS, not in its types). */
interface LayerFields {
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { getClassName(): string };
  rank?: number;
  strides?: number[];
  padding?: string;
  dataFormat?: string;
  dilationRate?: number[];
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: object): tf.Tensor | tf.Tensor[];
}

type Call = LayerFields['call'];

/** The fused op for this layer's call, or null when it does not fit (the layer's own call runs). */
function fusedCall(layer: tfl.layers.Layer): ((x: tf.Tensor) => tf.Tensor | null) | null {
  const l = layer as unknown as LayerFields;
  const name = layer.getClassName();
  if (!l.bias || !l.activation) return null;
  if (name === 'Conv2D') {
    if (l.rank !== 2 || l.dataFormat !== 'channelsLast' || l.dilationRate?.some((d) => d !== 1)) return null;
    if (l.padding !== 'valid' && l.padding !== 'same') return null;
    const strides = l.strides as [number, number];
    const pad = l.padding;
    return (x) => nativeConv2dBiasActivation(x as tf.Tensor4D, l.kernel.read() as tf.Tensor4D, l.bias!.read() as tf.Tensor1D, strides, pad, l.activation.getClassName());
  }
  if (name === 'Dense') {
    return (x) => (x.rank === 2 ? nativeDenseBiasActivation(x as tf.Tensor2D, l.kernel.read() as tf.Tensor2D, l.bias!.read() as tf.Tensor1D, l.activation.getClassName()) : null);
  }
  return null;
}

/**
 * Runs `forward` (a model.apply under the training tape, on the native backend) with each conv and
 * dense layer computing activation(op(x) + bias) as one native op with its own gradient
 * (@modelspace/native fused-layers: fewer kernel calls and no copies of saved tensors per layer;
 * same arithmetic up to float rounding). Layers the ops do not cover (tanh, sigmoid, softmax
 * activations; other layouts) keep their own call. The switch lasts for this synchronous call.
 */
export function withFusedLayers<T>(model: tfl.LayersModel, forward: () => T): T {
  const switched: Array<{ own: { call?: Call } }> = [];
  for (const layer of model.layers) {
    const fused = fusedCall(layer);
    if (!fused) continue;
    const own = layer as unknown as { call?: Call };
    const original = (layer as unknown as LayerFields).call;
    own.call = (inputs, kwargs) => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      return fused(x) ?? original.call(layer, inputs, kwargs);
    };
    switched.push({ own });
  }
  try {
    return forward();
  } finally {
    for (const { own } of switched) delete own.call; // back to the prototype's
  }
}
