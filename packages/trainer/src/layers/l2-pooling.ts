import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * Keeps the square root's gradient finite where a whole window is zero (after ReLU): there
 * d√u/du = 1/(2√ε) ≈ 5·10⁴, multiplied by d(x²)/dx = 0, so the gradient stays 0.
 */
const EPSILON = 1e-10;

/**
 * L2-norm pooling (the seed's "L2" pooling, after CS231n): each window's √(Σ x²), 'valid'
 * padding. Built from ops that have gradients on every backend (square, avgPool, sqrt): the
 * sum is the window mean times the window area.
 */
export function l2Pool(x: tf.Tensor4D, size: number, stride: number): tf.Tensor4D {
  return tf.tidy(() => tf.sqrt(tf.add(tf.mul(tf.avgPool(tf.square(x), size, stride, 'valid'), size * size), EPSILON)) as tf.Tensor4D);
}

export class L2Pooling2D extends tfl.layers.Layer {
  static className = 'L2Pooling2D';
  readonly size: number;
  readonly stride: number;

  constructor(args: { size: number; stride: number; name?: string }) {
    super({ name: args.name });
    this.size = args.size;
    this.stride = args.stride;
  }

  override computeOutputShape(s: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [n, h, w, c] = s as tfl.Shape;
    const out = (v: number | null) => (v === null ? null : Math.floor((v - this.size) / this.stride) + 1);
    return [n, out(h), out(w), c];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return l2Pool(x, this.size, this.stride);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: this.size, stride: this.stride };
  }
}
tf.serialization.registerClass(L2Pooling2D);
