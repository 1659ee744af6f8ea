import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layerStackIssues, type LayersModel } from './layer-stack.ts';
import { ModelSpec } from './model.ts';
import { applyAssignment, assignmentName } from './space/assignment.ts';
import { gridAssignments } from './search/grid.ts';
import { SearchSpace } from './space/space.ts';
import { materialiser, startAssignment, validateSweepSpec } from './sweep-spec.ts';
import { SpecError } from './errors.ts';

const BN_NET = {
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 8, kernel: 3, padding: 'same' },
    { type: 'batchNorm' },
    { type: 'activation', activation: 'relu' },
    { type: 'maxPool' },
    { type: 'conv2d', filters: 16, kernel: 3, stride: 2, activation: 'gelu' },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: 32, activation: 'leakyRelu', alpha: 0.1 },
  ],
};

/** The issues a sweep with one variant of `model` (optionally on `dataset`) is refused with. */
function issuesOf(model: unknown, dataset?: string): { field: string; reason: string }[] {
  try {
    validateSweepSpec({ name: 'x', variants: [{ model, ...(dataset ? { training: { dataset } } : {}) }] });
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
  return [];
}
const stack = (...layers: unknown[]) => ({ kind: 'layers', layers });

describe('the layer stack kind', () => {
  it('parses with every default filled in (stride 1, valid padding, pool stride = size, Keras batch-norm defaults)', () => {
    const m = ModelSpec.parse(BN_NET) as LayersModel;
    assert.deepEqual(m.layers[0], { type: 'conv2d', filters: 8, kernel: 3, stride: 1, padding: 'same' });
    assert.deepEqual(m.layers[1], { type: 'batchNorm', momentum: 0.99, epsilon: 0.001 });
    assert.deepEqual(m.layers[3], { type: 'maxPool', size: 2 });
    assert.deepEqual(issuesOf(BN_NET), []);
    assert.deepEqual(issuesOf(BN_NET, 'fashion-mnist'), []);
  });

  it('fits the shapes TensorFlow computes: same padding keeps ceil(in / stride), valid shrinks', () => {
    // 28 →same 3→ 28 →pool 2→ 14 →valid 3 stride 2→ 6.
    assert.deepEqual(layerStackIssues(ModelSpec.parse(BN_NET) as LayersModel, [28, 28, 1]), []);
    // On 5x5 images the second conv's 3x3 kernel no longer fits the pooled 2x2 map.
    assert.deepEqual(layerStackIssues(ModelSpec.parse(BN_NET) as LayersModel, [5, 5, 1]), [
      { path: ['layers', 4, 'kernel'], message: 'layer 4 (conv2d): a 3x3 kernel is larger than its 2x2 input' },
    ]);
  });

  const refused: Array<[string, unknown, string, RegExp]> = [
    [
      'a dense layer before flatten',
      stack({ type: 'dense', units: 8 }, { type: 'flatten' }),
      'variants.0.model.layers.0.type',
      /layer 0 \(dense\) needs a flat input: add a flatten/,
    ],
    [
      'a conv after flatten',
      stack({ type: 'flatten' }, { type: 'conv2d', filters: 4, kernel: 3 }),
      'variants.0.model.layers.1.type',
      /layer 1 \(conv2d\) needs an HxWxC map, but a flatten before it/,
    ],
    ['a stack that does not end flat', stack({ type: 'conv2d', filters: 4, kernel: 3 }), 'variants.0.model.layers', /must end flat/],
    [
      'a pool larger than its input',
      stack({ type: 'conv2d', filters: 4, kernel: 5, stride: 4 }, { type: 'maxPool', size: 8 }, { type: 'flatten' }),
      'variants.0.model.layers.1.size',
      /layer 1 \(maxPool\): a 8x8 pool is larger than its 6x6 input/,
    ],
    [
      'a kernel larger than the image',
      stack({ type: 'conv2d', filters: 4, kernel: 29 }, { type: 'flatten' }),
      'variants.0.model.layers.0.kernel',
      /29x29 kernel is larger than its 28x28 input/,
    ],
    ['an unknown layer type', stack({ type: 'lstm' }), 'variants.0.model.layers.0.type', /unknown layer type "lstm": expected one of "conv2d"/],
    ['an unknown activation', stack({ type: 'activation', activation: 'swish' }, { type: 'flatten' }), 'variants.0.model.layers.0.activation', /gelu/],
    ['a dropout rate of 1', stack({ type: 'flatten' }, { type: 'dropout', rate: 1 }), 'variants.0.model.layers.1.rate', /\[0, 1\)/],
    ['an empty stack', stack(), 'variants.0.model.layers', /at least one layer/],
    [
      'alpha without leakyRelu',
      stack({ type: 'flatten' }, { type: 'dense', units: 4, activation: 'relu', alpha: 0.1 }),
      'variants.0.model.layers.1.alpha',
      /alpha is leakyRelu's slope below 0, but its activation is relu/,
    ],
  ];
  for (const [what, model, field, reason] of refused) {
    it(`refuses ${what}, naming the layer`, () => {
      const issues = issuesOf(model);
      assert.equal(issues.length, 1, JSON.stringify(issues));
      assert.equal(issues[0]!.field, field);
      assert.match(issues[0]!.reason, reason);
    });
  }

  it('a 32x32 input with augmentation: a stack that fits it is accepted', () => {
    const fits32 = stack({ type: 'conv2d', filters: 4, kernel: 30 }, { type: 'flatten' });
    assert.match(issuesOf(fits32)[0]!.reason, /30x30 kernel is larger than its 28x28 input/);
    assert.deepEqual(issuesOf({ ...fits32, augmentation: { expansion: 2 } }), []);
  });

  it('a search sets fields of a layer by its index (model.layers.1.filters), and a proposal that does not fit is infeasible with the reason', () => {
    const space = SearchSpace.parse({
      base: { model: stack({ type: 'conv2d', filters: 4, kernel: 3 }, { type: 'conv2d', filters: 4, kernel: 3 }, { type: 'flatten' }) },
      parameters: { 'model.layers.1.filters': { values: [8, 16] }, 'model.layers.0.kernel': { values: [3, 27] } },
    });
    const materialise = materialiser({ training: {} });
    const start = materialise(applyAssignment(space, startAssignment(space)));
    assert.ok(start.ok);
    assert.deepEqual(
      (start.model.layers as Array<{ filters?: number }>).map((l) => l.filters),
      [4, 8, undefined],
    );
    const tooBig = materialise(applyAssignment(space, { 'model.layers.1.filters': 16, 'model.layers.0.kernel': 27 }));
    assert.equal(tooBig.ok, false);
    assert.match((tooBig as { reason: string }).reason, /model\.layers\.1\.kernel: layer 1 \(conv2d\): a 3x3 kernel is larger than its 2x2 input/);
    // A whole layer as a value: the layer's other fields take their defaults.
    const whole = SearchSpace.parse({ base: space.base, parameters: { 'model.layers.1': { values: [{ type: 'maxPool' }, { type: 'avgPool', size: 3, stride: 1 }] } } });
    const pooled = materialise(applyAssignment(whole, { 'model.layers.1': { type: 'avgPool', size: 3, stride: 1 } }));
    assert.ok(pooled.ok);
    assert.deepEqual((pooled.model.layers as unknown[])[1], { type: 'avgPool', size: 3, stride: 1 });
    // The sweep itself names the space when its starting variant does not fit.
    assert.throws(
      () => validateSweepSpec({ name: 's', method: 'random', space: { ...space, parameters: { 'model.layers.0.kernel': { values: [27] } } } }),
      (e: unknown) => e instanceof SpecError && e.issues.some((i) => i.field === 'space' && /layers\.1\.kernel/.test(i.reason)),
    );
  });

  it('a search varies the depth of a stack with whole lists of layers as the values of model.layers; each list is checked and named', () => {
    const shallow = [{ type: 'flatten' }, { type: 'dense', units: 32, activation: 'relu' }];
    const conv = [{ type: 'conv2d', filters: 8, kernel: 3 }, { type: 'maxPool' }, { type: 'flatten' }];
    const deep = [{ type: 'conv2d', filters: 8, kernel: 3 }, { type: 'conv2d', filters: 8, kernel: 3 }, { type: 'maxPool' }, { type: 'flatten' }, { type: 'dense', units: 16 }];
    const tooDeep = [...Array.from({ length: 5 }, () => ({ type: 'conv2d', filters: 4, kernel: 7 })), { type: 'flatten' }];
    const space = SearchSpace.parse({ base: { model: { kind: 'layers', layers: shallow } }, parameters: { 'model.layers': { values: [shallow, conv, deep, tooDeep] } } });
    const materialise = materialiser({ training: {} });
    const variants = [...gridAssignments(space)].map((a) => ({ name: assignmentName(a, space), v: materialise(applyAssignment(space, a)) }));
    assert.deepEqual(
      variants.map(({ v }) => (v.ok ? (v.model.layers as unknown[]).length : 'infeasible')),
      [2, 3, 5, 'infeasible'],
    );
    assert.match((variants[3]!.v as { reason: string }).reason, /model\.layers\.4\.kernel: layer 4 \(conv2d\): a 7x7 kernel is larger than its 4x4 input/);
    assert.equal(variants[1]!.name, 'layers=[{type:conv2d,filters:8,kernel:3},{type:maxPool},{type:flatten}]');
    assert.throws(() => SearchSpace.parse({ base: {}, parameters: { 'model.layers': { values: [[{ type: 'conv2d', nested: { no: 1 } }]] } } }));
  });
});
