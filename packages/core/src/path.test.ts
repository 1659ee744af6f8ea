import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { NEAREST_PARENT_WINDOW, nearestParent } from './path.ts';
import { diffVariants } from './space/variant.ts';

type V = { model: Record<string, unknown>; training: Record<string, unknown> };

// The definition nearestParent is optimised from: among the latest NEAREST_PARENT_WINDOW
// earlier variants, the one with the fewest changed leaves, the latest on a tie.
function reference(earlier: readonly V[], variant: V) {
  let best: { parent: V; count: number } | null = null;
  for (const candidate of earlier.slice(Math.max(0, earlier.length - NEAREST_PARENT_WINDOW))) {
    const count = diffVariants({ model: candidate.model, training: candidate.training }, variant).length;
    if (!best || count <= best.count) best = { parent: candidate, count };
  }
  return best && { parent: best.parent, changes: diffVariants({ model: best.parent.model, training: best.parent.training }, variant) };
}

const leaf = fc.oneof(fc.constantFrom('relu', 'tanh', null, true), fc.integer({ min: 0, max: 3 }), fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }));
// Few distinct keys and values, so variants share most leaves and ties are common.
const variant: fc.Arbitrary<V> = fc.record({
  model: fc
    .dictionary(fc.constantFrom('kind', 'activation', 'featureMaps', 'denseUnits'), leaf, { maxKeys: 4 })
    .chain((m) => fc.option(fc.dictionary(fc.constantFrom('rate', 'placement'), leaf, { maxKeys: 2 }), { nil: undefined }).map((dropout) => (dropout ? { ...m, dropout } : m))),
  training: fc.dictionary(fc.constantFrom('seed', 'maxEpochs', 'learningRate'), leaf, { maxKeys: 3 }),
});

test('nearestParent picks the parent and changes the definition gives', () => {
  fc.assert(
    fc.property(fc.array(variant, { maxLength: NEAREST_PARENT_WINDOW + 8 }), variant, (earlier, v) => {
      // Fresh copies too: the leaves are cached per object, and must not leak between them.
      for (const target of [v, structuredClone(v)]) {
        const got = nearestParent(earlier, target);
        const want = reference(earlier, target);
        assert.equal(got?.parent, want?.parent);
        assert.deepEqual(got?.changes, want?.changes);
      }
    }),
    { numRuns: 500 },
  );
});

test('keys that spell the same dotted path are compared as flattenVariant sees them', () => {
  const a: V = { model: { dropout: { rate: 0.5 } }, training: {} };
  const b: V = { model: { 'dropout.rate': 0.5 }, training: {} };
  const c: V = { model: { 'dropout.rate': 0.25 }, training: {} };
  assert.deepEqual(nearestParent([a, c], b), reference([a, c], b));
  assert.deepEqual(nearestParent([a], b)?.changes, []);
});
