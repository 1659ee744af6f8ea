import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Param } from '../space/space.ts';
import { createRng } from '../space/rng.ts';
import { decode, encode, fitParzen, logDensity, pickComponent, sampleFrom } from './parzen.ts';

const params = {
  'model.units': Param.parse({ type: 'int', min: 32, max: 256, step: 32 }),
  'model.width': Param.parse({ type: 'int', min: 1, max: 1024, log: true }),
  'training.learningRate': Param.parse({ type: 'loguniform', min: 1e-4, max: 0.1 }),
  'model.x': Param.parse({ type: 'uniform', min: -5, max: 5 }),
  'model.kind': Param.parse({ values: ['a', 'b', 'c'] }),
};

test('encoding maps each parameter onto its own scale and decodes back to the same value', () => {
  const values = { 'model.units': 160, 'model.width': 64, 'training.learningRate': 0.003, 'model.x': -1.25, 'model.kind': 'c' };
  for (const [path, v] of Object.entries(values)) assert.equal(decode(params[path as keyof typeof params], encode(params[path as keyof typeof params], v)), v, path);
  assert.equal(encode(params['model.x'], 0), 0.5);
  assert.equal(encode(params['model.kind'], 'b'), 1);
});

test('a fitted density integrates to one over the unit interval, kernels truncated at its ends', () => {
  for (const bandwidth of ['gaps', 'scott'] as const) {
    const pz = fitParzen(
      { 'model.x': params['model.x'] },
      [0.02, 0.1, 0.5, 0.97].map((u) => ({ 'model.x': u })),
      { bandwidth, categoricalFloor: 0 },
    );
    let integral = 0;
    const steps = 2000;
    for (let i = 0; i < steps; i++) integral += Math.exp(logDensity(pz, { 'model.x': (i + 0.5) / steps })) / steps;
    assert.ok(Math.abs(integral - 1) < 1e-3, `${bandwidth}: ${integral}`);
  }
});

test('a categorical floor keeps every value possible in a model fitted to one value', () => {
  const kind = { 'model.kind': params['model.kind'] };
  const trials = [0, 0, 0, 0].map((i) => ({ 'model.kind': i }));
  const strict = fitParzen(kind, trials, { bandwidth: 'gaps', categoricalFloor: 0 });
  const floored = fitParzen(kind, trials, { bandwidth: 'gaps', categoricalFloor: 0.3 });
  const p = (pz: typeof strict, i: number) => Math.exp(logDensity(pz, { 'model.kind': i }));
  assert.ok(Math.abs(p(floored, 0) + p(floored, 1) + p(floored, 2) - 1) < 1e-9);
  // The prior alone gives c 1/3 of a fifth; the floor adds 0.3/3 of each of the four kernels.
  assert.ok(Math.abs(p(strict, 2) - 1 / 15) < 1e-9 && Math.abs(p(floored, 2) - (1 / 3 + 4 * 0.1) / 5) < 1e-9);
  const rng = createRng(1);
  const draws = Array.from({ length: 3000 }, () => sampleFrom(floored, 0, 'model.kind', rng));
  const share = draws.filter((d) => d !== 'a').length / draws.length;
  assert.ok(share > 0.15 && share < 0.25, `${share} of the draws from an "a" kernel are not "a" (0.2 expected)`);
});

test('a kernel weighs in density and draws by its weight against the prior', () => {
  const x = { 'model.x': params['model.x'] };
  const pz = fitParzen(x, [{ 'model.x': 0.1 }, { 'model.x': 0.9 }], { bandwidth: 'gaps', categoricalFloor: 0 }, [3, 1]);
  let integral = 0;
  for (let i = 0; i < 2000; i++) integral += Math.exp(logDensity(pz, { 'model.x': (i + 0.5) / 2000 })) / 2000;
  assert.ok(Math.abs(integral - 1) < 1e-3, `${integral}`);
  const rng = createRng(2);
  const picks = Array.from({ length: 5000 }, () => pickComponent(pz, rng));
  const share = (k: number | null) => picks.filter((p) => p === k).length / picks.length;
  // Weights 3 and 1 against the prior's 1: 3/5, 1/5, 1/5.
  assert.ok(Math.abs(share(0) - 0.6) < 0.03 && Math.abs(share(1) - 0.2) < 0.03 && Math.abs(share(null) - 0.2) < 0.03, `${share(0)} ${share(1)} ${share(null)}`);
});

test("a shrinking categorical floor is Optuna's: wide over few trials, narrow over many", () => {
  const kind = { 'model.kind': params['model.kind'] };
  const fit = (n: number) =>
    fitParzen(
      kind,
      Array.from({ length: n }, () => ({ 'model.kind': 0 })),
      { bandwidth: 'gaps', categoricalFloor: 'shrink' },
    );
  const p = (n: number, i: number) => Math.exp(logDensity(fit(n), { 'model.kind': i }));
  // Optuna 3.1: each kernel puts 1/(n+1) on every value and 1 on its own, normalised; the
  // prior component is uniform. 2 trials: each kernel is (1/3 + 1)/2 on "a", 1/6 on "c".
  assert.ok(Math.abs(p(2, 2) - (1 / 3 + 2 * (1 / 6)) / 3) < 1e-9, `${p(2, 2)}`);
  assert.ok(Math.abs(p(2, 0) + p(2, 1) + p(2, 2) - 1) < 1e-9);
  // A value no trial has keeps less and less of the mass as the trials grow.
  assert.ok(p(2, 2) > p(10, 2) && p(10, 2) > p(100, 2), `${p(2, 2)} ${p(10, 2)} ${p(100, 2)}`);
  // 100 trials: each kernel keeps 1/104 on "c" (a floor of 3/104), the prior 1/3.
  assert.ok(Math.abs(p(100, 2) - (1 / 3 + 100 / 104) / 101) < 1e-9, `${p(100, 2)}`);
});

test('on a grid a component scores by its mass over each value cell, so the values share exactly one', () => {
  const grids = {
    'model.units': { param: params['model.units'], values: [32, 64, 96, 128, 160, 192, 224, 256] },
    'model.width': { param: params['model.width'], values: Array.from({ length: 1024 }, (_, i) => i + 1) },
    'model.stepped': { param: Param.parse({ type: 'uniform', min: 0, max: 1, step: 0.25 }), values: [0, 0.25, 0.5, 0.75, 1] },
    'model.decade': { param: Param.parse({ type: 'loguniform', min: 1e-4, max: 0.1, factor: 10 }), values: [1e-4, 1e-3, 1e-2, 0.1] },
  };
  for (const [path, { param, values }] of Object.entries(grids)) {
    const one = { [path]: param };
    // Kernels on grid values, as trials are: narrow (many alike) and wide (few).
    for (const trials of [values.slice(0, 3), Array(40).fill(values[1]!)]) {
      const pz = fitParzen(
        one,
        trials.map((v) => ({ [path]: encode(param, v) })),
        { bandwidth: 'gaps', categoricalFloor: 0 },
      );
      const total = values.reduce((s, v) => s + Math.exp(logDensity(pz, { [path]: encode(param, v) })), 0);
      assert.ok(Math.abs(total - 1) < 1e-4, `${path}, ${trials.length} trials: the values' probabilities sum to ${total}`);
    }
  }
});
