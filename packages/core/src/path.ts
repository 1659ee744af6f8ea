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

/**
 * A variant's leaves: each path as a small integer (interned below) with its canonical
 * value, and the raw values in path order for the diff. Computed once per variant object:
 * a 10,000-variant step compares each variant with NEAREST_PARENT_WINDOW others.
 */
interface Leaves {
  ids: Int32Array;
  canon: string[];
  /** Paths sorted (as diffVariants sorts them), with their raw and canonical values. */
  sorted: { path: string; raw: unknown; canon: string }[];
  generation: number;
}

/**
 * Path → id. Paths come from schema-checked models and training settings, so there are few;
 * the table starts over (a new generation: cached leaves are recomputed) if it ever grows large.
 */
const pathIds = new Map<string, number>();
const MAX_PATH_IDS = 100_000;
let generation = 0;
function pathId(path: string): number {
  let id = pathIds.get(path);
  if (id === undefined) pathIds.set(path, (id = pathIds.size));
  return id;
}

const leavesOf = new WeakMap<object, Leaves>();
function leaves(v: { model: unknown; training: unknown }): Leaves {
  const cached = leavesOf.get(v);
  if (cached && cached.generation === generation) return cached;
  const sorted = [...flattenVariant({ model: v.model, training: v.training })]
    .map(([path, raw]) => ({ path, raw, canon: canonicalJson(raw) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (pathIds.size + sorted.length > MAX_PATH_IDS) {
    pathIds.clear();
    generation++;
  }
  const out: Leaves = { ids: Int32Array.from(sorted, (l) => pathId(l.path)), canon: sorted.map((l) => l.canon), sorted, generation };
  leavesOf.set(v, out);
  return out;
}

/** The target's canonical values by path id, filled for one nearestParent call. */
const slot: (string | undefined)[] = [];

/** Fields that differ (changed, added or removed) between a candidate and the target in `slot`. */
function changeCount(candidate: Leaves, targetSize: number): number {
  let n = 0;
  let shared = 0;
  const { ids, canon } = candidate;
  for (let i = 0; i < ids.length; i++) {
    const t = slot[ids[i]!];
    if (t === undefined) n++;
    else {
      shared++;
      if (t !== canon[i]) n++;
    }
  }
  return n + targetSize - shared;
}

/** diffVariants(parent, child) from cached leaves: the same changes, sorted by path. */
function diffLeaves(a: Leaves, b: Leaves): Change[] {
  const out: Change[] = [];
  let i = 0;
  let j = 0;
  while (i < a.sorted.length || j < b.sorted.length) {
    const x = a.sorted[i];
    const y = b.sorted[j];
    if (x && (!y || x.path < y.path)) {
      out.push({ path: x.path, from: x.raw });
      i++;
    } else if (y && (!x || y.path < x.path)) {
      out.push({ path: y.path, to: y.raw });
      j++;
    } else {
      if (x!.canon !== y!.canon) out.push({ path: x!.path, from: x!.raw, to: y!.raw });
      i++;
      j++;
    }
  }
  return out;
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
  const from = Math.max(0, earlier.length - NEAREST_PARENT_WINDOW);
  const all = () => ({ target: leaves(variant), candidates: earlier.slice(from).map(leaves) });
  let { target, candidates } = all();
  // The path table started over half-way: once more, all in the new generation.
  if (candidates.some((c) => c.generation !== target.generation)) ({ target, candidates } = all());
  for (let k = 0; k < target.ids.length; k++) slot[target.ids[k]!] = target.canon[k];
  let best = -1;
  let bestCount = Infinity;
  try {
    for (let k = 0; k < candidates.length; k++) {
      const count = changeCount(candidates[k]!, target.ids.length);
      if (count <= bestCount) [best, bestCount] = [k, count];
    }
  } finally {
    for (let k = 0; k < target.ids.length; k++) slot[target.ids[k]!] = undefined;
  }
  if (best < 0) return null;
  return { parent: earlier[from + best]!, changes: diffLeaves(candidates[best]!, target) };
}
