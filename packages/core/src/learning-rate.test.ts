import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LearningRateSchedule, isConstantRate, learningRateAt } from './learning-rate.ts';
import { gridAssignments } from './search/grid.ts';
import { applyAssignment } from './space/assignment.ts';
import { materialiser, validateSweepSpec } from './sweep-spec.ts';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('learningRateAt', () => {
  it('is the learning rate throughout without a schedule or with a constant one', () => {
    for (const p of [0.01, 1, 7.5, 30]) {
      close(learningRateAt({ learningRate: 0.1, maxEpochs: 30 }, p), 0.1);
      close(learningRateAt({ learningRate: 0.1, maxEpochs: 30, schedule: { type: 'constant' } }, p), 0.1);
    }
  });

  it('climbs linearly during the warm-up, then follows the schedule', () => {
    const t = { learningRate: 0.2, maxEpochs: 10, schedule: { type: 'constant' as const, warmupEpochs: 2 } };
    close(learningRateAt(t, 0.5), 0.05);
    close(learningRateAt(t, 1), 0.1);
    close(learningRateAt(t, 2), 0.2);
    close(learningRateAt(t, 5), 0.2);
  });

  it('decays by the factor after every everyEpochs epochs; the step that ends an epoch belongs to it', () => {
    const t = { learningRate: 1, maxEpochs: 30, schedule: { type: 'step' as const, everyEpochs: 2, factor: 0.1 } };
    close(learningRateAt(t, 0.5), 1);
    close(learningRateAt(t, 2), 1);
    close(learningRateAt(t, 2.01), 0.1);
    close(learningRateAt(t, 4), 0.1);
    close(learningRateAt(t, 4.5), 0.01);
  });

  it('anneals along a cosine from the rate to minFactor of it at maxEpochs, after the warm-up', () => {
    const t = { learningRate: 1, maxEpochs: 11, schedule: { type: 'cosine' as const, minFactor: 0.1, warmupEpochs: 1 } };
    close(learningRateAt(t, 1), 1);
    close(learningRateAt(t, 6), 0.55); // half way through the 10 epochs after the warm-up
    close(learningRateAt(t, 11), 0.1);
    close(learningRateAt(t, 12), 0.1); // past the end it stays at the floor
    close(learningRateAt({ learningRate: 1, maxEpochs: 4, schedule: { type: 'cosine' } }, 4), 0);
  });

  it('is monotone non-increasing after the warm-up for step and cosine', () => {
    for (const schedule of [
      { type: 'step' as const, everyEpochs: 3, factor: 0.5 },
      { type: 'cosine' as const, minFactor: 0.05 },
    ]) {
      let last = Number.POSITIVE_INFINITY;
      for (let p = 0.05; p <= 20; p += 0.05) {
        const lr = learningRateAt({ learningRate: 0.3, maxEpochs: 20, schedule }, p);
        assert.ok(lr <= last + 1e-15, `${schedule.type} rose at ${p}`);
        last = lr;
      }
    }
  });

  it('knows when the rate never moves', () => {
    assert.equal(isConstantRate(undefined), true);
    assert.equal(isConstantRate({ type: 'constant' }), true);
    assert.equal(isConstantRate({ type: 'constant', warmupEpochs: 1 }), false);
    assert.equal(isConstantRate({ type: 'cosine' }), false);
  });
});

describe('the schedule in a sweep', () => {
  it('rejects a schedule that cannot run, naming the field', () => {
    assert.equal(LearningRateSchedule.safeParse({ type: 'exponential' }).success, false);
    assert.equal(LearningRateSchedule.safeParse({ type: 'step', everyEpochs: 2, factor: 0 }).success, false);
    assert.equal(LearningRateSchedule.safeParse({ type: 'cosine', minFactor: 1.5 }).success, false);
    assert.equal(LearningRateSchedule.safeParse({ type: 'step', factor: 0.1 }).success, false);
    assert.equal(LearningRateSchedule.safeParse({ type: 'cosine', warmupEpochs: -1 }).success, false);
  });

  it('is searchable like any other training field', () => {
    const spec = validateSweepSpec({
      name: 'schedules',
      method: 'grid',
      space: {
        base: { model: { kind: 'softmax' } },
        parameters: {
          'training.schedule': { values: [{ type: 'constant' }, { type: 'cosine', minFactor: 0.1 }] },
          'training.schedule.warmupEpochs': { values: [0, 1] },
        },
      },
    });
    const materialise = materialiser(spec);
    const schedules = [...gridAssignments(spec.space!)].map((a) => {
      const m = materialise(applyAssignment(spec.space!, a));
      assert.ok(m.ok, m.ok ? '' : m.reason);
      return (m.training as { schedule: unknown }).schedule;
    });
    assert.deepEqual(schedules, [
      { type: 'constant', warmupEpochs: 0 },
      { type: 'constant', warmupEpochs: 1 },
      { type: 'cosine', minFactor: 0.1, warmupEpochs: 0 },
      { type: 'cosine', minFactor: 0.1, warmupEpochs: 1 },
    ]);
  });
});
