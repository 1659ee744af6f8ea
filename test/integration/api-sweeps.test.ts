import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { enqueueTrials, type TrialQueue } from '@modelspace/queue';
import type { TestDatabase } from '../support/services.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The API against real Postgres and Redis, with no worker running: every job it enqueues
// stays waiting, so the queue's contents can be checked exactly.
let t: TestApp;
let database: TestDatabase;
let queue: TrialQueue;
let app: FastifyInstance;

before(async () => {
  t = await createTestApp('api');
  ({ app, database, queue } = t);
});

after(async () => t?.close());

const validSweep = {
  name: 'api test',
  training: { maxEpochs: 2, trainSubset: 100, valSubset: 50 },
  variants: [
    { name: 'softmax', model: { kind: 'softmax' } },
    { model: { kind: 'convnet', activation: 'tanh', featureMaps: [4, 8], denseUnits: 16 }, training: { batchSize: 16 } },
  ],
};

async function postJson(body: unknown) {
  return app.inject({ method: 'POST', url: '/sweeps', payload: body as object });
}

async function counts() {
  const rows = await database.db.sweep.count();
  const trials = await database.db.trial.count();
  const jobs = await queue.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized');
  return { rows, trials, jobs };
}

describe('POST /sweeps rejects bad input with 400 naming the field, and writes nothing', () => {
  const cases: [string, () => ReturnType<typeof postJson>, string, RegExp][] = [
    ['malformed JSON', () => app.inject({ method: 'POST', url: '/sweeps', headers: { 'content-type': 'application/json' }, payload: '{"name": "x", ' }), '', /JSON/i],
    ['malformed YAML', () => app.inject({ method: 'POST', url: '/sweeps', headers: { 'content-type': 'application/yaml' }, payload: 'name: [x\nvariants: {' }), '', /YAML/],
    ['unknown top-level field', () => postJson({ ...validSweep, colour: 'red' }), 'colour', /unknown field/],
    ['unknown field in a model', () => postJson({ ...validSweep, variants: [{ model: { kind: 'softmax', depth: 3 } }] }), 'variants.0.model.depth', /unknown field/],
    ['wrong type', () => postJson({ ...validSweep, training: { batchSize: 'big' } }), 'training.batchSize', /number/],
    ['negative epochs', () => postJson({ ...validSweep, training: { maxEpochs: -3 } }), 'training.maxEpochs', />=1/],
    ['empty variant list', () => postJson({ ...validSweep, variants: [] }), 'variants', /at least one variant/],
    ['unknown model kind', () => postJson({ ...validSweep, variants: [{ model: { kind: 'transformer' } }] }), 'variants.0.model.kind', /unknown model kind "transformer"/],
    ['missing name', () => postJson({ variants: validSweep.variants }), 'name', /expected string/],
    ['impossible architecture', () => postJson({ ...validSweep, variants: [{ model: { kind: 'convnet', filterSize: 13 } }] }), 'variants.0.model.filterSize', /larger than/],
    [
      'a layer stack with a pool larger than its input',
      () =>
        postJson({
          ...validSweep,
          variants: [{ model: { kind: 'layers', layers: [{ type: 'conv2d', filters: 4, kernel: 5, stride: 4 }, { type: 'maxPool', size: 8 }, { type: 'flatten' }] } }],
        }),
      'variants.0.model.layers.1.size',
      /layer 1 \(maxPool\): a 8x8 pool is larger than its 6x6 input/,
    ],
    [
      'a dense layer before flatten',
      () => postJson({ ...validSweep, variants: [{ model: { kind: 'layers', layers: [{ type: 'dense', units: 8 }] } }] }),
      'variants.0.model.layers.0.type',
      /needs a flat input/,
    ],
    ['a body that is not an object', () => postJson([1, 2, 3]), '', /expected object/],
  ];
  for (const [label, send, field, reason] of cases) {
    test(label, async () => {
      const before = await counts();
      const res = await send();
      assert.equal(res.statusCode, 400, res.body);
      const { error } = res.json();
      assert.match(error.message, reason);
      if (field) {
        const issue = error.issues.find((i: { field: string }) => i.field === field);
        assert.ok(issue, `an issue names ${field}: ${res.body}`);
        assert.match(issue.reason, reason);
      }
      assert.deepEqual(await counts(), before, 'a rejected sweep leaves no rows and no jobs');
    });
  }
});

describe('a valid sweep', () => {
  let sweepId: string;
  let trialIds: string[];

  test('YAML body → 201, one Trial row and one job per variant, jobId = trial id', async () => {
    const yaml = [
      'name: yaml sweep',
      'training: {maxEpochs: 1, trainSubset: 64, valSubset: 32}',
      'variants:',
      '  - {model: {kind: softmax}}',
      '  - {model: {kind: convnet, featureMaps: [2, 2], denseUnits: 4}}',
      '  - {name: third, model: {kind: softmax}, training: {learningRate: 0.1}}',
    ].join('\n');
    const res = await app.inject({ method: 'POST', url: '/sweeps', headers: { 'content-type': 'application/yaml' }, payload: yaml });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    sweepId = body.id;
    trialIds = body.trialIds;
    assert.equal(res.headers.location, `/sweeps/${sweepId}`);
    assert.equal(body.status, 'queued');
    assert.deepEqual(body.trialCounts, { queued: 3, running: 0, completed: 0, failed: 0, cancelled: 0, pruned: 0, total: 3 });
    const trials = await database.db.trial.findMany({ where: { sweepId }, orderBy: { index: 'asc' } });
    assert.deepEqual(
      trials.map((t) => t.id),
      trialIds,
    );
    assert.equal((trials[2]!.training as { learningRate: number }).learningRate, 0.1);
    assert.equal((trials[0]!.training as { maxEpochs: number }).maxEpochs, 1);
    for (const id of trialIds) {
      const job = await queue.getJob(id);
      assert.ok(job, `job ${id} exists`);
      assert.deepEqual(job.data, { trialId: id, sweepId });
    }
  });

  test('enqueueing the same trials again adds no job', async () => {
    const before = await queue.getJobCountByTypes('waiting');
    await enqueueTrials(
      queue,
      trialIds.map((trialId) => ({ trialId, sweepId })),
    );
    assert.equal(await queue.getJobCountByTypes('waiting'), before);
  });

  test('GET /sweeps lists it; GET /sweeps/:id, /trials, /trials/:id and /epochs answer', async () => {
    const list = (await app.inject({ url: '/sweeps?limit=10' })).json();
    assert.ok(list.items.some((s: { id: string }) => s.id === sweepId));
    assert.equal(list.limit, 10);
    const sweep = (await app.inject({ url: `/sweeps/${sweepId}` })).json();
    assert.equal(sweep.name, 'yaml sweep');
    const trials = (await app.inject({ url: `/sweeps/${sweepId}/trials` })).json();
    assert.deepEqual(
      trials.items.map((t: { name: string }) => t.name),
      ['variant 1', 'variant 2', 'third'],
    );
    const trial = (await app.inject({ url: `/trials/${trialIds[1]}` })).json();
    assert.equal(trial.model.kind, 'convnet');
    assert.deepEqual((await app.inject({ url: `/trials/${trialIds[1]}/epochs` })).json(), { items: [] });
  });

  test('GET /sweeps/:id/best before any trial completed says so', async () => {
    const best = (await app.inject({ url: `/sweeps/${sweepId}/best?metric=testError` })).json();
    assert.equal(best.trial, null);
    assert.equal(best.metric, 'testError');
  });

  test('GET /sweeps/:id/best with an unknown metric is a 400 naming it', async () => {
    const res = await app.inject({ url: `/sweeps/${sweepId}/best?metric=accuracy` });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.issues[0].field, 'metric');
  });

  test('POST /sweeps/:id/cancel removes the queued jobs and cancels every trial; a second cancel is 409', async () => {
    const res = await app.inject({ method: 'POST', url: `/sweeps/${sweepId}/cancel` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'cancelled');
    assert.equal(res.json().removedJobs, 3);
    for (const id of trialIds) assert.equal(await queue.getJob(id), undefined);
    const states = await database.db.trial.findMany({ where: { sweepId }, select: { status: true } });
    assert.deepEqual(
      states.map((t) => t.status),
      ['cancelled', 'cancelled', 'cancelled'],
    );
    const again = await app.inject({ method: 'POST', url: `/sweeps/${sweepId}/cancel` });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'CONFLICT');
  });
});

describe('unknown ids are 404', () => {
  const missing = '00000000-0000-4000-8000-000000000000';
  for (const [method, url] of [
    ['GET', `/sweeps/${missing}`],
    ['GET', `/sweeps/${missing}/trials`],
    ['GET', `/sweeps/${missing}/best`],
    ['POST', `/sweeps/${missing}/cancel`],
    ['GET', `/trials/${missing}`],
    ['GET', `/trials/${missing}/epochs`],
    ['GET', '/sweeps/not-a-uuid'],
    ['GET', '/trials/42'],
    ['GET', '/no-such-route'],
  ] as const) {
    test(`${method} ${url}`, async () => {
      const res = await app.inject({ method, url });
      assert.equal(res.statusCode, 404, res.body);
      assert.equal(res.json().error.code, 'NOT_FOUND');
    });
  }
});

test('GET /ready reports Postgres and Redis reachable', async () => {
  const res = await app.inject({ url: '/ready' });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ready', postgres: true, redis: true });
});
