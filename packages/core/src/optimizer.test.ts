import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { optimizerSettings } from './optimizer.ts';
import { gridAssignments } from './search/grid.ts';
import { applyAssignment } from './space/assignment.ts';
import { materialiser, validateSweepSpec } from './sweep-spec.ts';
import { resolveTraining } from './training.ts';

const sweep = (optimizer: unknown) => ({ name: 'x', training: { optimizer }, variants: [{ model: { kind: 'softmax' } }] });

/** The spec is rejected with an issue that names training.optimizer. */
function rejects(optimizer: unknown): void {
  assert.throws(
    () => validateSweepSpec(sweep(optimizer)),
    (err: Error & { issues?: Array<{ field: string }> }) => JSON.stringify(err).includes('training.optimizer') || err.message.includes('training.optimizer'),
    JSON.stringify(optimizer),
  );
}

describe('training.optimizer', () => {
  it("takes SGD's Nesterov momentum and weight decay, and rejects what it cannot run, naming the field", () => {
    const spec = validateSweepSpec(sweep({ type: 'sgd', nesterov: true, weightDecay: 5e-4 }));
    assert.deepEqual(spec.training.optimizer, { type: 'sgd', nesterov: true, weightDecay: 5e-4 });
    assert.deepEqual(validateSweepSpec(sweep({ weightDecay: 1e-4 })).training.optimizer, { type: 'sgd', weightDecay: 1e-4 }, 'type defaults to sgd');
    for (const bad of [{ type: 'sgd', weightDecay: -1 }, { type: 'sgd', nesterov: 'yes' }, { type: 'rmsprop' }, { type: 'sgd', momentum: 0.9 }, { beta1: 0.9 }]) rejects(bad);
  });

  it('takes adam and adamw with their β1, β2, ε and weight decay, and rejects fields of another optimizer', () => {
    assert.deepEqual(validateSweepSpec(sweep({ type: 'adam' })).training.optimizer, { type: 'adam' });
    const adamw = { type: 'adamw', beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.05 };
    assert.deepEqual(validateSweepSpec(sweep(adamw)).training.optimizer, adamw);
    for (const bad of [
      { type: 'adam', nesterov: true },
      { type: 'adamw', beta1: 1 },
      { type: 'adam', beta2: -0.1 },
      { type: 'adam', epsilon: 0 },
      { type: 'adamw', weightDecay: 2 },
    ])
      rejects(bad);
  });

  it("fills in PyTorch's defaults: adam (0.9, 0.999, 1e-8, no decay), adamw's decay 0.01; sgd as before", () => {
    const training = resolveTraining({ learningRate: 0.003, momentum: 0.5 });
    assert.deepEqual(optimizerSettings(training), { type: 'sgd', learningRate: 0.003, momentum: 0.5, nesterov: false, weightDecay: 0 });
    assert.deepEqual(optimizerSettings({ ...training, optimizer: { type: 'adam' } }), {
      type: 'adam',
      learningRate: 0.003,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      weightDecay: 0,
    });
    assert.deepEqual(optimizerSettings({ ...training, optimizer: { type: 'adamw', beta2: 0.95 } }), {
      type: 'adamw',
      learningRate: 0.003,
      beta1: 0.9,
      beta2: 0.95,
      epsilon: 1e-8,
      weightDecay: 0.01,
    });
  });

  it('is searchable: a categorical over the type, with fields that exist only for the types that have them', () => {
    const spec = validateSweepSpec({
      name: 'optimizers',
      method: 'grid',
      space: {
        base: { model: { kind: 'softmax' } },
        parameters: {
          'training.optimizer.type': { values: ['sgd', 'adam', 'adamw'] },
          'training.optimizer.beta2': { values: [0.99, 0.999], when: { 'training.optimizer.type': ['adam', 'adamw'] } },
          'training.optimizer.nesterov': { values: [true], when: { 'training.optimizer.type': ['sgd'] } },
          'training.optimizer.weightDecay': { type: 'loguniform', min: 1e-4, max: 1e-2, factor: 10 },
        },
      },
    });
    const materialise = materialiser(spec);
    const optimizers = [...gridAssignments(spec.space!)].map((a) => {
      const m = materialise(applyAssignment(spec.space!, a));
      assert.ok(m.ok, JSON.stringify(a));
      return m.training.optimizer as { type: string };
    });
    // sgd: 1 × 3 decays; adam and adamw: 2 β2 × 3 decays each.
    assert.equal(optimizers.length, 3 + 6 + 6);
    assert.deepEqual(optimizers[0], { type: 'sgd', nesterov: true, weightDecay: 1e-4 });
    assert.ok(optimizers.some((o) => JSON.stringify(o) === JSON.stringify({ type: 'adamw', beta2: 0.99, weightDecay: 0.01 })));
    assert.ok(optimizers.every((o) => o.type === 'sgd' || !('nesterov' in o)));
  });
});
