import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveBudget, validateSweepSpec, type SweepSpec } from '../sweep-spec.ts';
import { scheduleStep, stepOnTrialEnd, type ScheduledTrial } from './schedule.ts';

// Which trial ends need a scheduling step, and which pool each new trial goes to.
const now = new Date();
const first = (spec: SweepSpec) => scheduleStep({ spec, budget: effectiveBudget(spec), createdAt: now, now, trials: [] });
const variants = [1, 2, 3].map((seed) => ({ model: { kind: 'softmax' }, training: { seed } }));

test('a list sweep created whole needs no step at its trial ends; one held back by a budget does', () => {
  const whole = validateSweepSpec({ name: 'l', variants });
  const out = first(whole);
  assert.equal(out.add.length, 3);
  assert.equal(out.drained, true);
  assert.equal(stepOnTrialEnd(whole, out.drained), false);

  const capped = validateSweepSpec({ name: 'l', variants, budget: { maxConcurrentTrials: 2 } });
  const part = first(capped);
  assert.equal(part.add.length, 2);
  assert.equal(part.drained, false);
  assert.equal(stepOnTrialEnd(capped, part.drained), true);
  // Once the last one is added, the rest of its trial ends only settle.
  const trials: ScheduledTrial[] = part.add.map((t, i) => ({
    id: `t${i}`,
    hash: t.hash,
    params: null,
    state: i ? 'running' : 'completed',
    metric: i ? null : 0.1,
    model: t.model,
    training: t.training,
  }));
  const next = scheduleStep({ spec: capped, budget: effectiveBudget(capped), createdAt: now, now, trials });
  assert.equal(next.add.length, 1);
  assert.equal(stepOnTrialEnd(capped, next.drained), false);
});

test('a target or an adaptive method keeps a step at every trial end', () => {
  const target = validateSweepSpec({ name: 'l', variants, objective: { target: 0.01 } });
  assert.equal(stepOnTrialEnd(target, first(target).drained), true);
  const grid = validateSweepSpec({ name: 'g', method: 'grid', space: { base: { model: { kind: 'softmax' } }, parameters: { 'training.seed': { type: 'int', min: 1, max: 4 } } } });
  const g = first(grid);
  assert.equal(g.add.length, 4);
  assert.equal(stepOnTrialEnd(grid, g.drained), false);
  const random = validateSweepSpec({ ...grid, method: 'random' });
  assert.equal(stepOnTrialEnd(random, first(random).drained), true);
});

test("a trial's pool is its variant's, else the sweep's, else cpu", () => {
  const spec = validateSweepSpec({
    name: 'p',
    resources: { pool: 'gpu' },
    variants: [{ model: { kind: 'softmax' } }, { model: { kind: 'softmax' }, training: { seed: 2 }, resources: { pool: 'cpu' } }],
  });
  assert.deepEqual(
    first(spec).add.map((t) => t.pool),
    ['gpu', 'cpu'],
  );
  assert.deepEqual(
    first(validateSweepSpec({ name: 'p', variants })).add.map((t) => t.pool),
    ['cpu', 'cpu', 'cpu'],
  );
  assert.throws(() => validateSweepSpec({ name: 'p', resources: { pool: 'tpu' }, variants }), /resources\.pool/);
});
