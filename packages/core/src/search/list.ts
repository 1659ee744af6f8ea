import type { VariantSpec } from '../sweep-spec.ts';
import type { RawVariant } from '../space/assignment.ts';
import { takenHashes, tryPropose, type AskResult, type SearchContext } from './method.ts';

/**
 * Explicit variants, in order. Every method trains these first (a `list` sweep has only
 * these), so variants added to a running sweep are tried before the method's own.
 */
export function askExplicit(ctx: Omit<SearchContext, 'space'>, variants: readonly VariantSpec[]): AskResult {
  const taken = takenHashes(ctx.history);
  const proposals = [];
  for (const v of variants) {
    if (proposals.length >= ctx.n) break;
    const p = tryPropose(ctx as SearchContext, taken, null, v as unknown as RawVariant);
    if (p) proposals.push(p);
  }
  const remaining = variants.filter((v) => {
    const m = ctx.materialise(v as unknown as RawVariant);
    return m.ok && !taken.has(m.hash);
  });
  return { proposals, exhausted: remaining.length === 0 };
}
