import { hash } from 'node:crypto';

/**
 * The normalised form of a variant (model with its defaults, training fully resolved) and
 * its hash: two definitions that train the same thing hash the same, whatever their key
 * order or which defaults they spelled out. The database makes the hash unique per sweep.
 */
export function canonicalJson(value: unknown): string {
  // Loops, concatenation and cached quoted keys rather than entries/map/join: every variant
  // of a 10,000-variant sweep is hashed through here. Same output as the obvious form.
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'null') : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) s += (i ? ',' : '') + (canonicalJson(value[i]) ?? '');
    return `${s}]`;
  }
  const keys = Object.keys(value);
  if (!isSorted(keys)) keys.sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    s += `${(first ? '' : ',') + quoted(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${s}}`;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/** JSON.stringify of object keys, remembered for the few keys variants have (bounded). */
const QUOTED = new Map<string, string>();
function quoted(key: string): string {
  let q = QUOTED.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (QUOTED.size < 10_000) QUOTED.set(key, q);
  }
  return q;
}

export function variantHash(normalised: { model: unknown; training: unknown }): string {
  return hash('sha256', canonicalJson({ model: normalised.model, training: normalised.training }));
}

/** One changed leaf between two variants; a list of numbers counts as one leaf ("featureMaps"), a layer stack's layers by index ("layers.1.filters"). */
export interface Change {
  path: string;
  from?: unknown;
  to?: unknown;
}

/**
 * Whether a list is followed into by index, like an object: one that holds objects (a layer
 * stack's layers), so a change reads "layers.1.filters 16 → 32", not as the whole list. A list
 * of scalars ("featureMaps": [32, 64]) stays one leaf.
 */
export function followedList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.some((e) => e !== null && typeof e === 'object' && !Array.isArray(e));
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (followedList(value)) {
    for (let i = 0; i < value.length; i++) flatten(value[i], prefix ? `${prefix}.${i}` : String(i), out);
  } else if (value !== undefined) out.set(prefix, value);
  return out;
}

/** A variant's leaves by dotted path (lists of scalars are one leaf, lists of objects are followed). */
export function flattenVariant(value: unknown): Map<string, unknown> {
  return flatten(value, '', new Map());
}

/** The leaves that differ between parent and child, sorted by path. */
export function diffVariants(parent: unknown, child: unknown): Change[] {
  const a = flatten(parent, '', new Map());
  const b = flatten(child, '', new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => canonicalJson(a.get(p)) !== canonicalJson(b.get(p)))
    .map((p) => ({ path: p, ...(a.has(p) ? { from: a.get(p) } : {}), ...(b.has(p) ? { to: b.get(p) } : {}) }));
}

const scalar = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
const show = (v: unknown) => (Array.isArray(v) ? `[${v.map(scalar).join(', ')}]` : scalar(v));

/**
 * A variant field's name as people write it: "model.activation" → "activation",
 * "training.learningRate" → "learningRate", and a program's "model.params.lr" → "lr".
 */
export function shortPath(path: string): string {
  return path.startsWith('model.params.') ? path.slice('model.params.'.length) : path.replace(/^(model|training)\./, '');
}

/** "activation relu → tanh", "+ dropout 0.5", "− columns": how an edge of the path reads. */
export function changeLabel(c: Change): string {
  const name = shortPath(c.path);
  if (!('from' in c)) return `+ ${name} ${show(c.to)}`;
  if (!('to' in c)) return `− ${name}`;
  return `${name} ${show(c.from)} → ${show(c.to)}`;
}

export function diffLabel(changes: Change[]): string {
  return changes.map(changeLabel).join(', ');
}
