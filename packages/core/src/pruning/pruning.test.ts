import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asha, isRung } from './asha.ts';
import { median } from './median.ts';
import { decidePrune, PrunerSpec } from './pruner.ts';

// Recorded validation-error curves (per epoch) of five trials of one sweep.
const curves = {
  good: [0.3, 0.2, 0.15, 0.12, 0.1, 0.09, 0.085, 0.08, 0.078],
  fair: [0.35, 0.25, 0.2, 0.18, 0.17, 0.16, 0.155, 0.15, 0.149],
  slow: [0.6, 0.5, 0.45, 0.4, 0.38, 0.36, 0.35, 0.34, 0.33],
  flat: [0.9, 0.9, 0.89, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9],
  late: [0.5, 0.4, 0.3, 0.1, 0.05, 0.04, 0.03, 0.03, 0.03],
};

test('ASHA rungs sit at r, rη, rη²', () => {
  const o = { minEpochs: 1, reductionFactor: 3 };
  assert.deepEqual(
    [1, 2, 3, 4, 9, 10, 27].map((e) => isRung(e, o)),
    [true, false, true, false, true, false, true],
  );
  assert.deepEqual(
    [2, 4, 6, 8].map((e) => isRung(e, { minEpochs: 2, reductionFactor: 2 })),
    [true, true, false, true],
  );
});

test('ASHA keeps the top 1/η at a rung and stops the rest, naming the rung', () => {
  const o = { minEpochs: 1, reductionFactor: 2 };
  const others = [curves.good, curves.fair, curves.slow];
  assert.deepEqual(asha({ epoch: 2, curve: curves.fair, others: [curves.good, curves.slow, curves.flat] }, o), { stop: false });
  const stop = asha({ epoch: 2, curve: curves.flat, others }, o);
  assert.equal(stop.stop, true);
  assert.match((stop as { reason: string }).reason, /ASHA rung at epoch 2: best 0.9 is not in the top 2 of 4/);
  // Off a rung there is no decision.
  assert.deepEqual(asha({ epoch: 3, curve: curves.flat, others }, o), { stop: false });
});

test('ASHA lets the first trial to reach a rung go on', () => {
  assert.deepEqual(asha({ epoch: 1, curve: curves.flat, others: [] }, { minEpochs: 1, reductionFactor: 3 }), { stop: false });
});

test('median stopping stops a trial worse than the median of the others at the same epoch', () => {
  const o = { warmupEpochs: 2, minTrials: 3 };
  const others = [curves.good, curves.fair, curves.slow];
  assert.deepEqual(median({ epoch: 1, curve: curves.flat, others }, o), { stop: false }, 'warm-up');
  const d = median({ epoch: 2, curve: curves.flat, others }, o);
  assert.equal(d.stop, true);
  assert.match((d as { reason: string }).reason, /worse than the median 0.25 of 3 other trials/);
  assert.deepEqual(median({ epoch: 2, curve: curves.good, others: [curves.fair, curves.slow, curves.flat] }, o), { stop: false });
  assert.deepEqual(median({ epoch: 2, curve: curves.flat, others: [curves.good, curves.fair] }, o), { stop: false }, 'too few others');
});

test('median stopping uses the best value so far, so a late bloomer is judged by its best', () => {
  const o = { warmupEpochs: 1, minTrials: 2 };
  assert.deepEqual(median({ epoch: 5, curve: curves.late, others: [curves.fair, curves.slow] }, o), { stop: false });
  // Only trials that reached the epoch count.
  assert.deepEqual(median({ epoch: 9, curve: curves.slow, others: [curves.good.slice(0, 3), curves.fair.slice(0, 3)] }, o), { stop: false });
});

test('replaying a recorded sweep: ASHA lets the best curve run to the end and cuts every other one short', () => {
  const spec = PrunerSpec.parse({ type: 'asha', minEpochs: 1, reductionFactor: 2 });
  const order = ['good', 'late', 'fair', 'slow', 'flat'] as const;
  const ran: Record<string, number> = {};
  for (const name of order) {
    const others = order.filter((n) => n !== name && n in ran).map((n) => curves[n].slice(0, ran[n]));
    let epoch = 1;
    for (; epoch <= 9; epoch++) if (decidePrune(spec, { epoch, curve: curves[name].slice(0, epoch), others }).stop) break;
    ran[name] = Math.min(epoch, 9);
  }
  assert.equal(ran.good, 9);
  // With η = 2 a late bloomer is cut too: the price ASHA pays for its speed.
  for (const name of ['late', 'fair', 'slow', 'flat']) assert.ok(ran[name]! < 9, JSON.stringify(ran));
  assert.deepEqual(decidePrune(PrunerSpec.parse(undefined), { epoch: 1, curve: [1], others: [[0]] }), { stop: false });
});

test('ASHA never prunes a trial at its final epoch, even when that epoch is a rung: it would save nothing', () => {
  const spec = PrunerSpec.parse({ type: 'asha', minEpochs: 1, reductionFactor: 3 });
  const flat = Array.from({ length: 27 }, () => 0.9);
  const good = Array.from({ length: 27 }, () => 0.1);
  const others = [good, good, good];
  assert.equal(decidePrune(spec, { epoch: 9, curve: flat.slice(0, 9), others, maxEpochs: 27 }).stop, true, 'an earlier rung still prunes');
  assert.deepEqual(decidePrune(spec, { epoch: 27, curve: flat, others, maxEpochs: 27 }), { stop: false });
});

test('ASHA: only the first trial to reach a rung always goes on; the second can be cut', () => {
  const o = { minEpochs: 1, reductionFactor: 2 };
  assert.equal(asha({ epoch: 1, curve: curves.flat, others: [curves.good] }, o).stop, true);
});
