import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mulberry32Stream, type RandomStream } from '../rng.ts';

/**
 * Dropout whose masks replay from the trial seed. tfjs-layers' Dropout draws its mask from
 * Math.random (its `seed` argument would give the same mask every step), so the same trial
 * would give different metrics twice. Here each training call takes the next seed of a
 * stream owned by the layer; tf.dropout's seeded generator is pure JS, hence the same masks
 * on every backend. Inverted dropout: kept units are scaled by 1/(1−rate) while training, and
 * inference is the identity.
 */
export class SeededDropout extends tfl.layers.Layer {
  static className = 'SeededDropout';
  readonly rate: number;
  readonly seed: number;
  private readonly random: RandomStream;

  constructor(args: { rate: number; seed: number; name?: string }) {
    super({ name: args.name });
    this.rate = args.rate;
    this.seed = args.seed;
    this.random = mulberry32Stream(args.seed);
  }

  /** Where the mask stream is: a checkpoint keeps it so a resumed training draws the same masks. */
  get streamState(): number {
    return this.random.state;
  }

  set streamState(v: number) {
    this.random.state = v;
  }

  /** The seed of the next training call's mask (the whole native step draws it as call does). */
  nextSeed(): number {
    return Math.floor(this.random.next() * 2 ** 31);
  }

  override computeOutputShape(s: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return s as tfl.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (!kwargs.training || this.rate === 0) return tf.clone(x);
    return tf.dropout(x, this.rate, undefined, this.nextSeed());
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
tf.serialization.registerClass(SeededDropout);
