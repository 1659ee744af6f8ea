import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SearchSpace, type Assignment } from '../space/space.ts';
import { candidateCount, createTpe, goodCount, rampWeights, TPE_DEFAULTS } from './tpe.ts';
import { plainMaterialise } from './testing.ts';
import type { Observation } from './method.ts';

test("the good trials follow Optuna's schedule unless a gamma is given", () => {
  assert.deepEqual(
    [1, 10, 11, 100, 240, 1000].map((n) => goodCount(n, undefined)),
    [1, 1, 2, 10, 24, 25],
  );
  assert.deepEqual(
    [10, 100].map((n) => goodCount(n, 0.15)),
    [2, 15],
  );
});

test('a space of more than five parameters draws more candidates, in proportion; fixed ones do not count', () => {
  const uniforms = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`model.x${i}`, { type: 'uniform', min: 0, max: 1 }]));
  const withFixed = (n: number) => SearchSpace.parse({ parameters: { ...uniforms(n), 'model.f': { type: 'fixed', value: 3 } } });
  assert.deepEqual(
    [2, 5, 6, 10].map((n) => candidateCount(TPE_DEFAULTS, withFixed(n))),
    [64, 64, 77, 128],
  );
  assert.equal(candidateCount({ ...TPE_DEFAULTS, candidatesPerParam: 0 }, withFixed(10)), 64);
});

// Test objective: a bowl centred at (1, −2); twelve finished trials, four more to propose at once.
const space = SearchSpace.parse({ parameters: { 'model.x': { type: 'uniform', min: -5, max: 5 }, 'model.y': { type: 'uniform', min: -5, max: 5 } } });
const bowl = (p: Assignment) => ((p['model.x'] as number) - 1) ** 2 + ((p['model.y'] as number) + 2) ** 2;
function finished(seed: number): Observation[] {
  const warm = createTpe({ startupTrials: 100 });
  const history: Observation[] = [];
  for (let i = 0; i < 12; i++) {
    const p = warm.ask({ space, history, n: 1, seed, materialise: plainMaterialise }).proposals[0]!;
    history.push({ hash: p.hash, params: p.params, value: bowl(p.params!), state: 'done' });
  }
  return history;
}
const closest = (ps: Assignment[]) => {
  let min = Infinity;
  for (let i = 0; i < ps.length; i++)
    for (let j = i + 1; j < ps.length; j++)
      min = Math.min(min, Math.hypot((ps[i]!['model.x'] as number) - (ps[j]!['model.x'] as number), (ps[i]!['model.y'] as number) - (ps[j]!['model.y'] as number)));
  return min;
};

test("older bad trials weigh less by Optuna's ramp; the latest 25 weigh 1", () => {
  assert.deepEqual(rampWeights(3), [1, 1, 1]);
  const w = rampWeights(30);
  assert.equal(w.length, 30);
  assert.ok(Math.abs(w[0]! - 1 / 30) < 1e-12 && w[4] === 1 && w.slice(5).every((v) => v === 1));
  for (let i = 1; i < 5; i++) assert.ok(w[i]! > w[i - 1]!);
});

test('proposals made while others run spread out with the constant liar', () => {
  let spreadWith = 0;
  let spreadWithout = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const history = finished(seed);
    const ask = (liar: boolean) =>
      createTpe({ multivariate: true, liar })
        .ask({ space, history, n: 4, seed, materialise: plainMaterialise })
        .proposals.map((p) => p.params!);
    spreadWith += closest(ask(true)) / 20;
    spreadWithout += closest(ask(false)) / 20;
  }
  assert.ok(spreadWith > 1.5 * spreadWithout, `mean closest pair ${spreadWith.toFixed(3)} with the liar, ${spreadWithout.toFixed(3)} without`);
});

test('multivariate TPE is deterministic for a seed and history, and stays in bounds', () => {
  const history = finished(3);
  const ask = () => createTpe({ multivariate: true, liar: true }).ask({ space, history, n: 4, seed: 3, materialise: plainMaterialise });
  assert.deepEqual(ask(), ask());
  for (const p of ask().proposals) for (const v of Object.values(p.params!)) assert.ok((v as number) >= -5 && (v as number) <= 5);
});
