import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson, diffVariants, variantHash } from './variant.ts';

// canonicalJson is written for speed; this is the obvious form it must agree with.
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

test('canonicalJson agrees with the obvious form on any JSON-like value', () => {
  const value = fc.letrec((tie) => ({
    any: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(null, undefined, 0, -0, 1.5, -1e21, NaN, Infinity, true, false, '', 'a"b\\c', 'é\u2028'),
      fc.double(),
      fc.string(),
      fc.array(tie('any'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 4 }), tie('any'), { maxKeys: 5 }),
    ),
  })).any;
  fc.assert(
    fc.property(value, (v) => assert.equal(canonicalJson(v), reference(v))),
    { numRuns: 2000 },
  );
});

test('key order and absent fields do not change the hash; values do', () => {
  const a = { model: { kind: 'convnet', featureMaps: [8, 16], denseUnits: 32 }, training: { seed: 1, maxEpochs: 3 } };
  const b = { training: { maxEpochs: 3, seed: 1, momentum: undefined }, model: { denseUnits: 32, featureMaps: [8, 16], kind: 'convnet' } };
  assert.equal(variantHash(a), variantHash(b));
  assert.equal(
    variantHash(a),
    createHash('sha256')
      .update(reference({ model: a.model, training: a.training }))
      .digest('hex'),
  );
  assert.notEqual(variantHash(a), variantHash({ ...a, training: { seed: 2, maxEpochs: 3 } }));
  assert.notEqual(variantHash(a), variantHash({ ...a, model: { ...a.model, featureMaps: [16, 8] } }));
});

test('diffVariants lists changed, added and removed leaves by path', () => {
  const from = { model: { kind: 'convnet', featureMaps: [8, 16], dropout: { rate: 0.5 } }, training: { seed: 1 } };
  const to = { model: { kind: 'convnet', featureMaps: [8, 32] }, training: { seed: 1, maxEpochs: 3 } };
  assert.deepEqual(diffVariants(from, to), [
    { path: 'model.dropout.rate', from: 0.5 },
    { path: 'model.featureMaps', from: [8, 16], to: [8, 32] },
    { path: 'training.maxEpochs', to: 3 },
  ]);
});
