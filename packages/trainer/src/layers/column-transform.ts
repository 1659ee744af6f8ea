import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ColumnTransform } from '@modelspace/core';

/**
 * The fixed input transformation of one column of a multi-column net (core's
 * COLUMN_TRANSFORMS): identity, transpose (mirror on the main diagonal), flip left-right,
 * flip up-down, rotate 180°. Square images, so every one keeps the shape [n, s, s, 1].
 */
export function transformImages(x: tf.Tensor4D, transform: ColumnTransform): tf.Tensor4D {
  switch (transform) {
    case 'identity':
      return tf.clone(x);
    case 'transpose':
      return tf.transpose(x, [0, 2, 1, 3]);
    case 'flip-left-right':
      return tf.reverse(x, 2);
    case 'flip-up-down':
      return tf.reverse(x, 1);
    case 'rotate-180':
      return tf.reverse(x, [1, 2]);
  }
}

export class ColumnInput extends tfl.layers.Layer {
  static className = 'ColumnInput';
  readonly transform: ColumnTransform;

  constructor(args: { transform: ColumnTransform; name?: string }) {
    super({ name: args.name });
    this.transform = args.transform;
  }

  override computeOutputShape(s: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return s as tfl.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return transformImages((Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D, this.transform);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), transform: this.transform };
  }
}
tf.serialization.registerClass(ColumnInput);
