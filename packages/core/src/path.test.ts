import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { NEAREST_PARENT_WINDOW, nearestParent } from './path.ts';
import { diffLabel, diffVariants } from './space/variant.ts';

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

// A layer stack's list of objects is followed by index (its layers' fields are leaves).
const layers = fc.array(fc.record({ type: fc.constantFrom('conv2d', 'flatten'), filters: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: ['type'] }), { maxLength: 3 });
const leaf = fc.oneof(fc.constantFrom('relu', 'tanh', null, true), fc.integer({ min: 0, max: 3 }), fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }), layers);
// Few distinct keys and values, so variants share most leaves and ties are common.
const variant: fc.Arbitrary<V> = fc.record({
  model: fc
    .dictionary(fc.constantFrom('kind', 'activation', 'featureMaps', 'denseUnits', 'layers'), leaf, { maxKeys: 4 })
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

test("a layer stack's changes read by layer and field, a list of numbers as one field", () => {
  const stack = (filters: number, pool: string) => ({ model: { kind: 'layers', featureMaps: [filters], layers: [{ type: 'conv2d', filters }, { type: pool }] }, training: {} });
  const [parent, child] = [stack(16, 'maxPool'), stack(32, 'avgPool')];
  const got = nearestParent([parent], child);
  assert.deepEqual(
    got?.changes.map((c) => c.path),
    ['model.featureMaps', 'model.layers.0.filters', 'model.layers.1.type'],
  );
  assert.equal(diffLabel(got!.changes), 'featureMaps [16] → [32], layers.0.filters 16 → 32, layers.1.type maxPool → avgPool');
  // A layer added at the end.
  const longer = { ...parent, model: { ...parent.model, layers: [...parent.model.layers, { type: 'flatten' }] } };
  assert.equal(diffLabel(diffVariants(parent, longer)), '+ layers.2.type flatten');
});
