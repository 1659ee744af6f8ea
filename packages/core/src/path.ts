import { diffLabel, diffVariants, type Change } from './space/variant.ts';

/**
 * The model-space path of a sweep: every trial is a node, every parent → child derivation
 * an edge labelled with what changed, and `order` the order in which trials were proposed.
 */
export interface PathTrial {
  id: string;
  order: number;
  name: string;
  status: string;
  model: unknown;
  training: unknown;
  metric: number | null;
  parentId: string | null;
  diff: Change[] | null;
}

export interface PathNode {
  id: string;
  order: number;
  name: string;
  state: string;
  metric: number | null;
  variant: { model: unknown; training: unknown };
}

export interface PathEdge {
  from: string;
  to: string;
  label: string;
  changes: Change[];
}

export interface ModelSpacePath {
  nodes: PathNode[];
  edges: PathEdge[];
  order: string[];
}

export function buildPath(trials: readonly PathTrial[]): ModelSpacePath {
  const sorted = [...trials].sort((a, b) => a.order - b.order);
  const byId = new Map(sorted.map((t) => [t.id, t]));
  const edges: PathEdge[] = [];
  for (const t of sorted) {
    const parent = t.parentId ? byId.get(t.parentId) : undefined;
    if (!parent) continue;
    const changes = t.diff ?? diffVariants({ model: parent.model, training: parent.training }, { model: t.model, training: t.training });
    edges.push({ from: parent.id, to: t.id, label: diffLabel(changes), changes });
  }
  return {
    nodes: sorted.map((t) => ({ id: t.id, order: t.order, name: t.name, state: t.status, metric: t.metric, variant: { model: t.model, training: t.training } })),
    edges,
    order: sorted.map((t) => t.id),
  };
}

/**
 * For methods that do not derive one variant from another (grid, random, TPE, lists):
 * the parent is the earlier variant closest to it (fewest changed fields, latest on a tie),
 * so the path still reads as a sequence of small steps.
 */
export function nearestParent<T extends { model: unknown; training: unknown }>(
  earlier: readonly T[],
  variant: { model: unknown; training: unknown },
): { parent: T; changes: Change[] } | null {
  let best: { parent: T; changes: Change[] } | null = null;
  for (const candidate of earlier) {
    const changes = diffVariants({ model: candidate.model, training: candidate.training }, variant);
    if (!best || changes.length <= best.changes.length) best = { parent: candidate, changes };
  }
  return best;
}
