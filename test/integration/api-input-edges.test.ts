import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { effectiveBudget, type SweepSpec } from '@modelspace/core';
import type { TestDatabase } from '../support/services.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Inputs real clients sent (a fuzzer, hand-made curl, a typed client) that once escaped the
// error format or the validation, against the API on real Postgres and Redis.
let t: TestApp;
let database: TestDatabase;
let app: FastifyInstance;

before(async () => {
  t = await createTestApp('edges');
  ({ app, database } = t);
});
after(async () => t?.close());

const softmax = { model: { kind: 'softmax' } };
type Issue = { field: string; reason: string };

/** A 400 in the documented format naming `field`, and nothing written. */
async function assertRefused(res: { statusCode: number; body: string; json(): any }, field: string, reason: RegExp, status = 400) {
  assert.equal(res.statusCode, status, res.body);
  const { error } = res.json();
  assert.equal(typeof error.code, 'string', res.body);
  assert.equal(typeof error.message, 'string', res.body);
  const issue = (error.issues as Issue[] | undefined)?.find((i) => i.field === field);
  assert.ok(issue, `an issue names ${field}: ${res.body}`);
  assert.match(issue.reason, reason);
}

describe('strings Postgres cannot store are a 400 naming the field, in a dry run too', () => {
  const NUL = /NUL character/;
  const SURROGATE = /lone UTF-16 surrogate/;
  const cases: [string, object, string, RegExp][] = [
    ['NUL in the name', { name: 'a\u0000b', variants: [softmax] }, 'name', NUL],
    ['NUL in the description', { name: 'x', description: 'line\u0000', variants: [softmax] }, 'description', NUL],
    ['a lone surrogate in the name', { name: 'a\ud800b', variants: [softmax] }, 'name', SURROGATE],
    ['NUL in a variant name', { name: 'x', variants: [{ ...softmax, name: '\u0000' }] }, 'variants.0.name', NUL],
    ['NUL in a field name', { name: 'x', variants: [softmax], 'col\u0000our': 1 }, '"col\\u0000our"', NUL],
  ];
  for (const [label, body, field, reason] of cases) {
    for (const url of ['/sweeps', '/sweeps?dryRun=true']) {
      test(`${label}: POST ${url}`, async () => {
        await assertRefused(await app.inject({ method: 'POST', url, payload: body }), field, reason);
        assert.equal(await database.db.sweep.count(), 0);
      });
    }
  }

  test('a well-formed surrogate pair (an emoji) is fine', async () => {
    const res = await app.inject({ method: 'POST', url: '/sweeps?dryRun=true', payload: { name: 'digits \ud83d\ude00', variants: [softmax] } });
    assert.equal(res.statusCode, 200, res.body);
  });

  test('a YAML name with \\0', async () => {
    const yaml = 'name: "a\\0b"\nvariants:\n  - model: { kind: softmax }\n';
    for (const url of ['/sweeps', '/sweeps?dryRun=true']) {
      const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/yaml' }, payload: yaml });
      await assertRefused(res, 'name', NUL);
    }
  });

  test('PATCH addVariants with a NUL in a variant name', async () => {
    const created = await app.inject({ method: 'POST', url: '/sweeps', payload: { name: 'patch me', variants: [softmax] } });
    assert.equal(created.statusCode, 201, created.body);
    const res = await app.inject({ method: 'PATCH', url: `/sweeps/${created.json().id}`, payload: { addVariants: [{ name: 'b\u0000', model: { kind: 'logistic' } }] } });
    await assertRefused(res, 'addVariants.0.name', NUL);
    assert.equal(await database.db.trial.count({ where: { sweepId: created.json().id } }), 1);
    await database.db.sweep.deleteMany({});
  });
});

describe('framework errors come back in the documented format', () => {
  test('an id longer than 100 characters: 400 naming the id', async () => {
    await assertRefused(await app.inject({ url: `/sweeps/${'x'.repeat(101)}` }), 'id', /100/);
  });

  test('a path segment too long to route: 414 URI_TOO_LONG', async () => {
    const res = await app.inject({ url: `/sweeps/${'x'.repeat(1001)}` });
    await assertRefused(res, '(url)', /too long/, 414);
    assert.equal(res.json().error.code, 'URI_TOO_LONG');
  });

  test('a URL that is not UTF-8 (%ED%A0%80): 400', async () => {
    const res = await app.inject({ url: '/sweeps/%ED%A0%80' });
    await assertRefused(res, '(url)', /not a valid URL/);
    assert.equal(res.json().error.code, 'INVALID_REQUEST');
  });

  const json = { 'content-type': 'application/json' };
  const bodies: [string, Record<string, string>, string, number, string, RegExp][] = [
    ['an empty JSON body', json, '', 400, '(body)', /empty/],
    ['broken JSON', json, '{"name": ', 400, '(body)', /not valid JSON/],
    ['a media type the API does not read', { 'content-type': 'text/csv' }, 'name,x', 415, 'content-type', /text\/csv is not read here/],
  ];
  for (const [label, headers, payload, status, field, reason] of bodies) {
    test(`${label}: ${status} with the field`, async () => {
      const res = await app.inject({ method: 'POST', url: '/sweeps', headers, payload });
      await assertRefused(res, field, reason, status);
      assert.doesNotMatch(res.json().error.code, /^FST_/);
    });
  }
});

test('pooling that shrinks a map below 1x1 is reported on the layer, not on a filterSize nobody gave', async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/sweeps?dryRun=true',
    payload: { name: 'deep', variants: [{ model: { kind: 'convnet', featureMaps: [8, 8, 8], filterSize: 4 } }] },
  });
  await assertRefused(res, 'variants.0.model.featureMaps.2', /conv layer 3 leaves a 1x1 map that 2x2 pooling/);
});

describe('PATCH /sweeps/:id takes the budget object POST takes', () => {
  const random = {
    name: 'budgeted',
    method: 'random',
    training: { maxEpochs: 1, trainSubset: 100, valSubset: 50 },
    space: { base: { model: { kind: 'softmax' } }, parameters: { 'training.learningRate': { type: 'loguniform', min: 0.001, max: 0.1 } } },
    budget: { maxTrials: 6, maxConcurrentTrials: 2 },
  };
  let id: string;
  before(async () => {
    const res = await app.inject({ method: 'POST', url: '/sweeps', payload: random });
    assert.equal(res.statusCode, 201, res.body);
    id = res.json().id;
  });

  /** The stored definition's effective budget is what the columns say. */
  async function assertInStep() {
    const sweep = (await app.inject({ url: `/sweeps/${id}?include=spec` })).json();
    const columns = {
      maxTrials: sweep.maxTrials,
      maxConcurrentTrials: sweep.maxConcurrentTrials,
      maxFailedTrials: sweep.maxFailedTrials,
      maxDurationSeconds: sweep.maxDurationSeconds,
    };
    assert.deepEqual(effectiveBudget(sweep.spec as SweepSpec), columns);
    return sweep;
  }

  test('{"budget": {"maxTrials": 600}} changes the limit, and the stored definition says so', async () => {
    const res = await app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload: { budget: { maxTrials: 600 } } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().maxTrials, 600);
    const sweep = await assertInStep();
    assert.deepEqual(sweep.spec.budget, { maxTrials: 600, maxConcurrentTrials: 2 });
  });

  test('the top-level form stays as an alias; null lifts a limit in either form', async () => {
    assert.equal((await app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload: { maxConcurrentTrials: 3 } })).json().maxConcurrentTrials, 3);
    await assertInStep();
    const lifted = await app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload: { budget: { maxTrials: null } } });
    assert.equal(lifted.statusCode, 200, lifted.body);
    assert.equal(lifted.json().maxTrials, null);
    await assertInStep();
  });

  test('a limit given both ways is refused naming it', async () => {
    const res = await app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload: { maxTrials: 5, budget: { maxTrials: 6 } } });
    await assertRefused(res, 'maxTrials', /given twice/);
  });

  test('an unknown field gets no hint naming a field the answer calls unknown', async () => {
    for (const payload of [{ budjet: { maxTrials: 5 } }, { budget: { maxTrialz: 5 } }]) {
      const res = await app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload });
      assert.equal(res.statusCode, 400, res.body);
      const issues = res.json().error.issues as Issue[];
      const unknown = issues.filter((i) => i.reason === 'unknown field').map((i) => i.field.split('.').pop()!);
      assert.ok(unknown.length, res.body);
      for (const name of unknown) for (const i of issues) if (i.reason !== 'unknown field') assert.ok(!i.reason.includes(name), res.body);
      assert.doesNotMatch(res.body, /nothing to change/);
    }
    const empty = await app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload: {} });
    await assertRefused(empty, '', /nothing to change: give budget/);
  });

  test('POST accepts null in the budget too: no limit instead of the method default', async () => {
    const res = await app.inject({ method: 'POST', url: '/sweeps?dryRun=true', payload: { ...random, budget: { maxTrials: null } } });
    assert.equal(res.statusCode, 200, res.body);
  });
});
