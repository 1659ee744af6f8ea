import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../space/rng.ts';
import { importance, MIN_IMPORTANCE_TRIALS, type ImportanceParameter, type ImportanceRow } from './importance.ts';

// Synthetic objectives whose variance decomposition is known in closed form, on points drawn
// uniformly (seeded) over the space: the forest's fANOVA must find it.

const numeric = (name: string, log = false): ImportanceParameter => ({ name, kind: 'numeric', log });

function rows(n: number, seed: number, f: (v: Record<string, number>) => number, names: string[]): ImportanceRow[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const values = Object.fromEntries(names.map((k) => [k, rng()]));
    return { values, objective: f(values) };
  });
}

const byName = (answer: ReturnType<typeof importance>) => Object.fromEntries(answer.parameters.map((p) => [p.name, p]));

test('one parameter that matters and one that does not: nearly all importance goes to the first', () => {
  const answer = importance(
    [numeric('x'), numeric('noise')],
    rows(300, 1, (v) => v.x!, ['x', 'noise']),
  );
  assert.equal(answer.status, 'ok');
  const p = byName(answer);
  assert.ok(p.x!.importance > 0.9, JSON.stringify(answer.parameters));
  assert.ok(p.noise!.importance < 0.1, JSON.stringify(answer.parameters));
  assert.equal(answer.parameters[0]!.name, 'x', 'most important first');
});

test('two additive effects: shares match their variances (y = 2x + w: 0.8 and 0.2)', () => {
  const answer = importance(
    [numeric('x'), numeric('w')],
    rows(400, 2, (v) => 2 * v.x! + v.w!, ['x', 'w']),
  );
  const p = byName(answer);
  // Var(2x) = 4/12, Var(w) = 1/12: x explains 0.8 of the variance alone, w 0.2.
  assert.ok(Math.abs(p.x!.importance - 0.8) < 0.07, JSON.stringify(answer.parameters));
  assert.ok(Math.abs(p.w!.importance - 0.2) < 0.07, JSON.stringify(answer.parameters));
  assert.ok(p.x!.mainEffect + p.w!.mainEffect > 0.85, 'an additive objective is explained by main effects');
});

test('a pure interaction (y = (x - ½)(w - ½)): small main effects, the pair carries the variance, an idle parameter gets nothing', () => {
  const answer = importance(
    [numeric('x'), numeric('w'), numeric('idle')],
    rows(600, 3, (v) => (v.x! - 0.5) * (v.w! - 0.5), ['x', 'w', 'idle']),
  );
  assert.equal(answer.status, 'ok');
  const p = byName(answer);
  assert.ok(p.x!.mainEffect < 0.2 && p.w!.mainEffect < 0.2, JSON.stringify(answer.parameters));
  const top = answer.interactions[0]!;
  assert.deepEqual([top.a, top.b].sort(), ['w', 'x'], JSON.stringify(answer.interactions));
  assert.ok(top.share > 0.5, JSON.stringify(answer.interactions));
  for (const i of answer.interactions.filter((i) => i.a === 'idle' || i.b === 'idle')) assert.ok(i.share < 0.1, JSON.stringify(i));
});

test('a categorical parameter: its effect is found; a numeric one that does nothing is not', () => {
  const rng = createRng(4);
  const effect: Record<string, number> = { relu: 0.01, tanh: 0.05, sigmoid: 0.2 };
  const data: ImportanceRow[] = Array.from({ length: 200 }, (_, i) => {
    const activation = Object.keys(effect)[i % 3]!;
    return { values: { activation, lr: 10 ** (-4 + 3 * rng()) }, objective: effect[activation]! };
  });
  const answer = importance([{ name: 'activation', kind: 'categorical' }, numeric('lr', true)], data);
  const p = byName(answer);
  assert.ok(p.activation!.importance > 0.95, JSON.stringify(answer.parameters));
});

test('a conditional parameter inactive in some trials: it matters where active, and inactive counts as one value of it', () => {
  const rng = createRng(5);
  const data: ImportanceRow[] = Array.from({ length: 300 }, () => {
    const conv = rng() < 0.5;
    const dropout = rng() * 0.5;
    const noise = rng();
    // Dropout exists only for conv nets (a `when` condition); it decides their error.
    return { values: conv ? { kind: 'convnet', dropout, noise } : { kind: 'softmax', noise }, objective: conv ? 0.01 + dropout * 0.2 : 0.08 };
  });
  const answer = importance([{ name: 'kind', kind: 'categorical' }, numeric('dropout'), numeric('noise')], data);
  assert.equal(answer.status, 'ok');
  const p = byName(answer);
  assert.ok(p.dropout!.importance > p.noise!.importance + 0.2, JSON.stringify(answer.parameters));
  assert.ok(p.noise!.importance < 0.1, JSON.stringify(answer.parameters));
});

test('deterministic for a seed: the same answer twice; the sample of rows, when capped, also follows the seed', () => {
  const data = rows(120, 6, (v) => v.x! ** 2 + 0.3 * v.w!, ['x', 'w']);
  const params = [numeric('x'), numeric('w')];
  assert.deepEqual(importance(params, data, { seed: 7, trees: 16, maxRows: 80 }), importance(params, data, { seed: 7, trees: 16, maxRows: 80 }));
  const capped = importance(params, data, { seed: 7, trees: 16, maxRows: 80 });
  assert.equal(capped.status === 'ok' && capped.used, 80);
  assert.equal(capped.trials, 120);
});

test(`fewer than ${MIN_IMPORTANCE_TRIALS} finished trials: "too few trials", no numbers`, () => {
  const answer = importance(
    [numeric('x')],
    rows(MIN_IMPORTANCE_TRIALS - 1, 8, (v) => v.x!, ['x']),
  );
  assert.equal(answer.status, 'too-few-trials');
  assert.deepEqual(answer.parameters, []);
  assert.match(answer.status === 'too-few-trials' ? answer.reason : '', /needs at least 10/);
  // Trials without an objective value (NaN: a diverged loss) do not count.
  const withNaN = [...rows(MIN_IMPORTANCE_TRIALS - 1, 8, (v) => v.x!, ['x']), { values: { x: 0.5 }, objective: Number.NaN }];
  assert.equal(importance([numeric('x')], withNaN).status, 'too-few-trials');
});

test('nothing varies: a constant objective, or parameters that each take one value, say so', () => {
  assert.equal(
    importance(
      [numeric('x')],
      rows(20, 9, () => 0.1, ['x']),
    ).status,
    'nothing-varies',
  );
  const fixed = Array.from({ length: 20 }, (_, i) => ({ values: { x: 1 }, objective: i }));
  assert.equal(importance([numeric('x')], fixed).status, 'nothing-varies');
});
