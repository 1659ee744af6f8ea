import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveBudget, validateSweepSpec } from '../sweep-spec.ts';
import { buildPath } from '../path.ts';
import { scheduleStep, type ScheduledTrial } from './schedule.ts';

const base = { name: 's', training: { maxEpochs: 1 } };
const randomSpec = validateSweepSpec({
  ...base,
  method: 'random',
  space: {
    base: { model: { kind: 'convnet' } },
    parameters: { 'model.activation': { values: ['relu', 'tanh', 'sigmoid'] }, 'training.learningRate': { type: 'loguniform', min: 0.001, max: 0.1 } },
  },
  budget: { maxTrials: 5, maxConcurrentTrials: 2, maxFailedTrials: 1 },
  objective: { target: 0.01 },
});
const now = new Date();
let n = 0;
const asTrials = (out: ReturnType<typeof scheduleStep>, state: ScheduledTrial['state'], metric: number | null = null): ScheduledTrial[] =>
  out.add.map((t) => ({ id: `t${n++}`, hash: t.hash, params: t.params, state, metric, model: t.model, training: t.training }));
const step = (trials: ScheduledTrial[], spec = randomSpec) => scheduleStep({ spec, budget: effectiveBudget(spec), createdAt: now, now, trials });

test('the scheduler keeps at most maxConcurrentTrials open and at most maxTrials in all', () => {
  const first = step([]);
  assert.equal(first.add.length, 2);
  const open = asTrials(first, 'running');
  assert.equal(step(open).add.length, 0, 'no room while 2 are open');
  const one = [{ ...open[0]!, state: 'completed' as const, metric: 0.2 }, open[1]!];
  assert.equal(step(one).add.length, 1);
  const four = [...one, ...asTrials(step(one), 'completed', 0.3), ...asTrials(first, 'completed', 0.3).map((t, i) => ({ ...t, id: `x${i}`, hash: `x${i}` }))];
  assert.equal(four.length, 5);
  assert.equal(step(four.map((t) => ({ ...t, state: 'completed' as const, metric: t.metric ?? 0.2 }))).finish?.reason, 'maxTrials 5 reached');
});

test('the sweep fails once more trials failed than maxFailedTrials allows', () => {
  const trials = asTrials(step([]), 'failed');
  assert.deepEqual(step(trials).finish, { status: 'failed', reason: '2 trials failed, more than maxFailedTrials 1' });
});

test('reaching the target stops proposals; the sweep completes when nothing is open', () => {
  const trials = asTrials(step([]), 'completed', 0.005);
  const out = step(trials);
  assert.equal(out.add.length, 0);
  assert.match(out.finish!.reason, /reached the target valError 0.01/);
});

test('a list sweep trains its variants in order, each new one with the nearest earlier one as parent', () => {
  const spec = validateSweepSpec({
    ...base,
    variants: [{ model: { kind: 'softmax' } }, { name: 'b', model: { kind: 'convnet' } }, { model: { kind: 'convnet', activation: 'tanh' } }],
  });
  const out = step([], spec);
  assert.deepEqual(
    out.add.map((t) => t.name),
    ['variant 1', 'b', 'variant 3'],
  );
  assert.deepEqual(
    out.add.map((t) => t.parent),
    [null, '#0', '#1'],
  );
  assert.deepEqual(out.add[2]!.diff, [{ path: 'model.activation', from: 'relu', to: 'tanh' }]);
  assert.equal(out.finish, null);
  const path = buildPath(
    out.add.map((t, i) => ({ id: `#${i}`, order: i, name: t.name, status: 'queued', model: t.model, training: t.training, metric: null, parentId: t.parent, diff: t.diff })),
  );
  assert.deepEqual(path.edges.map((e) => e.label).at(-1), 'activation relu → tanh');
  assert.deepEqual(path.order, ['#0', '#1', '#2']);
});

test('spec: search methods need a space, grids need steps, duplicate explicit variants are refused', () => {
  const issues = (input: unknown) => {
    try {
      validateSweepSpec(input);
      return [];
    } catch (e) {
      return (e as { issues: { field: string; reason: string }[] }).issues;
    }
  };
  assert.deepEqual(issues({ ...base, method: 'tpe' }), [{ field: 'space', reason: 'method "tpe" needs a search space' }]);
  assert.match(issues({ ...base, method: 'grid', space: { parameters: { 'training.learningRate': { type: 'uniform', min: 0.01, max: 0.1 } } } })[0]!.reason, /a grid needs a step/);
  assert.deepEqual(
    issues({ ...base, variants: [{ model: { kind: 'softmax' } }, { name: 'again', model: { kind: 'softmax' } }] }).map((i) => i.field),
    ['variants.1'],
  );
  assert.match(
    issues({
      ...base,
      method: 'random',
      space: { parameters: { 'model.activation': { values: ['relu'], when: { 'model.kind': ['convnet'] } }, 'model.kind': { values: ['convnet'] } } },
    })[0]!.reason,
    /declared before/,
  );
  assert.deepEqual(effectiveBudget(validateSweepSpec({ ...base, method: 'tpe', space: { parameters: { 'model.kind': 'softmax' } } })), {
    maxTrials: 20,
    maxConcurrentTrials: 2,
    maxFailedTrials: null,
    maxDurationSeconds: null,
  });
});

test('once the time budget is spent, queued trials are dropped, running ones finish, then the sweep ends', () => {
  const spec = validateSweepSpec({ ...randomSpec, budget: { maxConcurrentTrials: 2, maxDurationSeconds: 60 } });
  const at = (seconds: number, trials: ScheduledTrial[]) =>
    scheduleStep({ spec, budget: effectiveBudget(spec), createdAt: now, now: new Date(now.getTime() + seconds * 1000), trials });
  const first = at(0, []);
  const trials = [...asTrials(first, 'running').slice(0, 1), ...asTrials(first, 'queued').slice(1)];
  assert.equal(at(59, trials).drop, null, 'before the deadline nothing is dropped');
  const late = at(60, trials);
  assert.deepEqual(late.drop, { ids: [trials[1]!.id], reason: 'the time budget of 60 s is spent' });
  assert.equal(late.add.length, 0);
  assert.equal(late.finish, null, 'the running trial still finishes');
  const ended = [
    { ...trials[0]!, state: 'completed' as const, metric: 0.3 },
    { ...trials[1]!, state: 'cancelled' as const },
  ];
  assert.deepEqual(at(61, ended).finish, { status: 'completed', reason: 'the time budget of 60 s is spent' });
});

test('reaching the target drops the queued trials; lowering maxTrials drops the latest queued ones', () => {
  const first = step([]);
  const [a, b] = asTrials(first, 'queued');
  const reached = step([{ ...a!, state: 'completed', metric: 0.005 }, b!]);
  assert.deepEqual(reached.drop, { ids: [b!.id], reason: 'a trial reached the target valError 0.01' });
  assert.match(reached.finish!.reason, /reached the target/, 'nothing left running: the sweep ends');

  const list = validateSweepSpec({ ...base, variants: [1, 2, 3, 4].map((seed) => ({ model: { kind: 'softmax' }, training: { seed } })) });
  const all = asTrials(step([], list), 'queued');
  const running = [{ ...all[0]!, state: 'running' as const }, ...all.slice(1)];
  const lowered = scheduleStep({ spec: list, budget: { ...effectiveBudget(list), maxTrials: 2 }, createdAt: now, now, trials: running });
  assert.deepEqual(lowered.drop, { ids: [all[2]!.id, all[3]!.id], reason: 'maxTrials was lowered to 2' });
  assert.equal(lowered.add.length, 0);
  assert.equal(lowered.finish, null);
});
