import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SearchSpace } from '../space/space.ts';
import { grid, gridSize } from './grid.ts';
import { random } from './random.ts';
import { tpe } from './tpe.ts';
import { walk } from './walk.ts';
import { plainMaterialise, runSearch } from './testing.ts';
import type { Observation } from './method.ts';

const conditional = {
  parameters: {
    'model.kind': { values: ['softmax', 'convnet'] },
    'model.activation': { values: ['relu', 'tanh'], when: { 'model.kind': ['convnet'] } },
    'training.learningRate': { type: 'loguniform', min: 0.001, max: 0.1, factor: 10 },
  },
};

test('grid: the product of the choices in a fixed order, conditional parameters only where they apply', () => {
  const space = SearchSpace.parse(conditional);
  assert.equal(gridSize(space), 9); // softmax × 3 rates + convnet × 2 activations × 3 rates
  const a = grid.ask({ space, history: [], n: 100, seed: 0, materialise: plainMaterialise });
  const b = grid.ask({ space, history: [], n: 100, seed: 5, materialise: plainMaterialise });
  assert.deepEqual(a, b);
  assert.equal(a.exhausted, true);
  assert.deepEqual(a.proposals[0]!.params, { 'model.kind': 'softmax', 'training.learningRate': 0.001 });
  assert.deepEqual(a.proposals[3]!.params, { 'model.kind': 'convnet', 'model.activation': 'relu', 'training.learningRate': 0.001 });
  assert.ok(a.proposals.every((p) => p.params!['model.kind'] === 'convnet' || !('model.activation' in p.params!)));
});

test('grid: proposes only what the history lacks and is exhausted after the last', () => {
  const space = SearchSpace.parse(conditional);
  const first = grid.ask({ space, history: [], n: 4, seed: 0, materialise: plainMaterialise });
  assert.equal(first.exhausted, false);
  const history: Observation[] = first.proposals.map((p) => ({ hash: p.hash, params: p.params, value: 1, state: 'done' }));
  const rest = grid.ask({ space, history, n: 100, seed: 0, materialise: plainMaterialise });
  assert.equal(rest.proposals.length, 5);
  assert.ok(rest.exhausted);
  assert.ok(rest.proposals.every((p) => !first.proposals.some((q) => q.hash === p.hash)));
});

test('random: seeded (same seed, same proposals), never repeats, and says when a small space is used up', () => {
  const space = SearchSpace.parse(conditional);
  const ask = (seed: number) => random.ask({ space, history: [], n: 5, seed, materialise: plainMaterialise });
  assert.deepEqual(ask(3), ask(3));
  assert.notDeepEqual(
    ask(3).proposals.map((p) => p.hash),
    ask(4).proposals.map((p) => p.hash),
  );
  const all = random.ask({ space: SearchSpace.parse({ parameters: { 'model.a': { values: [1, 2, 3] } } }), history: [], n: 10, seed: 1, materialise: plainMaterialise });
  assert.equal(all.proposals.length, 3);
  assert.equal(new Set(all.proposals.map((p) => p.hash)).size, 3);
  assert.equal(all.exhausted, true);
});

test('random: values respect bounds, steps and scales', () => {
  const space = SearchSpace.parse({
    parameters: {
      'model.units': { type: 'int', min: 16, max: 128, step: 16 },
      'training.momentum': { type: 'uniform', min: 0.5, max: 0.9, step: 0.1 },
      'training.learningRate': { type: 'loguniform', min: 1e-4, max: 1e-1 },
    },
  });
  const { proposals } = random.ask({ space, history: [], n: 200, seed: 9, materialise: plainMaterialise });
  for (const { params } of proposals) {
    const u = params!['model.units'] as number;
    assert.ok(u >= 16 && u <= 128 && u % 16 === 0, `units ${u}`);
    const m = params!['training.momentum'] as number;
    assert.ok([0.5, 0.6, 0.7, 0.8, 0.9].includes(m), `momentum ${m}`);
    const lr = params!['training.learningRate'] as number;
    assert.ok(lr >= 1e-4 && lr <= 1e-1);
  }
  // Log-uniform: about a third of the draws in each decade.
  const lowDecade = proposals.filter((p) => (p.params!['training.learningRate'] as number) < 1e-3).length;
  assert.ok(lowDecade > 40 && lowDecade < 95, `${lowDecade} of 200 in [1e-4, 1e-3)`);
});

// Test objective (synthetic, known optimum at x = 1.3, lr = 10^-2.5, kind "c"; value 0).
const tpeSpace = {
  parameters: {
    'model.x': { type: 'uniform', min: -5, max: 5 },
    'model.y': { type: 'uniform', min: -5, max: 5 },
    'training.learningRate': { type: 'loguniform', min: 1e-5, max: 1 },
    'model.kind': { values: ['a', 'b', 'c', 'd'] },
  },
};
const testObjective = (p: Record<string, unknown>) =>
  ((p['model.x'] as number) - 1.3) ** 2 + ((p['model.y'] as number) + 2) ** 2 + (Math.log10(p['training.learningRate'] as number) + 2.5) ** 2 + (p['model.kind'] === 'c' ? 0 : 2);

test('tpe beats random search at the same budget: its mean best over 30 seeds is at most 60% of the random mean best', () => {
  const budget = 40;
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const tpeBest = mean(seeds.map((s) => runSearch(tpe, tpeSpace, testObjective, budget, s).best));
  const randomBest = mean(seeds.map((s) => runSearch(random, tpeSpace, testObjective, budget, s).best));
  console.log(`test objective, budget ${budget}, 30 seeds: mean best tpe ${tpeBest.toFixed(3)}, random ${randomBest.toFixed(3)}`);
  assert.ok(tpeBest <= 0.6 * randomBest, `tpe ${tpeBest} vs random ${randomBest}`);
});

test('tpe handles conditional parameters: an inactive parameter is never proposed', () => {
  const { history } = runSearch(tpe, conditional, (p) => (p['model.kind'] === 'convnet' ? 0.1 : 0.5) + Math.abs(Math.log10(p['training.learningRate'] as number) + 2), 9, 2);
  assert.equal(history.length, 9, 'all 9 grid points reachable without repeats');
  for (const h of history) assert.equal('model.activation' in h.params, h.params['model.kind'] === 'convnet');
});

test('walk: starts at the base, then proposes one-knob neighbours of the best with it as parent, and stops at a local optimum', () => {
  const space = SearchSpace.parse({
    parameters: {
      'model.activation': { values: ['relu', 'tanh', 'sigmoid'] },
      'model.units': { type: 'int', min: 1, max: 4, start: 2 },
    },
  });
  // Test objective: best at tanh, 3 units.
  const f = (p: Record<string, unknown>) => (p['model.activation'] === 'tanh' ? 0 : 1) + Math.abs((p['model.units'] as number) - 3);
  const history: Observation[] = [];
  const parents: (string | undefined)[] = [];
  for (let round = 0; round < 20; round++) {
    const { proposals, exhausted } = walk.ask({ space, history, n: 10, seed: 0, materialise: plainMaterialise });
    if (exhausted) break;
    for (const p of proposals) {
      if (history.length) {
        const parent = history.find((h) => h.hash === p.parentHash)!;
        const changed = Object.keys(p.params!).filter((k) => p.params![k] !== parent.params![k]);
        assert.equal(changed.length, 1, 'a walk step changes exactly one knob');
      } else assert.deepEqual(p.params, { 'model.activation': 'relu', 'model.units': 2 });
      parents.push(p.parentHash);
      history.push({ hash: p.hash, params: p.params, value: f(p.params!), state: 'done' });
    }
  }
  const best = history.reduce((a, b) => (a.value! <= b.value! ? a : b));
  assert.deepEqual(best.params, { 'model.activation': 'tanh', 'model.units': 3 });
  assert.ok(history.length < 12, `the walk did not enumerate the whole 12-point space (${history.length})`);
});

test('walk: waits while neighbours are pending instead of declaring the search over', () => {
  const space = SearchSpace.parse({ parameters: { 'model.activation': { values: ['relu', 'tanh'] } } });
  const first = walk.ask({ space, history: [], n: 5, seed: 0, materialise: plainMaterialise }).proposals;
  assert.equal(first.length, 2, 'the base and its one neighbour');
  const history: Observation[] = first.map((p) => ({ hash: p.hash, params: p.params, value: null, state: 'pending' }));
  const pending = walk.ask({ space, history, n: 5, seed: 0, materialise: plainMaterialise });
  assert.deepEqual(pending, { proposals: [], exhausted: false });
});

test('walk: with free slots while the base runs, it tries the neighbours of the base, one at a time as slots free', () => {
  const space = SearchSpace.parse({
    parameters: { 'model.activation': { values: ['relu', 'tanh', 'sigmoid'], start: 'relu' }, 'model.units': { type: 'int', min: 1, max: 4, start: 2 } },
  });
  const [base, ...others] = walk.ask({ space, history: [], n: 2, seed: 0, materialise: plainMaterialise }).proposals;
  assert.deepEqual(base!.params, { 'model.activation': 'relu', 'model.units': 2 });
  assert.equal(others.length, 1, 'two slots: the base and one neighbour');
  assert.equal(others[0]!.parentHash, base!.hash);
  const history: Observation[] = [base!, others[0]!].map((p) => ({ hash: p.hash, params: p.params, value: null, state: 'pending' }));
  history[1]!.state = 'done';
  history[1]!.value = null; // the neighbour failed; the base still runs
  const next = walk.ask({ space, history, n: 1, seed: 0, materialise: plainMaterialise });
  assert.equal(next.proposals.length, 1);
  assert.equal(next.proposals[0]!.parentHash, base!.hash);
  assert.notEqual(next.proposals[0]!.hash, others[0]!.hash);
  assert.equal(next.exhausted, false);
});
