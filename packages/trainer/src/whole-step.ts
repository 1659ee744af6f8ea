import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { nativeTrainingStep, type NativeTrainingStep, type StepActivation, type StepColumn, type StepLayer, type StepNet } from '@modelspace/native';
import { EPSILON } from './loss.ts';
import { ColumnInput } from './layers/column-transform.ts';
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

const ACTIVATIONS = new Set<string>(['linear', 'relu', 'tanh', 'sigmoid']);

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
 * The model as a net the whole native training step covers: a stack of conv, pooling (max,
 * average, L2), dropout, flatten and dense layers (relu, tanh, sigmoid or linear) — one
 * Sequential stack, or the trainer's multi-column net (a ColumnInput and such a stack per column
 * on the one input, their flat outputs concatenated on the last axis, then such a stack) —
 * ending in a softmax (a dense layer with softmax activation, or a linear dense layer and
 * SoftmaxBeta), trained with the categorical loss. Null for anything else (the logistic
 * model's binary loss, other layers, graphs or options): those keep tfjs's step.
 */
export function stepNetOf(model: tfl.LayersModel, kind: LossKind): StepNet | null {
  if (kind !== 'categorical') return null;
  const shape = model.inputs[0]!.shape;
  if (model.inputs.length !== 1 || shape.length !== 4 || shape.slice(1).some((d) => d === null)) return null;
  const inputShape = shape.slice(1) as [number, number, number];
  if (model instanceof tfl.Sequential) {
    const layers = headLayers(model.layers.filter((l) => l.getClassName() !== 'InputLayer'));
    return layers && { inputShape, layers, beta: betaOf(model.layers), epsilon: EPSILON };
  }
  return columnNetOf(model, inputShape);
}

/** The softmax's β: SoftmaxBeta's, or −1 (softmax(z)) for a dense softmax layer. */
function betaOf(layers: tfl.layers.Layer[]): number {
  const output = layers.at(-1);
  return output instanceof SoftmaxBeta ? output.beta : -1;
}

/** The step layers of a stack ending in the softmax (its dense layer as linear), or null. */
function headLayers(layers: tfl.layers.Layer[]): StepLayer[] | null {
  let last = layers.length - 1;
  const output = layers[last];
  if (output instanceof SoftmaxBeta) last--;
  else if ((output as unknown as LayerFields | undefined)?.activation?.getClassName() !== 'softmax') return null;
  const head = layers[last];
  if (!head || head.getClassName() !== 'Dense') return null;
  const headActivation = (head as unknown as LayerFields).activation?.getClassName();
  if (headActivation !== 'softmax' && headActivation !== 'linear') return null;
  return stackLayers(layers.slice(0, last + 1), last);
}

/** Each layer as a step layer (the one at `linear` as linear), or null if one is not covered. */
function stackLayers(layers: tfl.layers.Layer[], linear = -1): StepLayer[] | null {
  const step: StepLayer[] = [];
  for (const [i, layer] of layers.entries()) {
    const s = stepLayer(layer, i === linear ? 'linear' : undefined);
    if (!s) return null;
    step.push(s);
  }
  return step;
}

/** The one layer feeding `layer` (null: none, several, or a layer applied more than once). */
function inbound(layer: tfl.layers.Layer): tfl.layers.Layer[] | null {
  if (layer.inboundNodes.length !== 1) return null;
  return layer.inboundNodes[0]!.inboundLayers;
}

/** The chain of single-input layers ending at `layer`, first first, and the layer before it. */
function chainTo(layer: tfl.layers.Layer): { chain: tfl.layers.Layer[]; from: tfl.layers.Layer } | null {
  const chain: tfl.layers.Layer[] = [];
  let at = layer;
  for (;;) {
    const from = inbound(at);
    if (!from) return null;
    chain.unshift(at);
    if (from.length !== 1) return null;
    const prev = from[0]!;
    if (prev.getClassName() === 'Concatenate' || prev instanceof ColumnInput || prev.getClassName() === 'InputLayer') return { chain, from: prev };
    at = prev;
  }
}

/**
 * The trainer's multi-column net (models.ts convNet): input → ColumnInput → stack, per column;
 * Concatenate (last axis) → stack → softmax. Walked back from the output through each layer's
 * one inbound node, so a layer shared by two columns (or used twice) is not covered.
 */
function columnNetOf(model: tfl.LayersModel, inputShape: [number, number, number]): StepNet | null {
  if (model.outputs.length !== 1) return null;
  const input = model.inputs[0]!.sourceLayer;
  const head = chainTo(model.outputs[0]!.sourceLayer as tfl.layers.Layer);
  if (!head || head.from.getClassName() !== 'Concatenate') return null;
  const concat = head.from;
  const axis = (concat as unknown as { axis?: number }).axis;
  if (axis !== -1 && axis !== 1) return null; // the last axis of [n, units] inputs
  const layers = headLayers(head.chain);
  const sources = inbound(concat);
  if (!layers || !sources || sources.length < 2) return null;
  const columns: StepColumn[] = [];
  for (const source of sources) {
    const column = chainTo(source);
    if (!column || !(column.from instanceof ColumnInput) || inbound(column.from)?.[0] !== input) return null;
    const stack = stackLayers(column.chain);
    if (!stack) return null;
    columns.push({ transform: column.from.transform, layers: stack });
  }
  return { inputShape, columns, layers, beta: betaOf(head.chain), epsilon: EPSILON };
}

/**
 * The trainer's step as one native call for this model and optimizer (see stepNetOf), or null:
 * not the 'native' backend, or a model it does not cover.
 */
export function wholeNativeStep(model: tfl.LayersModel, kind: LossKind, optimizer: tf.MomentumOptimizer, variables: tf.Variable[]): NativeTrainingStep | null {
  const net = stepNetOf(model, kind);
  return net && nativeTrainingStep(net, optimizer, variables);
}
