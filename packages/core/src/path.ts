import { canonicalJson, diffLabel, diffVariants, flattenVariant, type Change } from './space/variant.ts';

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

/** How many of the latest earlier variants a new one is compared with: keeps a 10,000-variant step linear. */
export const NEAREST_PARENT_WINDOW = 32;

/** Each variant's leaves as canonical strings, computed once per variant object. */
const leavesOf = new WeakMap<object, Map<string, string>>();
function leaves(v: { model: unknown; training: unknown }): Map<string, string> {
  let out = leavesOf.get(v);
  if (!out) {
    out = new Map([...flattenVariant({ model: v.model, training: v.training })].map(([k, x]) => [k, canonicalJson(x)]));
    leavesOf.set(v, out);
  }
  return out;
}

function changeCount(a: Map<string, string>, b: Map<string, string>): number {
  let n = 0;
  for (const [k, v] of a) if (b.get(k) !== v) n++;
  for (const k of b.keys()) if (!a.has(k)) n++;
  return n;
}

/**
 * For methods that do not derive one variant from another (grid, random, TPE, lists):
 * the parent is the earlier variant closest to it (fewest changed fields, latest on a tie),
 * so the path still reads as a sequence of small steps. Only the latest
 * NEAREST_PARENT_WINDOW earlier variants are candidates (all of them in sweeps that small).
 */
export function nearestParent<T extends { model: unknown; training: unknown }>(
  earlier: readonly T[],
  variant: { model: unknown; training: unknown },
): { parent: T; changes: Change[] } | null {
  const target = leaves(variant);
  let best: { parent: T; count: number } | null = null;
  for (let i = Math.max(0, earlier.length - NEAREST_PARENT_WINDOW); i < earlier.length; i++) {
    const candidate = earlier[i]!;
    const count = changeCount(leaves(candidate), target);
    if (!best || count <= best.count) best = { parent: candidate, count };
  }
  if (!best) return null;
  return { parent: best.parent, changes: diffVariants({ model: best.parent.model, training: best.parent.training }, variant) };
}
