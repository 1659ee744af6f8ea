import type { FieldIssue } from './errors.ts';
import { fieldPath } from './sweep-spec.ts';

// Postgres text and jsonb cannot hold U+0000, and a lone UTF-16 surrogate is not Unicode
// (it has no UTF-8 form): either would fail only when written, as a 500.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point (Postgres text cannot hold it)
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u; // with the u flag a well-formed pair is one code point

function problemOf(text: string): string | null {
  if (NUL.test(text)) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which is not Unicode text';
  return null;
}

/**
 * Every string (and object key) in a decoded request that could not be stored, named by its
 * field path. Checked at the edge, before any schema, so a dry run refuses what the real
 * request would; at most `max` issues, walked without recursion.
 */
export function unstorableTextIssues(value: unknown, max = 20): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: [unknown, PropertyKey[]][] = [[value, []]];
  while (stack.length && issues.length < max) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const reason = problemOf(v);
      if (reason) issues.push({ field: fieldPath(path), reason });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const entries = Array.isArray(v) ? v.map((item, i) => [i, item] as const) : Object.entries(v);
    // Pushed in reverse so issues come out in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const keyReason = typeof key === 'string' ? problemOf(key) : null;
      if (keyReason) issues.push({ field: fieldPath([...path, key]), reason: `its name ${keyReason}` });
      else stack.push([child, [...path, key]]);
    }
  }
  return issues.slice(0, max);
}
