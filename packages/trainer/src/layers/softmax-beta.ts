import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * The seed's softmax (section 1.2): out_i = e^(−β z_i) / Σ_k e^(−β z_k). β = −1 is the
 * ordinary softmax. tf.softmax subtracts the row maximum first, so large |β z| cannot overflow.
 */
export function softmaxBeta(z: tf.Tensor, beta: number): tf.Tensor {
  return tf.tidy(() => tf.softmax(tf.mul(z, -beta)));
}

export class SoftmaxBeta extends tfl.layers.Layer {
  static className = 'SoftmaxBeta';
  readonly beta: number;

  constructor(args: { beta: number; name?: string }) {
    super({ name: args.name });
    this.beta = args.beta;
  }

  override computeOutputShape(s: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return s as tfl.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return softmaxBeta(Array.isArray(inputs) ? inputs[0]! : inputs, this.beta);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), beta: this.beta };
  }
}
tf.serialization.registerClass(SoftmaxBeta);
