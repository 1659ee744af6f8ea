import { COLUMN_TRANSFORMS, DEFAULT_LEAKY_ALPHA, layerStackIssues, poolStride, type LayerActivation, type LayersModel, type StackLayer } from '@modelspace/core';
import type { ModelPlan, PlannedLayer } from './models.ts';

/** The activations a conv or dense layer of tfjs-layers applies itself (the seed kinds' set). */
const IN_LAYER = new Set<LayerActivation>(['relu', 'tanh', 'sigmoid']);
const POOL_TYPES = { maxPool: 'max', avgPool: 'average', l2Pool: 'l2' } as const;

/**
 * The plan of a layer stack on images of `inputShape` ([h, w, c] as the model sees them) in `classes` classes: the stack (once, or per column on the column's
 * input transformation), then the appended output, a dense softmax with one unit per class.
 * A conv or dense layer's relu, tanh or sigmoid stays inside the layer (as the seed kinds'
 * do); gelu and leakyRelu follow it as an activation layer of their own (tfjs-layers' Dense and
 * Conv2D have no leaky relu; the same layer both ways keeps one code path for the native step).
 * Throws (naming the layer) when the stack does not fit the images: the API refuses such a
 * spec for the built-in datasets before it reaches a trainer.
 */
export function layersPlan(model: LayersModel, inputShape: [number, number, number], classes: number): ModelPlan {
  const issue = layerStackIssues(model, inputShape)[0];
  if (issue) throw new RangeError(`model.${issue.path.join('.')}: ${issue.message} (input ${inputShape.join('x')})`);
  const stack = model.layers.flatMap(planned);
  const output: PlannedLayer[] = [{ kind: 'dense', units: classes, activation: 'softmax' }];
  const columns = model.columns ?? 1;
  if (columns === 1) return { inputShape, layers: [...stack, ...output] };
  return { inputShape, columns: COLUMN_TRANSFORMS.slice(0, columns).map((transform) => ({ transform, layers: stack.map((l) => ({ ...l })) })), layers: output };
}

function planned(l: StackLayer): PlannedLayer[] {
  switch (l.type) {
    case 'conv2d':
    case 'dense': {
      const inside = l.activation && IN_LAYER.has(l.activation) ? (l.activation as 'relu' | 'tanh' | 'sigmoid') : 'linear';
      const layer: PlannedLayer =
        l.type === 'conv2d'
          ? { kind: 'conv', filters: l.filters, size: l.kernel, stride: l.stride, padding: l.padding, activation: inside }
          : { kind: 'dense', units: l.units, activation: inside };
      return l.activation && inside === 'linear' ? [layer, activation(l.activation, l.alpha)] : [layer];
    }
    case 'maxPool':
    case 'avgPool':
    case 'l2Pool':
      return [{ kind: 'pool', type: POOL_TYPES[l.type], size: l.size, stride: poolStride(l) }];
    case 'dropout':
      return [{ kind: 'dropout', rate: l.rate }];
    case 'batchNorm':
      return [{ kind: 'batch-norm', momentum: l.momentum, epsilon: l.epsilon }];
    case 'activation':
      return [activation(l.activation, l.alpha)];
    case 'flatten':
      return [{ kind: 'flatten' }];
  }
}

function activation(fn: LayerActivation, alpha: number | undefined): PlannedLayer {
  return { kind: 'activation', activation: fn, alpha: alpha ?? DEFAULT_LEAKY_ALPHA };
}
