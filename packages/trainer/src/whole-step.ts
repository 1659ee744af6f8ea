import type * as tf from '@tensorflow/tfjs-core';
import { nativeTrainingStep, type NativeTrainingStep, type StepColumn, type StepLayer, type StepNet } from '@modelspace/native';
import { SeededDropout } from './layers/seeded-dropout.ts';
import type { BuiltLayer, BuiltModel } from './models.ts';

/**
 * The model as a net the whole native training step covers, made from its layers as planned
 * from the spec (models.ts modelPlan) and their variables: conv (any stride, valid or same
 * padding), pooling (max, average, L2), dropout, flatten, dense, activation (relu, tanh,
 * sigmoid, gelu, leaky relu) and batch-norm layers — one stack, or columns joined then a stack —
 * ending in a softmax (a dense softmax layer, or a linear dense layer and SoftmaxBeta), i.e. the
 * softmax, conv-net and layer-stack models, trained with the categorical loss. Null for the
 * logistic model (sigmoid units, binary loss): it keeps tfjs's step.
 */
export function stepNetOf(net: BuiltModel): StepNet | null {
  const head = headLayers(net.layers);
  if (!head) return null;
  const columns: StepColumn[] = [];
  for (const c of net.columns ?? []) {
    const layers = covered(c.layers.map(stepLayer));
    if (!layers) return null;
    columns.push({ transform: c.transform, layers });
  }
  return { inputShape: net.inputShape, ...(net.columns && { columns }), layers: head.layers, beta: head.beta };
}

/**
 * The stack ending in the softmax, its dense layer as linear, and the softmax's β (SoftmaxBeta's,
 * or −1, i.e. softmax(z), for a dense softmax layer); null for any other output.
 */
function headLayers(layers: BuiltLayer[]): { layers: StepLayer[]; beta: number } | null {
  const output = layers.at(-1);
  const before = layers.at(-2);
  let step: Array<StepLayer | null>;
  let beta: number;
  if (output?.kind === 'dense' && output.activation === 'softmax') {
    [step, beta] = [[...layers.slice(0, -1).map(stepLayer), dense(output, 'linear')], -1];
  } else if (output?.kind === 'softmax-beta' && before?.kind === 'dense' && before.activation === 'linear') {
    [step, beta] = [layers.slice(0, -1).map(stepLayer), output.beta];
  } else return null;
  const covers = covered(step);
  return covers && { layers: covers, beta };
}

/** All the layers, or null when the step does not run one of them. */
function covered(layers: Array<StepLayer | null>): StepLayer[] | null {
  return layers.every((l) => l !== null) ? (layers as StepLayer[]) : null;
}

/** A planned layer as a step layer (null: one the step does not run, e.g. a softmax inside a stack). */
function stepLayer(l: BuiltLayer): StepLayer | null {
  switch (l.kind) {
    case 'conv':
      return { kind: 'conv', ...weights(l.layer), strides: [l.stride, l.stride], padding: l.padding, activation: l.activation };
    case 'dense':
      return l.activation === 'softmax' ? null : dense(l, l.activation);
    case 'pool':
      return { kind: 'pool', type: l.type === 'average' ? 'avg' : l.type, size: [l.size, l.size], strides: [l.stride, l.stride] };
    case 'dropout': {
      const layer = l.layer;
      if (!(layer instanceof SeededDropout)) return null;
      return { kind: 'dropout', rate: l.rate, seed: () => layer.nextSeed() };
    }
    case 'flatten':
      return { kind: 'flatten' };
    case 'activation':
      return { kind: 'activation', activation: l.activation, alpha: l.alpha };
    case 'batch-norm': {
      const v = variables(l.layer, ['gamma', 'beta', 'moving_mean', 'moving_variance']);
      return { kind: 'batchNorm', gamma: v[0]!, beta: v[1]!, movingMean: v[2]!, movingVariance: v[3]!, momentum: l.momentum, epsilon: l.epsilon };
    }
    case 'softmax-beta':
      return null;
  }
}

function dense(l: BuiltLayer & { kind: 'dense' }, activation: 'linear' | 'relu' | 'tanh' | 'sigmoid'): StepLayer {
  return { kind: 'dense', ...weights(l.layer), activation };
}

/** A conv or dense layer's kernel and bias variables (tfjs-layers names them `<layer>/kernel`, `<layer>/bias`). */
function weights(layer: BuiltLayer['layer']): { kernel: tf.Variable; bias: tf.Variable } {
  const [kernel, bias] = variables(layer, ['kernel', 'bias']);
  return { kernel: kernel!, bias: bias! };
}

/** A layer's variables by their tfjs-layers names (`<layer>/<name>`), trained or not. */
function variables(layer: BuiltLayer['layer'], names: string[]): tf.Variable[] {
  return names.map((name) => {
    const w = layer.weights.find((v) => v.originalName.endsWith(`/${name}`));
    if (!w) throw new Error(`layer ${layer.name} has no ${name}`);
    return w.read() as tf.Variable;
  });
}

/**
 * The trainer's step as one native call for this model (see stepNetOf) with `optimizer` (SGD
 * momentum or Adam / AdamW, from makeOptimizer: the step reads its settings and rate and updates
 * its state), or null: not the 'native' backend, or a model it does not cover.
 */
export function wholeNativeStep(net: BuiltModel, optimizer: tf.Optimizer, variables: tf.Variable[]): NativeTrainingStep | null {
  const step = stepNetOf(net);
  return step && nativeTrainingStep(step, optimizer, variables);
}
