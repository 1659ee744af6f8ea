import { convNetGeometryIssues } from '../conv-architecture.ts';
import { type DataShape, isMnistShaped } from '../data-shape.ts';
import type { FieldIssue } from '../errors.ts';
import { layerStackIssues } from '../layer-stack.ts';
import type { ModelSpec } from '../model.ts';

/**
 * Why a built-in model cannot train on images of `shape` (an uploaded dataset's), each issue
 * under `field` (the model's path in the sweep): augmentation needs 28x28x1 uint8 images, a
 * conv net's filters and pooling must fit the height and width, a layer stack its height,
 * width and channels, and a second column sees the images transposed (square images only).
 * The API checks a sweep's explicit variants with it; a worker checks every trial before it
 * trains (a search proposal is only known then).
 */
export function modelFitIssues(model: ModelSpec, shape: DataShape & { dtype: string }, field: string): FieldIssue[] {
  const dims = `${shape.height}x${shape.width}x${shape.channels}`;
  if (model.augmentation && !isMnistShaped(shape)) return [{ field: `${field}.augmentation`, reason: `augmentation is defined for 28x28x1 images; the dataset's are ${dims}` }];
  if (model.augmentation && shape.dtype !== 'uint8')
    return [{ field: `${field}.augmentation`, reason: `augmentation is defined for uint8 images; the dataset's are ${shape.dtype}` }];
  if (model.kind !== 'convnet' && model.kind !== 'layers') return [];
  if ((model.columns ?? 1) > 1 && shape.height !== shape.width) {
    return [{ field: `${field}.columns`, reason: `a second column sees the images transposed, which needs square images; the dataset's are ${dims}` }];
  }
  // A layer stack is checked against the images' own height, width and channels; a conv net's valid windows against the smaller side.
  const issues = model.kind === 'layers' ? layerStackIssues(model, [shape.height, shape.width, shape.channels]) : convNetGeometryIssues(model, Math.min(shape.height, shape.width));
  return issues.map((g) => ({ field: [field, ...g.path].join('.'), reason: g.message }));
}
