import { convNetArchitecture } from './conv-architecture.ts';
import type { LayersModel, StackLayer } from './layer-stack.ts';
import { softmaxBeta, type ConvNetModel, type ModelSpec } from './model.ts';

const POOLS = { max: 'maxPool', average: 'avgPool', l2: 'l2Pool' } as const;

/**
 * A seed kind spelled as a layer stack (docs/model-space.md, "shorthands"): the same layers in
 * the same order, so the trainer plans and builds the same network from either (a test holds
 * the plans equal). Null where `layers` cannot say it: the logistic model (sigmoid units, binary
 * loss), softmax with β ≠ −1, and a multi-column conv net with dropout before its output (a
 * stack's columns are joined straight into the output layer).
 */
export function asLayerStack(model: ModelSpec): LayersModel | null {
  const augmentation = model.augmentation ? { augmentation: model.augmentation } : {};
  if (model.kind === 'layers') return model;
  if (model.kind === 'softmax') return softmaxBeta(model) === -1 ? { kind: 'layers', layers: [{ type: 'flatten' }], ...augmentation } : null;
  if (model.kind === 'logistic') return null;
  return convNetStack(model, augmentation);
}

function convNetStack(model: ConvNetModel, augmentation: Pick<LayersModel, 'augmentation'>): LayersModel | null {
  const a = convNetArchitecture(model);
  const { placement, rate, convRate } = a.dropout;
  if (a.columns.length > 1 && placement !== 'none') return null;
  const layers: StackLayer[] = [];
  for (const c of a.conv) {
    layers.push({ type: 'conv2d', filters: c.maps, kernel: c.filter, stride: 1, padding: 'valid', activation: a.activation });
    layers.push({ type: POOLS[a.pooling.type], size: a.pooling.size, stride: a.pooling.stride });
    if (placement === 'conv-and-fc') layers.push({ type: 'dropout', rate: convRate });
  }
  layers.push({ type: 'flatten' });
  for (const units of a.dense) {
    if (placement === 'all-fc' || placement === 'conv-and-fc') layers.push({ type: 'dropout', rate });
    layers.push({ type: 'dense', units, activation: a.activation });
  }
  if (placement !== 'none') layers.push({ type: 'dropout', rate });
  return { kind: 'layers', layers, ...(a.columns.length > 1 ? { columns: a.columns.length } : {}), ...augmentation };
}
