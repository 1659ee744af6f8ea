import type { Assignment, Param, ParamValue, SearchSpace } from './space.ts';
import { shortPath } from './variant.ts';

/** A variant as the search builds it, before validation: `{model, training}` plain objects. */
export interface RawVariant {
  name?: string;
  model: Record<string, unknown>;
  training?: Record<string, unknown>;
}

/**
 * A deep copy of plain data (what a parsed definition holds), several times faster than
 * structuredClone, which a 10,000-point grid calls for every point; anything else goes
 * to structuredClone.
 */
export function clonePlain<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(clonePlain) as T;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = clonePlain((v as Record<string, unknown>)[k]);
    // An own "__proto__" key (JSON can have one) stays a key, as structuredClone keeps it.
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out as T;
}
const clone = clonePlain;

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * Sets a dotted path, creating objects (or arrays, for numeric segments) on the way; `null`
 * deletes the field instead, so the variant falls back to the model's default for it.
 */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: Record<string, unknown> = obj;
  keys.slice(0, -1).forEach((key, i) => {
    if (cur[key] === null || typeof cur[key] !== 'object') cur[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    else cur[key] = clone(cur[key]);
    cur = cur[key] as Record<string, unknown>;
  });
  if (value === null) delete cur[keys.at(-1)!];
  else cur[keys.at(-1)!] = clone(value);
}

/** Whether a parameter's condition holds on a partly built variant. */
export function isActive(p: Param, partial: unknown): boolean {
  return Object.entries(p.when ?? {}).every(([dep, allowed]) => {
    const v = getPath(partial, dep) ?? null; // a field removed by null reads as null
    return allowed.some((a) => a === v);
  });
}

/**
 * Decides the parameters in declaration order, asking `choose` only for those whose
 * condition holds given the values decided so far (and the base): conditional parameters
 * are simply absent from the assignment when their condition fails.
 */
export function decide(space: SearchSpace, choose: (path: string, param: Param) => ParamValue): Assignment {
  const partial = clone(space.base) as Record<string, unknown>;
  const out: Assignment = {};
  for (const [path, p] of Object.entries(space.parameters)) {
    if (!isActive(p, partial)) continue;
    const value = choose(path, p);
    out[path] = value;
    setPath(partial, path, value);
  }
  return out;
}

/** The variant an assignment describes: the base with each parameter written in. */
export function applyAssignment(space: SearchSpace, params: Assignment): RawVariant {
  const v = clone(space.base) as Record<string, unknown>;
  for (const [path, value] of Object.entries(params)) setPath(v, path, value);
  return { model: (v.model ?? {}) as Record<string, unknown>, ...(v.training ? { training: v.training as Record<string, unknown> } : {}) };
}

/** A short human name for a proposed variant: "activation=tanh learningRate=0.01". */
export function assignmentName(params: Assignment, space: SearchSpace): string {
  const parts = Object.entries(params)
    .filter(([path]) => space.parameters[path]?.type !== 'fixed')
    .map(([path, v]) => `${shortPath(path)}=${fmt(v)}`);
  return parts.join(' ') || 'base';
}

function fmt(v: ParamValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
  if (v === null) return 'none';
  if (Array.isArray(v)) return `[${v.map((x) => fmt(x)).join(',')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}:${x}`)
      .join(',')}}`;
  return String(v);
}
