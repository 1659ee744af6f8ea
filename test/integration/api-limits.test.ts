import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '@modelspace/api';
import { createApiKey, createProject } from '@modelspace/db';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Hostile or oversized input is refused with 400/413/429 naming the field or the limit,
// and leaves no rows behind.

let t: TestApp;
const limits = { maxDepth: 64, maxAliases: 100, maxVariantsPerSweep: 3, maxGridSize: 10 };

before(async () => {
  t = await createTestApp('limits', { bodyLimit: 16 * 1024, limits });
});
after(async () => t?.close());

const variant = (i: number) => ({ name: `v${i}`, model: { kind: 'softmax' }, training: { batchSize: 10 + i } });
const sweep = (n: number) => ({ name: 'limits', training: { maxEpochs: 1 }, variants: Array.from({ length: n }, (_, i) => variant(i)) });

async function rows() {
  return { sweeps: await t.database.db.sweep.count(), trials: await t.database.db.trial.count() };
}

async function refused(payload: string | object, contentType: string, status: number) {
  const before = await rows();
  const res = await t.app.inject({ method: 'POST', url: '/sweeps', headers: { 'content-type': contentType }, payload });
  assert.equal(res.statusCode, status, res.body);
  assert.deepEqual(await rows(), before, 'nothing written');
  return res.json().error as { code: string; message: string; issues?: { field: string; reason: string }[] };
}

describe('body size', () => {
  test('a body over BODY_LIMIT_BYTES is 413 naming the limit', async () => {
    const err = await refused({ ...sweep(1), description: 'x'.repeat(20 * 1024) }, 'application/json', 413);
    assert.equal(err.code, 'TOO_LARGE');
    assert.match(err.message, /larger than the limit of 16384 bytes \(BODY_LIMIT_BYTES\)/);
  });
});

describe('YAML is parsed safely', () => {
  test('an alias bomb is refused before it expands', async () => {
    const bomb = [
      'name: bomb',
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ].join('\n');
    const err = await refused(bomb, 'application/yaml', 400);
    assert.match(err.message, /more than 100 alias expansions/);
  });

  for (const [label, doc] of [
    ['a language tag', 'name: !!js/function "function () { return 1 }"\nvariants: [{model: {kind: softmax}}]'],
    ['a custom tag', 'name: !secret x\nvariants: [{model: {kind: softmax}}]'],
    ['a tag outside the core schema', 'name: !!binary aGVsbG8=\nvariants: [{model: {kind: softmax}}]'],
  ]) {
    test(`${label} is refused`, async () => {
      const err = await refused(doc!, 'application/yaml', 400);
      assert.match(err.message, /not valid YAML or JSON: .*tag/i);
    });
  }

  test('nesting deeper than the limit is refused, in YAML and in JSON', async () => {
    const deepYaml = `name: deep\ndescription: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    assert.match((await refused(deepYaml, 'application/yaml', 400)).message, /nested deeper than 64 levels/);
    const deepJson = `{"name": "deep", "description": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const err = await refused(deepJson, 'application/json', 400);
    assert.match(err.message, /nested deeper than 64 levels/);
    assert.equal(err.issues?.[0]?.field, '');
  });
});

describe('sweep size', () => {
  test('more variants than MAX_VARIANTS_PER_SWEEP is 400 on "variants"', async () => {
    const err = await refused(sweep(4), 'application/json', 400);
    assert.deepEqual(
      err.issues?.map((i) => i.field),
      ['variants'],
    );
    assert.match(err.issues![0]!.reason, /4 variants; at most 3 per sweep \(MAX_VARIANTS_PER_SWEEP\)/);
  });

  test('a PATCH that would pass the limit is refused and changes nothing', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/sweeps', payload: sweep(2) });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const res = await t.app.inject({ method: 'PATCH', url: `/sweeps/${id}`, payload: { addVariants: [variant(7), variant(8)] } });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.issues[0].field, 'variants');
    const spec = (await t.database.db.sweep.findUniqueOrThrow({ where: { id } })).spec as { variants: unknown[] };
    assert.equal(spec.variants.length, 2);
  });

  test('a grid larger than MAX_GRID_SIZE is 400 on "space.parameters"', async () => {
    const grid = { name: 'grid', method: 'grid', space: { base: { model: { kind: 'softmax' } }, parameters: { 'training.batchSize': { type: 'int', min: 1, max: 12 } } } };
    const err = await refused(grid, 'application/json', 400);
    assert.equal(err.issues?.[0]?.field, 'space.parameters');
    assert.match(err.issues![0]!.reason, /12 points; at most 10 \(MAX_GRID_SIZE\)/);
  });

  test('a grid of a billion points is refused without listing it', async () => {
    const grid = {
      name: 'grid',
      method: 'grid',
      space: { base: { model: { kind: 'softmax' } }, parameters: { 'training.batchSize': { type: 'int', min: 1, max: 1_000_000_000 } } },
    };
    const started = Date.now();
    const err = await refused(grid, 'application/json', 400);
    assert.match(err.issues![0]!.reason, /the grid has 1000000000 points; at most 1000000/);
    assert.ok(Date.now() - started < 30_000);
  });
});

describe('rate limit per key', () => {
  let limited: TestApp;
  before(async () => {
    limited = await createTestApp('ratelimit', { auth: 'required', rateLimitPerMinute: 5 });
  });
  after(async () => limited?.close());

  test('the 6th request in a minute is 429 with Retry-After; another key and a second API process agree', async () => {
    const db = limited.database.db;
    await createProject(db, 'rl');
    const one = (await createApiKey(db, { project: 'rl', role: 'read' })).key;
    const two = (await createApiKey(db, { project: 'rl', role: 'read' })).key;
    const get = (app: typeof limited.app, key: string) => app.inject({ method: 'GET', url: '/sweeps', headers: { authorization: `Bearer ${key}` } });
    for (let i = 0; i < 5; i++) assert.equal((await get(limited.app, one)).statusCode, 200);
    const over = await get(limited.app, one);
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().error.code, 'RATE_LIMITED');
    assert.match(over.json().error.message, /at most 5 requests per minute for this key/);
    assert.ok(Number(over.headers['retry-after']) > 0 && Number(over.headers['retry-after']) <= 60);
    assert.equal((await get(limited.app, two)).statusCode, 200, 'each key has its own budget');
    // A second API process on the same Redis shares the counters.
    const second = await buildApp(
      { db, trialQueue: limited.queue, redis: limited.redis.redis, names: { prefix: limited.redis.prefix } },
      { auth: 'required', rateLimitPerMinute: 5 },
    );
    try {
      assert.equal((await get(second, one)).statusCode, 429);
    } finally {
      await second.close();
    }
    // Public routes are not counted.
    assert.equal((await limited.app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
  });

  test('logins are counted per address: the 11th in a minute is 429, even with a good key', async () => {
    const db = limited.database.db;
    await createProject(db, 'login');
    const good = (await createApiKey(db, { project: 'login', role: 'read' })).key;
    const login = (key: string, ip = '10.0.0.7') => limited.app.inject({ method: 'POST', url: '/auth/login', remoteAddress: ip, payload: { key } });
    for (let i = 0; i < 10; i++) assert.equal((await login(`ms_guess_${i}`)).statusCode, 401);
    const over = await login(good);
    assert.equal(over.statusCode, 429);
    assert.match(over.json().error.message, /too many logins: at most 10 a minute from one address/);
    assert.equal((await login(good, '10.0.0.8')).statusCode, 200, 'another address has its own budget');
  });
});
