import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateSweepSpec } from './sweep-spec.ts';

describe('training.optimizer', () => {
  const sweep = (optimizer: unknown) => ({ name: 'x', training: { optimizer }, variants: [{ model: { kind: 'softmax' } }] });

  it("takes SGD's Nesterov momentum and weight decay, and rejects what it cannot run, naming the field", () => {
    const spec = validateSweepSpec(sweep({ type: 'sgd', nesterov: true, weightDecay: 5e-4 }));
    assert.deepEqual(spec.training.optimizer, { type: 'sgd', nesterov: true, weightDecay: 5e-4 });
    assert.deepEqual(validateSweepSpec(sweep({ weightDecay: 1e-4 })).training.optimizer, { type: 'sgd', weightDecay: 1e-4 }, 'type defaults to sgd');
    for (const bad of [{ type: 'sgd', weightDecay: -1 }, { type: 'sgd', nesterov: 'yes' }, { type: 'adam' }, { type: 'sgd', momentum: 0.9 }]) {
      assert.throws(
        () => validateSweepSpec(sweep(bad)),
        (err: Error & { issues?: Array<{ field: string }> }) => JSON.stringify(err).includes('training.optimizer') || err.message.includes('training.optimizer'),
        JSON.stringify(bad),
      );
    }
  });
});
