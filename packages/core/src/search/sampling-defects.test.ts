import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Param, SearchSpace } from '../space/space.ts';
import { intRange, snapInt } from './sample.ts';
import { grid, gridSize } from './grid.ts';
import { random } from './random.ts';
import { tpe } from './tpe.ts';
import { walk } from './walk.ts';
import { plainMaterialise, runSearch } from './testing.ts';

// The docs' own stepped int: eight values, 32 to 256.
const units = { parameters: { 'model.units': { type: 'int', min: 32, max: 256, step: 32 } } };

test('an int with step > 1 draws its maximum as often as any other value', () => {
  const space = SearchSpace.parse(units);
  const seeds = Array.from({ length: 2000 }, (_, i) => i + 1);
  const first = seeds.map((seed) => random.ask({ space, history: [], n: 1, seed, materialise: plainMaterialise }).proposals[0]!.params!['model.units']);
  const share = (v: number) => first.filter((u) => u === v).length / seeds.length;
  // 1/8 = 12.5% each; 2000 fixed seeds, so these bounds are a property of the code, not luck.
  for (const v of [32, 64, 96, 128, 160, 192, 224, 256]) assert.ok(share(v) > 0.09 && share(v) < 0.16, `${v}: ${share(v)}`);
});

test('random and TPE try all eight values of a stepped int within 20 trials', () => {
  const f = (p: Record<string, unknown>) => Math.abs((p['model.units'] as number) - 200);
  for (let seed = 1; seed <= 100; seed++) {
    for (const [name, method] of [
      ['random', random],
      ['tpe', tpe],
    ] as const) {
      const { history } = runSearch(method, units, f, 20, seed);
      assert.equal(new Set(history.map((h) => h.params['model.units'])).size, 8, `${name}, seed ${seed}`);
    }
  }
});

test("every value of a stepped int owns a full step of the continuous range TPE's model samples", () => {
  const p = Param.parse(units.parameters['model.units']) as Extract<Param, { type: 'int' }>;
  const { lo, hi } = intRange(p);
  assert.deepEqual([lo, hi], [16, 272]); // 32 − 16 to 256 + 16: ±step/2, not ±0.5
  const widths = new Map<number, number>();
  for (let x = lo; x < hi; x += 0.5) widths.set(snapInt(p, x), (widths.get(snapInt(p, x)) ?? 0) + 0.5);
  assert.deepEqual([...widths.values()], Array(8).fill(32));
});

test('the walk visits every grid value of a log-uniform parameter with a factor on its way to the optimum', () => {
  const space = { parameters: { 'training.learningRate': { type: 'loguniform', min: 1e-4, max: 0.1, factor: 10 } } };
  // Test objective: best at 0.01.
  const f = (p: Record<string, unknown>) => Math.abs(Math.log10(p['training.learningRate'] as number) + 2);
  const { history } = runSearch(walk, space, f, 10, 0);
  const tried = history.map((h) => h.params['training.learningRate'] as number);
  for (const lr of tried) assert.ok([1e-4, 1e-3, 1e-2, 1e-1].includes(lr), `off the grid: ${lr}`);
  assert.ok(tried.includes(0.01), `tried ${tried.join(', ')}`);
});

test('grid honours a condition that names null, as the other methods do', () => {
  const space = SearchSpace.parse({
    base: { model: { kind: 'convnet' } },
    parameters: {
      'model.augmentation': { values: [null, { expansion: 4 }] },
      'model.dropout.rate': { values: [0.3, 0.5], when: { 'model.augmentation': [null] } },
    },
  });
  assert.equal(gridSize(space), 3); // off × 2 rates + on
  const all = grid.ask({ space, history: [], n: 10, seed: 0, materialise: plainMaterialise }).proposals.map((p) => p.params);
  assert.deepEqual(all, [
    { 'model.augmentation': null, 'model.dropout.rate': 0.3 },
    { 'model.augmentation': null, 'model.dropout.rate': 0.5 },
    { 'model.augmentation': { expansion: 4 } },
  ]);
});
