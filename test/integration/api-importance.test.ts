import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { learningRateGridTrained } from '../support/learning-rate-grid.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// GET /sweeps/:id/importance at its edges, against real Postgres and Redis with no worker
// (so no trial completes): the "too few trials" answer, a bad seed, an unknown sweep. The
// numbers themselves are tested in packages/core (analysis/importance.test.ts) and on a
// real sweep in the browser test (test/e2e/dashboard-browser.test.ts).
let t: TestApp;

before(async () => {
  t = await createTestApp('importance');
});
after(async () => t?.close());

const randomSweep = {
  name: 'importance edges',
  method: 'random',
  training: { maxEpochs: 1, trainSubset: 100, valSubset: 50 },
  budget: { maxTrials: 12 },
  space: {
    base: { model: { kind: 'softmax' } },
    parameters: { 'training.learningRate': { type: 'loguniform', min: 0.001, max: 0.1 }, 'training.batchSize': { values: [16, 32] } },
  },
};

test('a sweep with no completed trial: "too-few-trials" with the minimum and no numbers', async () => {
  const created = await t.app.inject({ method: 'POST', url: '/sweeps', payload: randomSweep });
  assert.equal(created.statusCode, 201, created.body);
  const res = await t.app.inject({ method: 'GET', url: `/sweeps/${created.json().id}/importance` });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.status, 'too-few-trials');
  assert.equal(body.objective, 'valError');
  assert.equal(body.trials, 0);
  assert.equal(body.minimum, 10);
  assert.deepEqual(body.parameters, []);
  assert.match(body.reason, /needs at least 10/);
});

test('a bad seed is 400 naming it; an unknown sweep is 404', async () => {
  const created = await t.app.inject({ method: 'POST', url: '/sweeps', payload: { ...randomSweep, name: 'importance seed' } });
  const bad = await t.app.inject({ method: 'GET', url: `/sweeps/${created.json().id}/importance?seed=-1` });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.equal(bad.json().error.issues[0].field, 'seed');
  const missing = await t.app.inject({ method: 'GET', url: '/sweeps/00000000-0000-4000-8000-00000000abcd/importance' });
  assert.equal(missing.statusCode, 404);
});

test('importance, fitted in a worker thread of the API, finds the parameter that drives the error; concurrent requests get one answer', async () => {
  const id = await learningRateGridTrained(t, 'importance fit');
  const [a, b] = await Promise.all([0, 1].map(() => t.app.inject({ method: 'GET', url: `/sweeps/${id}/importance` })));
  assert.equal(a!.statusCode, 200, a!.body);
  assert.deepEqual(a!.json(), b!.json());
  const body = a!.json();
  assert.equal(body.status, 'ok', JSON.stringify(body));
  assert.equal(body.trials, 24);
  const share = Object.fromEntries(body.parameters.map((p: { name: string; mainEffect: number }) => [p.name, p.mainEffect]));
  assert.ok(share['training.learningRate'] > 0.9, JSON.stringify(share));
  assert.ok(share['training.batchSize'] < 0.05, JSON.stringify(share));
});
