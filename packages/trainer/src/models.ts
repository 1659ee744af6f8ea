import * as tfl from '@tensorflow/tfjs-layers';
import { convNetMapSizes, type ConvNetModel, type ModelSpec } from '@modelspace/core';
import { deriveSeed } from './rng.ts';
import './tfjs-setup.ts';

export const INPUT_SHAPE = [28, 28, 1];
export const NUM_CLASSES = 10;

/**
 * Builds the Keras-style model of a ModelSpec. Every layer with weights gets its own seed
 * derived from the trial seed, so the whole initialisation replays from `seed` alone (two
 * layers sharing one seed would start from correlated weights).
 */
export function buildModel(model: ModelSpec, seed: number): tfl.LayersModel {
  const init = seededInit(seed);
  return model.kind === 'softmax' ? softmaxModel(init) : convNet(model, init);
}

type Init = () => ReturnType<typeof tfl.initializers.glorotUniform>;

/** Glorot-uniform (Keras' default) with a fresh derived seed per call, i.e. per layer. */
function seededInit(seed: number): Init {
  let layer = 0;
  return () => tfl.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', layer++) });
}

/** Multinomial logistic regression: flatten → dense 10 → softmax. */
function softmaxModel(init: Init): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: INPUT_SHAPE }),
      tfl.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: init() }),
    ],
  });
}

/** conv (valid) → max 2/2 → conv (valid) → max 2/2 → dense → dense 10 softmax. */
function convNet(m: ConvNetModel, init: Init): tfl.LayersModel {
  const [, , , pool2] = convNetMapSizes(m.filterSize);
  if (!(pool2 >= 1)) throw new Error(`filter ${m.filterSize}x${m.filterSize} is too large for a 28x28 input`);
  const conv = (filters: number, extra: Record<string, unknown> = {}) =>
    tfl.layers.conv2d({ filters, kernelSize: m.filterSize, padding: 'valid', activation: m.activation, kernelInitializer: init(), ...extra });
  const pool = () => tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'valid' });
  return tfl.sequential({
    layers: [
      conv(m.featureMaps[0], { inputShape: INPUT_SHAPE }),
      pool(),
      conv(m.featureMaps[1]),
      pool(),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: m.denseUnits, activation: m.activation, kernelInitializer: init() }),
      tfl.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: init() }),
    ],
  });
}
