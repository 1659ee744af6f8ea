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
 * A variant's leaves (path ids, dotted paths, raw values, canonical JSON), computed once
 * per variant object: a 10,000-variant step compares each variant with
 * NEAREST_PARENT_WINDOW others, by path id and canonical value.
 */
interface Leaves {
  ids: number[];
  paths: string[];
  raws: unknown[];
  canon: string[];
  /** Leaf indexes sorted by path, as diffVariants lists them (made when first needed). */
  order?: number[];
  generation: number;
}

/**
 * Dotted paths, as a trie walked along a variant's keys (no string is built per leaf), each
 * with an id. Paths come from schema-checked models and training settings, so there are
 * few; the table starts over (a new generation: cached leaves are recomputed) if it ever
 * grows large.
 */
interface PathTrieNode {
  path: string;
  id: number;
  /** A key on the way holds a dot or is empty: its path may equal another's (see flatten). */
  ambiguous: boolean;
  children: Map<string, PathTrieNode>;
}
const MAX_PATHS = 100_000;
let pathIds = new Map<string, number>();
let root: PathTrieNode = { path: '', id: -1, ambiguous: false, children: new Map() };
let generation = 0;

function pathId(path: string): number {
  let id = pathIds.get(path);
  if (id === undefined) pathIds.set(path, (id = pathIds.size));
  return id;
}

function child(node: PathTrieNode, key: string): PathTrieNode {
  let c = node.children.get(key);
  if (!c) {
    const path = node.path ? `${node.path}.${key}` : key;
    c = { path, id: pathId(path), ambiguous: node.ambiguous || key === '' || key.includes('.'), children: new Map() };
    node.children.set(key, c);
  }
  return c;
}

/** flattenVariant's walk (plain objects are followed, arrays and scalars are leaves); false if a path is ambiguous. */
function collect(value: unknown, node: PathTrieNode, out: Leaves): boolean {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      const c = child(node, key);
      if (c.ambiguous || !collect((value as Record<string, unknown>)[key], c, out)) return false;
    }
  } else if (value !== undefined) {
    out.ids.push(node.id);
    out.paths.push(node.path);
    out.raws.push(value);
    out.canon.push(typeof value === 'object' ? canonicalJson(value) : JSON.stringify(value));
  }
  return true;
}

const leavesOf = new WeakMap<object, Leaves>();
function leaves(v: { model: unknown; training: unknown }): Leaves {
  const cached = leavesOf.get(v);
  if (cached && cached.generation === generation) return cached;
  if (pathIds.size > MAX_PATHS) {
    pathIds = new Map();
    root = { path: '', id: -1, ambiguous: false, children: new Map() };
    generation++;
  }
  const empty = (): Leaves => ({ ids: [], paths: [], raws: [], canon: [], generation });
  let out = empty();
  if (!collect({ model: v.model, training: v.training }, root, out)) {
    // Two keys that spell the same dotted path: flattenVariant keeps the last one.
    out = empty();
    for (const [path, raw] of flattenVariant({ model: v.model, training: v.training })) {
      out.ids.push(pathId(path));
      out.paths.push(path);
      out.raws.push(raw);
      out.canon.push(canonicalJson(raw));
    }
  }
  leavesOf.set(v, out);
  return out;
}

function pathOrder(l: Leaves): number[] {
  const { paths } = l;
  return (l.order ??= paths.map((_, i) => i).sort((a, b) => (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : 0)));
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
  const oa = pathOrder(a);
  const ob = pathOrder(b);
  const out: Change[] = [];
  let i = 0;
  let j = 0;
  while (i < oa.length || j < ob.length) {
    const x = oa[i];
    const y = ob[j];
    const px = x === undefined ? undefined : a.paths[x]!;
    const py = y === undefined ? undefined : b.paths[y]!;
    if (px !== undefined && (py === undefined || px < py)) {
      out.push({ path: px, from: a.raws[x!] });
      i++;
    } else if (py !== undefined && (px === undefined || py < px)) {
      out.push({ path: py, to: b.raws[y!] });
      j++;
    } else {
      if (a.canon[x!] !== b.canon[y!]) out.push({ path: px!, from: a.raws[x!], to: b.raws[y!] });
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
