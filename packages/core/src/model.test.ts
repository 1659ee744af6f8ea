import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convNetArchitecture, convNetMapSizes } from './conv-architecture.ts';
import { ModelSpec, type ConvNetModel } from './model.ts';
import { validateSweepSpec } from './sweep-spec.ts';
import { SpecError } from './errors.ts';

/** The issues a sweep with one variant of `model` is refused with. */
function issuesOf(model: unknown): { field: string; reason: string }[] {
  try {
    validateSweepSpec({ name: 'x', variants: [{ model }] });
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
  return [];
}
const conv = (m: Record<string, unknown>) => ModelSpec.parse({ kind: 'convnet', ...m }) as ConvNetModel;

test('backbone specs parse to exactly what they did before the seed fields existed', () => {
  assert.deepEqual(ModelSpec.parse({ kind: 'softmax' }), { kind: 'softmax' });
  const old = { kind: 'convnet', activation: 'tanh', featureMaps: [8, 16], filterSize: 5, denseUnits: 64 };
  assert.deepEqual(ModelSpec.parse(old), old);
});

test('an absent optional field means the backbone network: 1 column, max 2/2 pooling, no dropout, 28x28', () => {
  const a = convNetArchitecture(conv({ featureMaps: [8, 16], filterSize: 5, denseUnits: 64 }));
  assert.deepEqual(a, {
    activation: 'relu',
    inputSize: 28,
    columns: ['identity'],
    conv: [
      { maps: 8, filter: 5 },
      { maps: 16, filter: 5 },
    ],
    dense: [64],
    pooling: { type: 'max', size: 2, stride: 2 },
    dropout: { placement: 'none', rate: 0.5, convRate: 0.25 },
  });
});

test('the seed fields parse with their defaults: L2, overlapping 3/2, dropout rates, 4x augmentation', () => {
  const m = conv({
    columns: 5,
    featureMaps: [64, 128, 32],
    filterSize: [5, 5, 2],
    denseUnits: [256, 128],
    pooling: { type: 'l2', size: 3 },
    dropout: { placement: 'conv-and-fc' },
    augmentation: {},
  });
  const a = convNetArchitecture(m);
  assert.deepEqual(a.columns, ['identity', 'transpose', 'flip-left-right', 'flip-up-down', 'rotate-180']);
  assert.deepEqual(
    a.conv.map((c) => c.filter),
    [5, 5, 2],
  );
  assert.deepEqual(a.dense, [256, 128]);
  assert.deepEqual(a.pooling, { type: 'l2', size: 3, stride: 2 });
  assert.deepEqual(a.dropout, { placement: 'conv-and-fc', rate: 0.5, convRate: 0.25 });
  assert.equal(a.inputSize, 32);
  assert.deepEqual(m.augmentation, { expansion: 4, maxRotation: 20 });
  // 32 →5→ 28 →3/2→ 13 →5→ 9 →3/2→ 4 →2→ 3 →3/2→ 1
  assert.deepEqual(
    convNetMapSizes(a).map((s) => s.pool),
    [13, 4, 1],
  );
});

test('map sizes follow the filters and the pooling, with augmentation widening the input to 32', () => {
  assert.deepEqual(convNetMapSizes(convNetArchitecture(conv({ featureMaps: [64, 64], filterSize: 5 }))), [
    { conv: 24, pool: 12 },
    { conv: 8, pool: 4 },
  ]);
  const overlapping = convNetArchitecture(conv({ featureMaps: [64, 64], pooling: { size: 3, stride: 2 } }));
  assert.deepEqual(convNetMapSizes(overlapping), [
    { conv: 24, pool: 11 },
    { conv: 7, pool: 3 },
  ]);
  const augmented = convNetArchitecture(conv({ featureMaps: [64, 64], augmentation: { expansion: 2 } }));
  assert.deepEqual(convNetMapSizes(augmented), [
    { conv: 28, pool: 14 },
    { conv: 10, pool: 5 },
  ]);
});

test('every family of the seed parses: logistic, softmax with β, conv net', () => {
  assert.deepEqual(ModelSpec.parse({ kind: 'logistic' }), { kind: 'logistic' });
  assert.deepEqual(ModelSpec.parse({ kind: 'softmax', beta: 2.5 }), { kind: 'softmax', beta: 2.5 });
  assert.equal(ModelSpec.parse({ kind: 'logistic', augmentation: { expansion: 2 } }).augmentation?.maxRotation, 20);
});

test('impossible architectures are refused naming the field and the reason', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ kind: 'convnet', filterSize: 29 }, 'variants.0.model.filterSize', /filter 29x29 is larger than the 28x28 input of conv layer 1/],
    [{ kind: 'convnet', featureMaps: [8, 8], filterSize: [5, 13] }, 'variants.0.model.filterSize.1', /filter 13x13 is larger than the 12x12 input of conv layer 2/],
    [{ kind: 'convnet', featureMaps: [8, 8, 8], filterSize: [5, 5] }, 'variants.0.model.filterSize', /2 filter sizes for 3 conv layers/],
    [
      { kind: 'convnet', featureMaps: [8, 8], filterSize: 5, pooling: { size: 5, stride: 4 } },
      'variants.0.model.featureMaps.1',
      /conv layer 2 leaves a 1x1 map that 5x5 pooling \(stride 4\) shrinks below 1x1: drop this layer/,
    ],
    // Default pooling: still named on the layer, never on a filterSize the user may not have given.
    [{ kind: 'convnet', featureMaps: [8, 8, 8], filterSize: 4 }, 'variants.0.model.featureMaps.2', /conv layer 3 leaves a 1x1 map that 2x2 pooling \(stride 2\) shrinks below 1x1/],
    [{ kind: 'convnet', featureMaps: [8, 8, 8], filterSize: 5 }, 'variants.0.model.filterSize', /larger than the 4x4 input of conv layer 3/],
    [{ kind: 'convnet', columns: 0 }, 'variants.0.model.columns', /at least 1 column/],
    [{ kind: 'convnet', columns: 6 }, 'variants.0.model.columns', /at most 5 columns/],
    [{ kind: 'convnet', featureMaps: [] }, 'variants.0.model.featureMaps', /at least 1 conv layer/],
    [{ kind: 'convnet', dropout: { placement: 'all-fc', rate: 1 } }, 'variants.0.model.dropout.rate', /\[0, 1\)/],
    [{ kind: 'convnet', dropout: { placement: 'conv-and-fc', convRate: -0.1 } }, 'variants.0.model.dropout.convRate', /./],
    [{ kind: 'convnet', dropout: { placement: 'everywhere' } }, 'variants.0.model.dropout.placement', /none.*one-fc/],
    [{ kind: 'convnet', activation: 'swish' }, 'variants.0.model.activation', /relu/],
    [{ kind: 'convnet', pooling: { type: 'median' } }, 'variants.0.model.pooling.type', /max/],
    [{ kind: 'softmax', beta: 0 }, 'variants.0.model.beta', /beta 0/],
    [{ kind: 'logistic', augmentation: { expansion: 0 } }, 'variants.0.model.augmentation.expansion', /./],
    [{ kind: 'mlp' }, 'variants.0.model.kind', /unknown model kind "mlp": expected one of "logistic", "softmax", "convnet"/],
  ];
  for (const [model, field, reason] of cases) {
    const issues = issuesOf(model);
    assert.equal(issues.length, 1, `${JSON.stringify(model)}: ${JSON.stringify(issues)}`);
    assert.equal(issues[0]!.field, field, JSON.stringify(model));
    assert.match(issues[0]!.reason, reason, JSON.stringify(model));
  }
});
