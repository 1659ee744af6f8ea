// The custom layers of modelspace models, for loading a downloaded model with plain
// TensorFlow.js (Node or a browser) and no other modelspace code. Dependency-free on
// purpose: it takes the `tf` you already have (an npm import, or the global of the CDN
// bundle), so the classes are registered in the very copy that runs tf.loadLayersModel.
//
//   import * as tf from '@tensorflow/tfjs';
//   import { registerModelspaceLayers } from './modelspace-layers.js';
//   registerModelspaceLayers(tf);
//   const model = await tf.loadLayersModel('file://model/model.json'); // or an http(s) URL
//
// Each class mirrors the one in packages/trainer/src/layers/ with the same className and
// config; packages/trainer/src/serialization/modelspace-layers.test.ts checks that both
// compute the same outputs.

/** mulberry32, as in packages/trainer/src/rng.ts: SeededDropout's mask seeds. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const first = (inputs) => (Array.isArray(inputs) ? inputs[0] : inputs);

/** Keeps √'s gradient finite over an all-zero window (see l2-pooling.ts). */
const L2_EPSILON = 1e-10;

/**
 * Defines the four classes against a given TensorFlow.js without registering them.
 * @param {any} tf the @tensorflow/tfjs module (or any object with its `layers`, `serialization` and ops)
 */
export function defineModelspaceLayers(tf) {
  class L2Pooling2D extends tf.layers.Layer {
    static className = 'L2Pooling2D';
    constructor(args) {
      super({ name: args.name });
      this.size = args.size;
      this.stride = args.stride;
    }
    computeOutputShape(s) {
      const [n, h, w, c] = s;
      const out = (v) => (v === null ? null : Math.floor((v - this.size) / this.stride) + 1);
      return [n, out(h), out(w), c];
    }
    call(inputs) {
      const x = first(inputs);
      const { size, stride } = this;
      return tf.tidy(() => tf.sqrt(tf.add(tf.mul(tf.avgPool(tf.square(x), size, stride, 'valid'), size * size), L2_EPSILON)));
    }
    getConfig() {
      return { ...super.getConfig(), size: this.size, stride: this.stride };
    }
  }

  class SoftmaxBeta extends tf.layers.Layer {
    static className = 'SoftmaxBeta';
    constructor(args) {
      super({ name: args.name });
      this.beta = args.beta;
    }
    computeOutputShape(s) {
      return s;
    }
    call(inputs) {
      return tf.tidy(() => tf.softmax(tf.mul(first(inputs), -this.beta)));
    }
    getConfig() {
      return { ...super.getConfig(), beta: this.beta };
    }
  }

  class SeededDropout extends tf.layers.Layer {
    static className = 'SeededDropout';
    constructor(args) {
      super({ name: args.name });
      this.rate = args.rate;
      this.seed = args.seed;
      const random = mulberry32(args.seed);
      this.nextSeed = () => Math.floor(random() * 2 ** 31);
    }
    computeOutputShape(s) {
      return s;
    }
    call(inputs, kwargs) {
      const x = first(inputs);
      if (!kwargs?.training || this.rate === 0) return tf.clone(x);
      return tf.dropout(x, this.rate, undefined, this.nextSeed());
    }
    getConfig() {
      return { ...super.getConfig(), rate: this.rate, seed: this.seed };
    }
  }

  class ColumnInput extends tf.layers.Layer {
    static className = 'ColumnInput';
    constructor(args) {
      super({ name: args.name });
      this.transform = args.transform;
    }
    computeOutputShape(s) {
      return s;
    }
    call(inputs) {
      const x = first(inputs);
      switch (this.transform) {
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
        default:
          throw new Error(`ColumnInput: unknown transform ${this.transform}`);
      }
    }
    getConfig() {
      return { ...super.getConfig(), transform: this.transform };
    }
  }

  return { L2Pooling2D, SoftmaxBeta, SeededDropout, ColumnInput };
}

/**
 * Registers modelspace's custom layers with `tf`'s serialization registry, so that
 * tf.loadLayersModel can rebuild any modelspace model. Call it once, before loading.
 * @param {any} tf
 */
export function registerModelspaceLayers(tf) {
  const classes = defineModelspaceLayers(tf);
  for (const cls of Object.values(classes)) tf.serialization.registerClass(cls);
  return classes;
}
