/** Types of modelspace-layers.js (plain JS so browsers and plain Node can load it as is). */
type LayerClass = (new (args: any) => any) & { className: string };

export interface ModelspaceLayerClasses {
  L2Pooling2D: LayerClass;
  SoftmaxBeta: LayerClass;
  SeededDropout: LayerClass;
  ColumnInput: LayerClass;
}

export function defineModelspaceLayers(tf: unknown): ModelspaceLayerClasses;
export function registerModelspaceLayers(tf: unknown): ModelspaceLayerClasses;
