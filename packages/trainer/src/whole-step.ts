import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { nativeTrainingStep, type NativeTrainingStep, type StepActivation, type StepLayer, type StepNet } from '@modelspace/native';
import { EPSILON } from './loss.ts';
import { L2Pooling2D } from './layers/l2-pooling.ts';
import { SeededDropout } from './layers/seeded-dropout.ts';
import { SoftmaxBeta } from './layers/softmax-beta.ts';
import type { LossKind } from './models.ts';

/** What tfjs-layers' Conv2D, Dense and pooling layers hold (public in its JS, not in its types). */
interface LayerFields {
  kernel?: { read(): tf.Tensor };
  bias?: { read(): tf.Tensor } | null;
  activation?: { getClassName(): string } | null;
  rank?: number;
  strides?: number[];
  padding?: string;
  dataFormat?: string;
  dilationRate?: number[];
  poolSize?: number[];
}

const ACTIVATIONS = new Set<string>(['linear', 'relu', 'tanh']);

/** A conv or dense layer's weights and activation, or null when the step does not cover it. */
function weighted(l: LayerFields, activation: string): { kernel: tf.Variable; bias: tf.Variable; activation: StepActivation } | null {
  if (!l.kernel || !l.bias || !ACTIVATIONS.has(activation)) return null;
  return { kernel: l.kernel.read() as tf.Variable, bias: l.bias.read() as tf.Variable, activation: activation as StepActivation };
}

/** One layer of the step, or null (the model keeps tfjs's step). `activation` overrides the layer's. */
function stepLayer(layer: tfl.layers.Layer, activation?: string): StepLayer | null {
  const l = layer as unknown as LayerFields;
  const name = layer.getClassName();
  const act = activation ?? l.activation?.getClassName() ?? 'linear';
  if (name === 'Conv2D') {
    if (l.rank !== 2 || l.dataFormat !== 'channelsLast' || l.dilationRate?.some((d) => d !== 1)) return null;
    if (l.padding !== 'valid' && l.padding !== 'same') return null;
    const w = weighted(l, act);
    return w && { kind: 'conv', ...w, strides: l.strides as [number, number], padding: l.padding };
  }
  if (name === 'Dense') {
    const w = weighted(l, act);
    return w && { kind: 'dense', ...w };
  }
  if (name === 'MaxPooling2D' || name === 'AveragePooling2D') {
    if (l.padding !== 'valid' || l.dataFormat !== 'channelsLast') return null;
    return { kind: 'pool', type: name === 'MaxPooling2D' ? 'max' : 'avg', size: l.poolSize as [number, number], strides: l.strides as [number, number] };
  }
  if (layer instanceof L2Pooling2D) return { kind: 'pool', type: 'l2', size: [layer.size, layer.size], strides: [layer.stride, layer.stride] };
  if (layer instanceof SeededDropout) return { kind: 'dropout', rate: layer.rate, seed: () => layer.nextSeed() };
  if (name === 'Flatten') return { kind: 'flatten' };
  return null;
}

/**
 * The model as a net the whole native training step covers: a Sequential stack of conv,
 * pooling (max, average, L2), dropout, flatten and dense layers (relu, tanh or linear), ending
 * in a softmax (a dense layer with softmax activation, or a linear dense layer and SoftmaxBeta),
 * trained with the categorical loss. Null for anything else (the logistic model's sigmoid
 * and binary loss, multi-column nets, other layers or options): those keep tfjs's step.
 */
export function stepNetOf(model: tfl.LayersModel, kind: LossKind): StepNet | null {
  if (kind !== 'categorical' || !(model instanceof tfl.Sequential)) return null;
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  let beta = -1;
  let last = layers.length - 1;
  const output = layers[last];
  if (output instanceof SoftmaxBeta) {
    beta = output.beta;
    last--;
  } else if ((output as unknown as LayerFields | undefined)?.activation?.getClassName() !== 'softmax') {
    return null;
  }
  const head = layers[last];
  if (!head || head.getClassName() !== 'Dense') return null;
  const headActivation = (head as unknown as LayerFields).activation?.getClassName();
  if (headActivation !== 'softmax' && headActivation !== 'linear') return null;
  const step: StepLayer[] = [];
  for (let i = 0; i <= last; i++) {
    const s = stepLayer(layers[i]!, i === last ? 'linear' : undefined);
    if (!s) return null;
    step.push(s);
  }
  const shape = model.inputs[0]!.shape;
  if (shape.length !== 4 || shape.slice(1).some((d) => d === null)) return null;
  return { inputShape: shape.slice(1) as [number, number, number], layers: step, beta, epsilon: EPSILON };
}

/**
 * The trainer's step as one native call for this model and optimizer (see stepNetOf), or null:
 * not the 'native' backend, or a model it does not cover.
 */
export function wholeNativeStep(model: tfl.LayersModel, kind: LossKind, optimizer: tf.MomentumOptimizer, variables: tf.Variable[]): NativeTrainingStep | null {
  const net = stepNetOf(model, kind);
  return net && nativeTrainingStep(net, optimizer, variables);
}
