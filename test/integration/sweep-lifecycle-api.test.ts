import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { TrialQueue } from '@modelspace/queue';
import type { TestDatabase } from '../support/services.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Search sweeps and their lifecycle through the API on real Postgres and Redis, no worker:
// what the scheduler creates and enqueues can be checked exactly.
let t: TestApp;
let database: TestDatabase;
let queue: TrialQueue;
let app: FastifyInstance;

before(async () => {
  t = await createTestApp('lifecycle');
  ({ app, database, queue } = t);
});

after(async () => t?.close());

const randomSweep = {
  name: 'random',
  method: 'random',
  training: { maxEpochs: 1, trainSubset: 100, valSubset: 50 },
  space: {
    base: { model: { kind: 'convnet', featureMaps: [2, 4], denseUnits: 8 } },
    parameters: { 'model.activation': { values: ['relu', 'tanh', 'sigmoid'] }, 'training.learningRate': { type: 'loguniform', min: 0.001, max: 0.1 } },
  },
  budget: { maxTrials: 6, maxConcurrentTrials: 2 },
};

test('POST /sweeps?dryRun=true counts the trials and shows the first proposals, creating nothing', async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/sweeps?dryRun=true',
    payload: {
      ...randomSweep,
      method: 'grid',
      space: { parameters: { 'model.kind': { values: ['softmax', 'convnet'] }, 'training.learningRate': { values: [0.01, 0.1] } } },
      budget: {},
    },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().trials, 4);
  assert.equal(res.json().proposals.length, 4);
  assert.equal(await database.db.sweep.count(), 0);
});

test('a random sweep starts with maxConcurrentTrials trials queued, each with a unique variant hash', async () => {
  const res = await app.inject({ method: 'POST', url: '/sweeps', payload: randomSweep });
  assert.equal(res.statusCode, 201, res.body);
  const { id, trialIds } = res.json();
  assert.equal(trialIds.length, 2);
  for (const t of trialIds) assert.ok(await queue.getJob(t));
  const trials = await database.db.trial.findMany({ where: { sweepId: id } });
  assert.equal(new Set(trials.map((t) => t.variantHash)).size, 2);
  // The database refuses the same variant twice in a sweep.
  await assert.rejects(
    database.db.trial.create({
      data: { ...trials[0]!, id: crypto.randomUUID(), index: 99, model: trials[0]!.model as object, training: trials[0]!.training as object, params: undefined, diff: undefined },
    }),
  );

  const path = (await app.inject({ url: `/sweeps/${id}/path` })).json();
  assert.deepEqual(
    path.order,
    trials.sort((a, b) => a.index - b.index).map((t) => t.id),
  );

  // Lifecycle: pause, a second pause is 409, resume, stop, resume after stop is 409.
  assert.equal((await app.inject({ method: 'POST', url: `/sweeps/${id}/pause` })).json().status, 'paused');
  const again = await app.inject({ method: 'POST', url: `/sweeps/${id}/pause` });
  assert.equal(again.statusCode, 409);
  assert.match(again.json().error.message, /it is paused/);
  assert.equal((await app.inject({ method: 'POST', url: `/sweeps/${id}/resume` })).json().status, 'queued');
  const stopped = (await app.inject({ method: 'POST', url: `/sweeps/${id}/stop` })).json();
  assert.equal(stopped.status, 'stopped');
  assert.equal(stopped.removedJobs, 2);
  const resume = await app.inject({ method: 'POST', url: `/sweeps/${id}/resume` });
  assert.equal(resume.statusCode, 409);

  // PATCH reopens a stopped sweep with more room; new trials are queued.
  const patched = await app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload: { maxTrials: 8 } });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.equal(patched.json().maxTrials, 8);
  assert.equal(patched.json().trialCounts.queued, 2);
  const bad = await app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload: { maxTrials: 0 } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.issues[0].field, 'maxTrials');

  assert.equal((await app.inject({ method: 'POST', url: `/sweeps/${id}/cancel` })).statusCode, 200);
  assert.equal((await app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload: { maxTrials: 9 } })).statusCode, 409);
});
