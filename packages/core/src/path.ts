import { canonicalJson, diffLabel, diffVariants, flattenVariant, followedList, type Change } from './space/variant.ts';

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
  if (id === undefined) {
    id = pathIds.size;
    pathIds.set(path, id);
  }
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

/** flattenVariant's walk (plain objects and lists of objects are followed, other lists and scalars are leaves); false if a path is ambiguous. */
function collect(value: unknown, node: PathTrieNode, out: Leaves): boolean {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      const c = child(node, key);
      if (c.ambiguous || !collect((value as Record<string, unknown>)[key], c, out)) return false;
    }
  } else if (followedList(value)) {
    for (let i = 0; i < value.length; i++) {
      const c = child(node, String(i));
      if (c.ambiguous || !collect(value[i], c, out)) return false;
    }
  } else if (value !== undefined) {
    out.ids.push(node.id);
    out.paths.push(node.path);
    out.raws.push(value);
    out.canon.push(canonicalJson(value));
  }
  return true;
}

// Module-level functions, not closures, on the hot paths: tsx (keepNames) names every
// closure it creates, which costs more than the closure's work here.
function emptyLeaves(): Leaves {
  return { ids: [], paths: [], raws: [], canon: [], generation };
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
  let out = emptyLeaves();
  if (!collect({ model: v.model, training: v.training }, root, out)) {
    // Two keys that spell the same dotted path: flattenVariant keeps the last one.
    out = emptyLeaves();
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

/** The target's leaf index by path id, filled for one nearestParent call. */
const slot: (number | undefined)[] = [];

/** Fields that differ (changed, added or removed) between a candidate and the target in `slot`. */
function changeCount(candidate: Leaves, target: Leaves): number {
  let n = 0;
  let shared = 0;
  const { ids, canon } = candidate;
  for (let i = 0; i < ids.length; i++) {
    const k = slot[ids[i]!];
    if (k === undefined) n++;
    else {
      shared++;
      if (target.canon[k] !== canon[i]) n++;
    }
  }
  return n + target.ids.length - shared;
}

const byPath = (a: Change, b: Change) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** diffVariants(parent, target) from cached leaves (the target's in `slot`): the same changes, sorted by path. */
function diffLeaves(parent: Leaves, target: Leaves): Change[] {
  const out: Change[] = [];
  const matched = new Uint8Array(target.ids.length);
  for (let i = 0; i < parent.ids.length; i++) {
    const k = slot[parent.ids[i]!];
    if (k === undefined) out.push({ path: parent.paths[i]!, from: parent.raws[i] });
    else {
      matched[k] = 1;
      if (target.canon[k] !== parent.canon[i]) out.push({ path: parent.paths[i]!, from: parent.raws[i], to: target.raws[k] });
    }
  }
  for (let k = 0; k < target.ids.length; k++) if (!matched[k]) out.push({ path: target.paths[k]!, to: target.raws[k] });
  return out.sort(byPath);
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
  if (from === earlier.length) return null;
  let target = leaves(variant);
  const candidates: Leaves[] = [];
  for (let i = from; i < earlier.length; i++) candidates.push(leaves(earlier[i]!));
  if (candidates.some((c) => c.generation !== generation) || target.generation !== generation) {
    // The path table started over half-way: once more, all in the new generation.
    target = leaves(variant);
    for (let i = from; i < earlier.length; i++) candidates[i - from] = leaves(earlier[i]!);
  }
  for (let k = 0; k < target.ids.length; k++) slot[target.ids[k]!] = k;
  try {
    let best = 0;
    let bestCount = Infinity;
    for (let k = 0; k < candidates.length; k++) {
      const count = changeCount(candidates[k]!, target);
      if (count <= bestCount) [best, bestCount] = [k, count];
    }
    return { parent: earlier[from + best]!, changes: diffLeaves(candidates[best]!, target) };
  } finally {
    for (let k = 0; k < target.ids.length; k++) slot[target.ids[k]!] = undefined;
  }
}
