import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createApiKey, createProject, revokeApiKey, type Db } from '@modelspace/db';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { bandImages, npyUint8 } from '@modelspace/core/testing';
import { multipart } from '../support/multipart.ts';

// Every route of the app × every kind of caller → the status it must get, with API keys
// required (as `npm run api` runs). The routes come from the app itself, so a route added
// without a line here fails the first test.

type Who = 'none' | 'bad' | 'revoked' | 'read' | 'write' | 'other';
const WHO: Who[] = ['none', 'bad', 'revoked', 'read', 'write', 'other'];

let t: TestApp;
let app: FastifyInstance;
let db: Db;
const keys = {} as Record<Who, string | undefined>;
let sweepId: string;
let trialId: string;
let datasetId: string;

/** A small uploaded dataset; each caller that may upload gets a fresh name (a taken one is a 409). */
const bands = bandImages(10, 4, 4, 1, 2);
let uploads = 0;
const datasetUpload = () =>
  multipart({ name: `matrix-set-${++uploads}`, classes: '2' }, { trainImages: npyUint8([10, 4, 4], bands.images), trainLabels: npyUint8([10], bands.labels) });

const sweepBody = {
  name: 'matrix',
  training: { maxEpochs: 1, trainSubset: 100, valSubset: 50 },
  variants: [
    { name: 'softmax', model: { kind: 'softmax' } },
    { name: 'logistic', model: { kind: 'logistic' } },
  ],
};
const image = { images: [new Array(784).fill(0)] };

/**
 * What the owner's write key gets on each route, for a sweep that was cancelled (so its
 * event stream ends, and every lifecycle change is a 409 from the handler itself). `body`
 * is sent with the request. Public routes are checked apart (any caller, never 401/403).
 */
const MATRIX: Record<string, { status: number; body?: object; query?: string }> = {
  'GET /sweeps': { status: 200 },
  'POST /sweeps': { status: 201, body: sweepBody },
  'GET /sweeps/:id': { status: 200 },
  'GET /sweeps/:id/spec': { status: 200 },
  'PATCH /sweeps/:id': { status: 409, body: { maxTrials: 5 } },
  'GET /sweeps/:id/trials': { status: 200 },
  'GET /sweeps/:id/best': { status: 200 },
  'GET /sweeps/:id/path': { status: 200 },
  'GET /sweeps/:id/events': { status: 200 },
  'GET /sweeps/:id/trials.csv': { status: 200 },
  'GET /sweeps/:id/trials.json': { status: 200 },
  'GET /sweeps/:id/table.md': { status: 200 },
  'GET /sweeps/:id/table': { status: 200 },
  'GET /sweeps/:id/epochs': { status: 200 },
  'GET /sweeps/:id/importance': { status: 200 }, // "too few trials" is an answer, not an error
  'GET /sweeps/:id/timeline': { status: 200 },
  'GET /sweeps/:id/best/model': { status: 404 }, // no completed trial yet: the handler says so
  'POST /sweeps/:id/best/predict': { status: 404, body: image },
  'POST /sweeps/:id/pause': { status: 409 },
  'POST /sweeps/:id/resume': { status: 409 },
  'POST /sweeps/:id/stop': { status: 409 },
  'POST /sweeps/:id/cancel': { status: 409 },
  'GET /trials/:id': { status: 200 },
  'GET /trials/:id/epochs': { status: 200 },
  'GET /trials/:id/logs': { status: 200 },
  'GET /trials/:id/logs/events': { status: 200 }, // the trial was cancelled: the stream ends at once
  'GET /trials/:id/model': { status: 404 }, // never trained: no model stored
  'GET /trials/:id/model/model.json': { status: 404 },
  'GET /trials/:id/model/weights.bin': { status: 404 },
  'POST /trials/:id/predict': { status: 404, body: image },
  'GET /workers': { status: 200 },
  'GET /metrics': { status: 200 },
  'GET /auth/whoami': { status: 200 },
  'POST /datasets': { status: 201 },
  'GET /datasets': { status: 200 },
  'GET /datasets/:id': { status: 200 },
  'DELETE /datasets/:id': { status: 409 }, // a sweep names it
};

const SCOPED = ['sweep', 'trial', 'dataset'];

function request(method: string, url: string, who: Who, opts: { id?: string; body?: object; query?: string } = {}): InjectOptions {
  const path = url
    .replace(':id', opts.id ?? (url.startsWith('/trials') ? trialId : url.startsWith('/datasets') ? datasetId : sweepId))
    .replace(':file', 'app.js')
    .replace('*', 'index.html');
  const key = keys[who];
  return {
    method: method as InjectOptions['method'],
    url: path + (opts.query ?? ''),
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(opts.body ? { payload: opts.body } : {}),
    // An upload is a multipart form, not a JSON body.
    ...(method === 'POST' && url === '/datasets'
      ? (({ payload, headers }) => ({ payload, headers: { ...headers, ...(key ? { authorization: `Bearer ${key}` } : {}) } }))(datasetUpload())
      : {}),
  };
}

before(async () => {
  t = await createTestApp('authmatrix', { auth: 'required' });
  app = t.app;
  db = t.database.db;
  await createProject(db, 'alpha');
  await createProject(db, 'beta');
  keys.none = undefined;
  keys.bad = `ms_zzzzzzzzzzzz_${'A'.repeat(43)}`;
  keys.read = (await createApiKey(db, { project: 'alpha', role: 'read' })).key;
  keys.write = (await createApiKey(db, { project: 'alpha', role: 'write' })).key;
  keys.other = (await createApiKey(db, { project: 'beta', role: 'write' })).key;
  const revoked = await createApiKey(db, { project: 'alpha', role: 'write' });
  await revokeApiKey(db, revoked.apiKey.prefix);
  keys.revoked = revoked.key;

  const created = await app.inject(request('POST', '/sweeps', 'write', { body: sweepBody }));
  assert.equal(created.statusCode, 201, created.body);
  sweepId = created.json().id;
  trialId = created.json().trialIds[0];
  const cancelled = await app.inject(request('POST', '/sweeps/:id/cancel', 'write'));
  assert.equal(cancelled.statusCode, 200, cancelled.body);
  // A dataset of alpha that a sweep names: DELETE is a 409 for its owner, a 404 for beta.
  const uploaded = await app.inject(request('POST', '/datasets', 'write'));
  assert.equal(uploaded.statusCode, 201, uploaded.body);
  datasetId = uploaded.json().id;
  const naming = await app.inject(request('POST', '/sweeps', 'write', { body: { ...sweepBody, training: { ...sweepBody.training, dataset: uploaded.json().name } } }));
  assert.equal(naming.statusCode, 201, naming.body);
});

after(async () => t?.close());

test('every route of the app has a line in the matrix (or is public), and every line is a route', () => {
  const routes = app.routeAccess.filter((r) => r.method !== 'HEAD');
  const missing = routes.filter((r) => r.access !== 'public' && !MATRIX[`${r.method} ${r.url}`]);
  assert.deepEqual(missing, [], 'routes without an authorization-matrix entry');
  const known = new Set(routes.map((r) => `${r.method} ${r.url}`));
  assert.deepEqual(
    Object.keys(MATRIX).filter((k) => !known.has(k)),
    [],
    'matrix entries that are not routes',
  );
  // HEAD routes are GET routes answered without a body: same access class.
  for (const head of app.routeAccess.filter((r) => r.method === 'HEAD')) {
    const get = routes.find((r) => r.method === 'GET' && r.url === head.url);
    assert.equal(get?.access ?? 'public', head.access, head.url); // swagger-ui adds a few HEAD-only pages
  }
  assert.ok(!known.has('GET /admin/queues'), 'Bull Board is not mounted when keys are required');
});

describe('each protected route × each caller', () => {
  for (const [route, expected] of Object.entries(MATRIX)) {
    const [method, url] = route.split(' ') as [string, string];
    const access = () => app.routeAccess.find((r) => r.method === method && r.url === url)!;
    test(route, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const res = await app.inject(request(method, url, who, expected));
        got[who] = res.statusCode;
        if (who === 'other' && SCOPED.includes(access().access)) {
          // Exactly what a missing id gets: neither status nor message tells it exists.
          const missing = await app.inject(request(method, url, who, { ...expected, id: randomUUID() }));
          assert.equal(res.statusCode, 404, `${route} other project: ${res.body}`);
          assert.equal(missing.statusCode, 404);
          assert.deepEqual(
            { ...res.json().error, message: res.json().error.message.replace(sweepId, 'ID').replace(trialId, 'ID').replace(datasetId, 'ID') },
            { ...missing.json().error, message: missing.json().error.message.replace(/[0-9a-f-]{36}/, 'ID') },
          );
        }
      }
      const write = access().write;
      const scoped = SCOPED.includes(access().access);
      assert.deepEqual(got, {
        none: 401,
        bad: 401,
        revoked: 401,
        read: write ? 403 : expected.status,
        write: expected.status,
        other: scoped ? 404 : expected.status,
      });
    });
  }
});

test('public routes answer every caller, with or without a key', async () => {
  const publicRoutes = app.routeAccess.filter((r) => r.access === 'public' && r.method === 'GET');
  assert.ok(publicRoutes.some((r) => r.url === '/health') && publicRoutes.some((r) => r.url === '/dashboard/:file'));
  for (const r of publicRoutes) {
    for (const who of ['none', 'bad'] as Who[]) {
      const res = await app.inject(request('GET', r.url, who));
      assert.ok(![401, 403].includes(res.statusCode), `${r.url} as ${who}: ${res.statusCode}`);
    }
  }
});

test("a list shows only the key's project, and a sweep is created in the key's project", async () => {
  const alpha = (await app.inject(request('GET', '/sweeps', 'read'))).json();
  assert.ok(alpha.items.some((s: { id: string }) => s.id === sweepId));
  const created = await app.inject(request('POST', '/sweeps', 'other', { body: sweepBody }));
  assert.equal(created.statusCode, 201);
  const beta = (await app.inject(request('GET', '/sweeps', 'other'))).json();
  assert.ok(!beta.items.some((s: { id: string }) => s.id === sweepId), "beta sees none of alpha's sweeps");
  assert.ok(beta.items.every((s: { projectId: string }) => s.projectId === beta.items[0].projectId));
  assert.ok(beta.items.some((s: { id: string }) => s.id === created.json().id));
  const row = await db.sweep.findUniqueOrThrow({ where: { id: created.json().id }, include: { project: true } });
  assert.equal(row.project.name, 'beta');
});

test('401 and 403 say what is wrong', async () => {
  const none = await app.inject(request('GET', '/sweeps', 'none'));
  assert.match(none.json().error.message, /API key is required/);
  assert.equal(none.json().error.code, 'UNAUTHENTICATED');
  assert.equal(none.headers['www-authenticate'], 'Bearer');
  const revoked = await app.inject(request('GET', '/sweeps', 'revoked'));
  assert.match(revoked.json().error.message, /unknown or revoked/);
  const read = await app.inject(request('POST', '/sweeps/:id/pause', 'read'));
  assert.equal(read.json().error.code, 'FORBIDDEN');
  assert.match(read.json().error.message, /read-only: POST \/sweeps\/:id\/pause needs a write key/);
  const malformed = await app.inject({ method: 'GET', url: '/sweeps', headers: { authorization: 'Basic abc' } });
  assert.equal(malformed.statusCode, 401);
});

test('the dashboard logs in with a key and then reads the sweep and its event stream by cookie', async () => {
  const refused = await app.inject({ method: 'POST', url: '/auth/login', payload: { key: keys.revoked } });
  assert.equal(refused.statusCode, 401);
  const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { key: keys.read } });
  assert.equal(login.statusCode, 200, login.body);
  const cookie = login.cookies.find((c) => c.name === 'modelspace_key');
  assert.ok(cookie, 'a cookie is set');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.ok(!login.body.includes(keys.read!), 'the key is not echoed');
  const headers = { cookie: `modelspace_key=${cookie.value}` };
  const sweep = await app.inject({ method: 'GET', url: `/sweeps/${sweepId}`, headers });
  assert.equal(sweep.statusCode, 200);
  const events = await app.inject({ method: 'GET', url: `/sweeps/${sweepId}/events`, headers });
  assert.equal(events.statusCode, 200);
  assert.match(String(events.headers['content-type']), /text\/event-stream/);
  assert.match(events.body, /"status":"cancelled"/);
  const whoami = (await app.inject({ method: 'GET', url: '/auth/whoami', headers })).json();
  assert.deepEqual([whoami.project, whoami.role, whoami.auth], ['alpha', 'read', 'required']);
  const logout = await app.inject({ method: 'POST', url: '/auth/logout', headers });
  assert.match(String(logout.headers['set-cookie']), /modelspace_key=;/);
});

test('a revoked key stops working at once', async () => {
  const { key, apiKey } = await createApiKey(db, { project: 'alpha', role: 'read' });
  const auth = { authorization: `Bearer ${key}` };
  assert.equal((await app.inject({ method: 'GET', url: '/sweeps', headers: auth })).statusCode, 200);
  await revokeApiKey(db, apiKey.prefix);
  assert.equal((await app.inject({ method: 'GET', url: '/sweeps', headers: auth })).statusCode, 401);
});

test("datasets are the key's project's: beta lists none of alpha's, and cannot name one in a sweep", async () => {
  const alpha = (await app.inject(request('GET', '/datasets', 'read'))).json();
  const beta = (await app.inject(request('GET', '/datasets', 'other'))).json();
  const name = alpha.items.find((d: { id: string }) => d.id === datasetId).name;
  assert.ok(!beta.items.some((d: { id: string }) => d.id === datasetId));
  assert.equal((await app.inject(request('GET', '/datasets/:id', 'other', { id: name }))).statusCode, 404, 'by name too');
  const named = await app.inject(request('POST', '/sweeps', 'other', { body: { ...sweepBody, training: { ...sweepBody.training, dataset: name } } }));
  assert.equal(named.statusCode, 400, named.body);
  assert.equal(named.json().error.issues[0].field, 'training.dataset');
});
