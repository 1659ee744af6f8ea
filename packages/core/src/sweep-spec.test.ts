import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpecError } from './errors.ts';
import { parseSweepText, planTrials, validateSweepSpec } from './sweep-spec.ts';
import { TRAINING_DEFAULTS } from './training.ts';

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SpecError, `expected SpecError, got ${err}`);
    return err.issues;
  }
  assert.fail('expected the spec to be rejected');
}

test('a minimal spec gets the seed defaults and method "list"', () => {
  const spec = validateSweepSpec({ name: 'x', variants: [{ model: { kind: 'softmax' } }] });
  assert.equal(spec.method, 'list');
  assert.deepEqual(spec.objective, { metric: 'valError', goal: 'minimize' });
  const [trial] = planTrials(spec);
  assert.deepEqual(trial!.training, TRAINING_DEFAULTS);
  assert.equal(trial!.name, 'variant 1');
});

test('conv net fields default to a two-layer relu net with 5x5 filters', () => {
  const spec = validateSweepSpec({ name: 'x', variants: [{ model: { kind: 'convnet' } }] });
  assert.deepEqual(spec.variants![0]!.model, { kind: 'convnet', activation: 'relu', featureMaps: [32, 64], filterSize: 5, denseUnits: 128 });
});

test('variant training overrides sweep training, which overrides the defaults', () => {
  const spec = validateSweepSpec({
    name: 'x',
    training: { maxEpochs: 3, batchSize: 8 },
    variants: [
      { model: { kind: 'softmax' }, training: { batchSize: 1 } },
      { name: 'b', model: { kind: 'softmax' } },
    ],
  });
  const [a, b] = planTrials(spec);
  assert.equal(a!.training.maxEpochs, 3);
  assert.equal(a!.training.batchSize, 1);
  assert.equal(b!.training.batchSize, 8);
  assert.equal(b!.training.learningRate, TRAINING_DEFAULTS.learningRate);
  assert.equal(b!.name, 'b');
});

test('YAML and JSON texts parse to the same spec', () => {
  const json = parseSweepText('{"name": "x", "variants": [{"model": {"kind": "softmax"}}]}');
  const yaml = parseSweepText('name: x\nvariants:\n  - model: {kind: softmax}\n');
  assert.deepEqual(json, yaml);
});

test('each bad field is named with its reason', () => {
  const issues = issuesOf(() =>
    validateSweepSpec({
      name: '',
      speed: 'fast',
      training: { maxEpochs: 0, momentum: 1 },
      variants: [{ model: { kind: 'convnet', activation: 'swish', featureMaps: [] } }, { model: { kind: 'rnn' } }],
    }),
  );
  const fields = issues.map((i) => i.field).sort();
  assert.deepEqual(fields, ['name', 'speed', 'training.maxEpochs', 'training.momentum', 'variants.0.model.activation', 'variants.0.model.featureMaps', 'variants.1.model.kind']);
  assert.match(issues.find((i) => i.field === 'speed')!.reason, /unknown field/);
  assert.match(issues.find((i) => i.field === 'variants.1.model.kind')!.reason, /unknown model kind "rnn"/);
});

test('an empty variant list is refused', () => {
  const issues = issuesOf(() => validateSweepSpec({ name: 'x', variants: [] }));
  assert.deepEqual(issues, [{ field: 'variants', reason: 'a sweep needs at least one variant' }]);
});

test('a filter too large for the second conv layer is refused at submission', () => {
  // 11x11: 28 → 18 → pool 9, and an 11x11 filter cannot slide over 9x9.
  const issues = issuesOf(() => validateSweepSpec({ name: 'x', variants: [{ model: { kind: 'convnet', filterSize: 11 } }] }));
  assert.deepEqual(issues, [{ field: 'variants.0.model.filterSize', reason: 'filter 11x11 is larger than the 9x9 input of conv layer 2' }]);
  // 9x9: 28 → 20 → 10 → 2 → 1: the largest filter that still fits.
  validateSweepSpec({ name: 'x', variants: [{ model: { kind: 'convnet', filterSize: 9 } }] });
});

test('text that is neither YAML nor JSON is refused with the parser reason', () => {
  const issues = issuesOf(() => parseSweepText('name: [unclosed'));
  assert.match(issues[0]!.reason, /not valid YAML or JSON/);
});

test('YAML alias bombs and custom tags are refused', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join(
    '\n',
  );
  assert.match(issuesOf(() => parseSweepText(bomb))[0]!.reason, /not valid YAML or JSON/);
  assert.match(issuesOf(() => parseSweepText('name: !!js/function "x"\nvariants: []'))[0]!.reason, /not valid YAML or JSON/);
});

test('duplicate keys are refused rather than silently overwritten', () => {
  assert.match(issuesOf(() => parseSweepText('name: a\nname: b\nvariants: []'))[0]!.reason, /not valid YAML or JSON/);
});
