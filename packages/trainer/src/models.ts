import * as tfl from '@tensorflow/tfjs-layers';
import {
  convNetArchitecture,
  inputSizeOf,
  softmaxBeta,
  type ConvNetArchitecture,
  type ModelSpec,
  type ColumnTransform,
} from '@modelspace/core';
import { ColumnInput } from './layers/column-transform.ts';
import { L2Pooling2D } from './layers/l2-pooling.ts';
import { SeededDropout } from './layers/seeded-dropout.ts';
import { SoftmaxBeta } from './layers/softmax-beta.ts';
import { deriveSeed } from './rng.ts';
import './tfjs-setup.ts';

export const NUM_CLASSES = 10;
/** The backbone's input shape (no augmentation); see inputShapeOf for a given spec. */
export const INPUT_SHAPE = [28, 28, 1];

export function inputShapeOf(model: ModelSpec): [number, number, number] {
  const side = inputSizeOf(model.augmentation);
  return [side, side, 1];
}

/**
 * How a model's outputs are scored: 'categorical' cross-entropy of a softmax, or 'binary'
 * cross-entropy summed over the 10 one-vs-rest sigmoid units of the logistic model.
 */
export type LossKind = 'categorical' | 'binary';
export function lossKindOf(model: ModelSpec): LossKind {
  return model.kind === 'logistic' ? 'binary' : 'categorical';
}

/**
 * Builds the Keras-style model of a ModelSpec. Every layer with weights gets its own seed
 * derived from the trial seed, and so does every dropout layer's mask stream, so the whole
 * model replays from `seed` alone (two layers sharing one seed would start correlated).
 */
export function buildModel(model: ModelSpec, seed: number): tfl.LayersModel {
  const make = makers(seed);
  const inputShape = inputShapeOf(model);
  switch (model.kind) {
    case 'logistic':
      return tfl.sequential({
        layers: [tfl.layers.flatten({ inputShape }), tfl.layers.dense({ units: NUM_CLASSES, activation: 'sigmoid', kernelInitializer: make.init() })],
      });
    case 'softmax': {
      const beta = softmaxBeta(model);
      // β = −1 is exactly softmax(z): keep the backbone's single fused layer for it.
      if (beta === -1) {
        return tfl.sequential({
          layers: [tfl.layers.flatten({ inputShape }), tfl.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: make.init() })],
        });
      }
      return tfl.sequential({
        layers: [
          tfl.layers.flatten({ inputShape }),
          tfl.layers.dense({ units: NUM_CLASSES, activation: 'linear', kernelInitializer: make.init() }),
          new SoftmaxBeta({ beta }),
        ],
      });
    }
    case 'convnet':
      return convNet(convNetArchitecture(model), make);
  }
}

interface Makers {
  init: () => ReturnType<typeof tfl.initializers.glorotUniform>;
  dropout: (rate: number) => tfl.layers.Layer;
}

/** Glorot-uniform (Keras' default) with a fresh derived seed per call, i.e. per layer. */
function makers(seed: number): Makers {
  let layer = 0;
  let dropout = 0;
  return {
    init: () => tfl.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', layer++) }),
    dropout: (rate) => new SeededDropout({ rate, seed: deriveSeed(seed, 'dropout', dropout++) }),
  };
}

/**
 * One column: [conv (valid) → pool → (dropout, conv-and-fc)] per conv layer → flatten →
 * [(dropout, all-fc and conv-and-fc) → dense] per hidden width. The output layer is added by
 * the caller, after the columns are joined.
 */
function columnLayers(a: ConvNetArchitecture, make: Makers, first: Record<string, unknown>): tfl.layers.Layer[] {
  const { placement, rate, convRate } = a.dropout;
  const layers: tfl.layers.Layer[] = [];
  for (const [i, c] of a.conv.entries()) {
    layers.push(
      tfl.layers.conv2d({ filters: c.maps, kernelSize: c.filter, padding: 'valid', activation: a.activation, kernelInitializer: make.init(), ...(i === 0 ? first : {}) }),
      pooling(a),
    );
    if (placement === 'conv-and-fc') layers.push(make.dropout(convRate));
  }
  layers.push(tfl.layers.flatten());
  for (const units of a.dense) {
    if (placement === 'all-fc' || placement === 'conv-and-fc') layers.push(make.dropout(rate));
    layers.push(tfl.layers.dense({ units, activation: a.activation, kernelInitializer: make.init() }));
  }
  return layers;
}

function pooling(a: ConvNetArchitecture): tfl.layers.Layer {
  const { type, size, stride } = a.pooling;
  if (type === 'l2') return new L2Pooling2D({ size, stride });
  const args = { poolSize: size, strides: stride, padding: 'valid' as const };
  return type === 'max' ? tfl.layers.maxPooling2d(args) : tfl.layers.averagePooling2d(args);
}

/** The output: (dropout unless placement none) → dense 10 softmax, over the joined columns. */
function outputLayers(a: ConvNetArchitecture, make: Makers): tfl.layers.Layer[] {
  const { placement, rate } = a.dropout;
  const out: tfl.layers.Layer[] = placement === 'none' ? [] : [make.dropout(rate)];
  out.push(tfl.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: make.init() }));
  return out;
}

/**
 * A one-column net is a plain sequential stack (the backbone's layout). A multi-column net
 * feeds each column its own fixed transformation of the input and concatenates the columns'
 * last layers into one "multi-column softmax" layer, as the seed did (not averaging them).
 */
function convNet(a: ConvNetArchitecture, make: Makers): tfl.LayersModel {
  const inputShape = [a.inputSize, a.inputSize, 1];
  if (a.columns.length === 1 && a.columns[0] === 'identity') {
    const layers = columnLayers(a, make, { inputShape });
    return tfl.sequential({ layers: [...layers, ...outputLayers(a, make)] });
  }
  const input = tfl.input({ shape: inputShape });
  const columns = a.columns.map((transform: ColumnTransform) => {
    let x = new ColumnInput({ transform }).apply(input) as tfl.SymbolicTensor;
    for (const layer of columnLayers(a, make, {})) x = layer.apply(x) as tfl.SymbolicTensor;
    return x;
  });
  let x = columns.length === 1 ? columns[0]! : (tfl.layers.concatenate().apply(columns) as tfl.SymbolicTensor);
  for (const layer of outputLayers(a, make)) x = layer.apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: x });
}
