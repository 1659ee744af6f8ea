import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { SoftmaxBeta } from './layers/softmax-beta.ts';

/**
 * The softmax a model ends with (a dense layer with activation 'softmax', or SoftmaxBeta), and
 * a way to run the model without it, for a loss that fuses softmax and cross-entropy.
 */
export interface SoftmaxHead {
  beta: number; // the output is softmax(−β·logits)
  /** Runs `forward` (a model.apply) with the output layer emitting its logits. */
  logits(forward: () => tf.Tensor): tf.Tensor2D;
}

// What Dense.call needs of an activation; 'linear' also lets it use the fused matMul + bias.
const LINEAR = { getClassName: () => 'linear', apply: (x: tf.Tensor) => x };

/**
 * Null when the model's output is not a softmax (the logistic model's sigmoid) or the model has
 * more than one output. The switch lasts for one synchronous call only, so nothing else (an
 * evaluation, a serialization) ever sees the model without its softmax.
 */
export function softmaxHead(model: tfl.LayersModel): SoftmaxHead | null {
  if (model.outputs.length !== 1) return null;
  const layer = model.outputs[0]!.sourceLayer as tfl.layers.Layer;
  if (layer instanceof SoftmaxBeta) {
    const own = layer as unknown as { call: unknown };
    return {
      beta: layer.beta,
      logits: (forward) => {
        own.call = (inputs: tf.Tensor | tf.Tensor[]) => (Array.isArray(inputs) ? inputs[0]! : inputs);
        try {
          return forward() as tf.Tensor2D;
        } finally {
          delete own.call; // back to the prototype's
        }
      },
    };
  }
  const dense = layer as unknown as { activation?: { getClassName(): string } | null };
  if (layer.getClassName() !== 'Dense' || dense.activation?.getClassName() !== 'softmax') return null;
  return {
    beta: -1,
    logits: (forward) => {
      const softmax = dense.activation!;
      dense.activation = LINEAR;
      try {
        return forward() as tf.Tensor2D;
      } finally {
        dense.activation = softmax;
      }
    },
  };
}
