import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/processes.ts';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { completeTrial, recordEpochWithCheckpoint, startTrial } from '@modelspace/db';
import { sweepEventsKey } from '@modelspace/queue';
import { followSweepStream } from '@modelspace/cli';
import { waitFor, type TestDatabase, type TestRedis } from '../support/services.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The query side of the API against real Postgres and Redis with no worker: trial results
// are written through the same repository functions a worker uses, so every number the
// endpoints return is known in advance.
let t: TestApp;
let database: TestDatabase;
let redis: TestRedis;
let app: FastifyInstance;

before(async () => {
  t = await createTestApp('watchq');
  ({ app, database, redis } = t);
  fixture = await finishedSweep('query fixture');
});

after(async () => t?.close());

const get = async (url: string) => app.inject({ url });
let fixture: { id: string; trials: Record<string, string> };

/** Val errors per epoch of each trial: A is best at its best epoch, B at its last epoch. */
const CURVES: Record<string, number[]> = {
  A: [0.3, 0.1, 0.25], // best epoch 0.10, last 0.25
  B: [0.3, 0.15, 0.12], // best epoch 0.12, last 0.12
  C: [0.5, 0.4, 0.35],
};

async function finishedSweep(name: string): Promise<{ id: string; trials: Record<string, string> }> {
  const res = await app.inject({
    method: 'POST',
    url: '/sweeps',
    payload: {
      name,
      training: { maxEpochs: 3, trainSubset: 100, valSubset: 50 },
      variants: [
        { name: 'A', model: { kind: 'softmax' } },
        { name: 'B', model: { kind: 'convnet', activation: 'tanh', featureMaps: [4, 8], denseUnits: 16 } },
        { name: 'C', model: { kind: 'convnet', activation: 'relu', featureMaps: [4, 8], denseUnits: 16 } },
        { name: 'D (never ran)', model: { kind: 'logistic' } },
      ],
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const sweep = res.json();
  const rows = await database.db.trial.findMany({ where: { sweepId: sweep.id } });
  const trials = Object.fromEntries(rows.map((t) => [t.name, t.id]));
  for (const [name, curve] of Object.entries(CURVES)) {
    const id = trials[name]!;
    const start = await startTrial(database.db, sweep.id, id, 'test-worker');
    assert.equal(start.outcome, 'claimed');
    const claim = start.outcome === 'claimed' ? start.trial.attempts : NaN;
    for (const [i, valError] of curve.entries()) {
      const epoch = { epoch: i + 1, trainLoss: 1, trainError: valError, valLoss: valError * 2, valError, durationMs: 1000, samplesPerSec: 500 };
      assert.ok((await recordEpochWithCheckpoint(database.db, id, claim, epoch, null)).saved);
    }
    const best = Math.min(...curve);
    await completeTrial(database.db, id, {
      bestValError: best,
      bestValLoss: best * 2,
      bestEpoch: curve.indexOf(best) + 1,
      testError: best + 0.01,
      testLoss: 0.5,
      epochsRun: 3,
      stopReason: 'max_epochs',
      durationMs: 3000,
      backend: 'wasm',
      paramCount: 1000,
    });
  }
  return { id: sweep.id, trials };
}

describe('OpenAPI', () => {
  test('GET /openapi.json is a valid OpenAPI 3.1 document', async () => {
    const res = await get('/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1));
  });

  test('every route of the API is described, with a summary, and hidden ones are not', async () => {
    const doc = (await get('/openapi.json')).json();
    const toOpenApi = (url: string) => url.replace(/:(\w+)/g, '{$1}');
    assert.ok(app.describedRoutes.length >= 20, `found ${app.describedRoutes.length} routes`);
    for (const r of app.describedRoutes) {
      const op = doc.paths[toOpenApi(r.url)]?.[r.method.toLowerCase()];
      assert.ok(op, `${r.method} ${r.url} is in the document`);
      assert.ok(op.summary, `${r.method} ${r.url} has a summary`);
    }
    for (const path of ['/sweeps/{id}/events', '/sweeps/{id}/trials.csv', '/sweeps/{id}/best', '/metrics', '/health', '/ready']) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
    assert.equal(doc.paths['/dashboard/'], undefined);
    assert.equal(
      Object.keys(doc.paths).some((p) => p.startsWith('/admin')),
      false,
    );
  });

  test('the document carries the zod schemas that validate: the trial sort options are listed', async () => {
    const doc = (await get('/openapi.json')).json();
    const sort = doc.paths['/sweeps/{id}/trials'].get.parameters.find((p: { name: string }) => p.name === 'sort');
    assert.ok(sort.schema.enum.includes('valError'));
    const strategy = doc.paths['/sweeps/{id}/best'].get.parameters.find((p: { name: string }) => p.name === 'strategy');
    assert.deepEqual(strategy.schema.enum, ['best-epoch', 'last-epoch']);
  });

  test('every operation has an operationId, declared responses with bodies and the errors it gives, and only declared tags', async () => {
    const doc = (await get('/openapi.json')).json();
    const declaredTags = new Set(doc.tags.map((t: { name: string }) => t.name));
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        assert.ok(op.operationId && !ids.has(op.operationId), `${where}: a unique operationId`);
        ids.add(op.operationId);
        for (const tag of op.tags) assert.ok(declaredTags.has(tag), `${where}: tag ${tag} is declared`);
        for (const [status, r] of Object.entries(op.responses as Record<string, any>)) {
          assert.notEqual(r.description, 'Default Response', `${where} ${status}`);
          if (status !== '204') assert.ok(r.content, `${where} ${status} has a body`);
          if (Number(status) >= 400 && path !== '/ready') assert.deepEqual(r.content['application/json'].schema, { $ref: '#/components/schemas/Error' }, `${where} ${status}`);
          if (status === '429' || status === '503') assert.equal(r.headers?.['Retry-After']?.schema?.type, 'integer', `${where} ${status} declares Retry-After`);
        }
        assert.ok(
          Object.keys(op.responses).some((s) => s.startsWith('2')),
          `${where}: a success`,
        );
        if (path.includes('{id}')) assert.ok(op.responses['404'], `${where}: 404`);
      }
    }
    const op = (path: string, method = 'get') => doc.paths[path][method];
    assert.ok(op('/sweeps', 'post').responses['201'].content['application/json']);
    assert.ok(op('/sweeps', 'post').requestBody.content['application/yaml'], 'YAML bodies are declared');
    assert.ok(op('/sweeps/{id}/cancel', 'post').responses['409']);
    assert.ok(op('/sweeps/{id}', 'patch').responses['403'], 'a write route says a read key is refused');
    assert.ok(op('/trials/{id}/predict', 'post').requestBody.content['application/json'], 'predict declares its body');
    const media = (path: string) => Object.keys(op(path).responses['200'].content);
    assert.deepEqual(media('/sweeps/{id}/events'), ['text/event-stream']);
    assert.ok(op('/sweeps/{id}/events').responses['204']);
    assert.deepEqual(media('/sweeps/{id}/trials.csv'), ['text/csv']);
    assert.deepEqual(media('/sweeps/{id}/table.md'), ['text/markdown']);
    assert.deepEqual(media('/trials/{id}/model'), ['application/x-tar']);
    assert.deepEqual(media('/trials/{id}/model/weights.bin'), ['application/octet-stream']);
    assert.deepEqual(media('/metrics'), ['text/plain']);
    const lastEventId = op('/sweeps/{id}/events').parameters.find((p: { name: string }) => p.name === 'lastEventId');
    assert.equal(lastEventId.schema.pattern, '^\\d{1,20}-\\d{1,20}$');
    // Public routes need no key; the rest take the global requirement.
    for (const path of ['/health', '/ready']) assert.deepEqual(op(path).security, [], path);
    assert.equal(op('/sweeps').security, undefined);
    assert.ok(doc.security.length);
    assert.ok(doc.servers.length);
    assert.ok(doc.components.schemas.Sweep && doc.components.schemas.Trial && doc.components.schemas.Error);
  });

  test("Redocly's linter (recommended rules) finds no error in the document", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, (await get('/openapi.json')).body);
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--extends=recommended', '--format=json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const [code] = (await once(child, 'close')) as [number | null];
    const report = JSON.parse(out) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string }[] };
    const errors = report.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(errors, [], 'no error');
    assert.equal(report.totals.errors, 0);
    assert.equal(code, 0);
  });

  test('/docs serves the browsable UI', async () => {
    const res = await get('/docs/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /swagger-ui/i);
  });
});

describe('lists: pagination, sorting, filters', () => {
  test('GET /sweeps pages without overlap and reports the total, best error and counts', async () => {
    await finishedSweep('second');
    const p1 = (await get('/sweeps?limit=1&offset=0')).json();
    const p2 = (await get('/sweeps?limit=1&offset=1')).json();
    assert.equal(p1.total, 2);
    assert.equal(p1.items.length, 1);
    assert.notEqual(p1.items[0].id, p2.items[0].id);
    assert.equal(p1.items[0].name, 'second', 'newest first by default');
    const byName = (await get('/sweeps?sort=name&order=asc')).json();
    assert.deepEqual(
      byName.items.map((s: { name: string }) => s.name),
      ['query fixture', 'second'],
    );
    assert.equal(byName.items[0].bestValError, 0.1);
    assert.equal(byName.items[0].trialCounts.completed, 3);
    assert.equal(byName.items[0].trialCounts.total, 4);
  });

  test('trials sort by a metric, with trials that have none last in either direction', async () => {
    const names = async (q: string) => (await get(`/sweeps/${fixture.id}/trials?${q}`)).json().items.map((t: { name: string }) => t.name);
    assert.deepEqual(await names('sort=valError'), ['A', 'B', 'C', 'D (never ran)']);
    assert.deepEqual(await names('sort=valError&order=desc'), ['C', 'B', 'A', 'D (never ran)']);
    assert.deepEqual(await names('sort=testError&limit=2&offset=1'), ['B', 'C']);
  });

  test('trials filter by one or more states', async () => {
    const res = (await get(`/sweeps/${fixture.id}/trials?status=queued`)).json();
    assert.deepEqual(
      res.items.map((t: { name: string }) => t.name),
      ['D (never ran)'],
    );
    assert.equal(res.total, 1);
    assert.equal((await get(`/sweeps/${fixture.id}/trials?status=queued,completed`)).json().total, 4);
  });

  const bad: [string, string][] = [
    ['/sweeps?limit=0', 'limit'],
    ['/sweeps?sort=colour', 'sort'],
    ['/sweeps?order=sideways', 'order'],
    ['/sweeps?status=sleeping', 'status'],
    ['/sweeps/ID/trials?sort=accuracy', 'sort'],
    ['/sweeps/ID/trials?status=running,asleep', 'status.1'],
    ['/sweeps/ID/trials?limit=-1', 'limit'],
    ['/sweeps/ID/best?strategy=median', 'strategy'],
    ['/sweeps/ID/best?metric=accuracy', 'metric'],
  ];
  for (const [url, field] of bad) {
    test(`${url} is a 400 naming ${field}`, async () => {
      const res = await get(url.replace('ID', fixture.id));
      assert.equal(res.statusCode, 400, res.body);
      const { error } = res.json();
      assert.equal(error.code, 'INVALID_REQUEST');
      assert.ok(
        error.issues.some((i: { field: string }) => i.field === field),
        res.body,
      );
    });
  }
});

describe('GET /sweeps/:id/best', () => {
  test('best-epoch strategy: the trial with the lowest best epoch, with its variant and learning curve', async () => {
    const best = (await get(`/sweeps/${fixture.id}/best?metric=valError&strategy=best-epoch`)).json();
    assert.equal(best.trial.name, 'A');
    assert.equal(best.value, 0.1);
    assert.equal(best.epoch, 2);
    assert.equal(best.variant.model.kind, 'softmax');
    assert.deepEqual(
      best.epochs.map((e: { valError: number }) => e.valError),
      CURVES.A,
    );
  });

  test('last-epoch strategy judges each trial where it ended: B wins', async () => {
    const best = (await get(`/sweeps/${fixture.id}/best?strategy=last-epoch`)).json();
    assert.equal(best.trial.name, 'B');
    assert.equal(best.value, 0.12);
    assert.equal(best.epoch, 3);
    assert.equal(best.strategy, 'last-epoch');
    const loss = (await get(`/sweeps/${fixture.id}/best?metric=valLoss&strategy=last-epoch`)).json();
    assert.equal(loss.trial.name, 'B');
    assert.equal(loss.value, 0.24);
  });

  test('by test error: the epoch whose weights were tested (the best epoch), in either strategy', async () => {
    for (const strategy of ['best-epoch', 'last-epoch']) {
      const best = (await get(`/sweeps/${fixture.id}/best?metric=testError&strategy=${strategy}`)).json();
      assert.equal(best.trial.name, 'A');
      assert.equal(best.value, 0.11);
      assert.equal(best.epoch, 2, strategy);
    }
  });
});

describe('exports', () => {
  test('trials.csv has a header and one row per trial with the seed columns', async () => {
    const res = await get(`/sweeps/${fixture.id}/trials.csv`);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/csv/);
    const lines = res.body.trim().split('\r\n');
    assert.equal(lines.length, 5);
    assert.match(lines[0]!, /^Trial id,Model,Name,Kind,Activation,/);
    assert.match(lines[0]!, /Val error %/);
    const a = lines.find((l) => l.includes(',A,'))!;
    assert.ok(a.startsWith(fixture.trials.A!), a);
    assert.match(a, /,10\.00,11\.00,/);
    assert.ok(lines.some((l) => l.includes('"4, 8'))); // a cell with commas is quoted
  });

  test('trials.json carries every trial with its learning curve', async () => {
    const body = (await get(`/sweeps/${fixture.id}/trials.json`)).json();
    assert.equal(body.sweep.id, fixture.id);
    assert.equal(body.trials.length, 4);
    const b = body.trials.find((t: { name: string }) => t.name === 'B');
    assert.deepEqual(
      b.epochs.map((e: { valError: number }) => e.valError),
      CURVES.B,
    );
  });

  test('table.md is the seed-style Markdown table', async () => {
    const res = await get(`/sweeps/${fixture.id}/table.md`);
    assert.match(res.headers['content-type'] as string, /text\/markdown/);
    const lines = res.body.trim().split('\n');
    assert.match(lines[0]!, /^\| Model +\| Name +\| Kind +\| Activation +\|/);
    assert.match(lines[1]!, /^\|-+\|/);
    assert.equal(lines.length, 2 + 4);
    assert.match(res.body, /\| 1 +\| A +\| softmax/);
  });

  for (const path of ['trials.csv', 'trials.json', 'table.md', 'table', 'epochs', 'events']) {
    test(`GET /sweeps/:id/${path} of an unknown sweep is 404`, async () => {
      const res = await get(`/sweeps/00000000-0000-4000-8000-000000000000/${path}`);
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error.code, 'NOT_FOUND');
    });
  }
});

describe('GET /metrics', () => {
  test('Prometheus text with queue depth, trials by state, epochs trained, samples/s and latency', async () => {
    await get('/health');
    const res = await get('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/plain/);
    const value = (series: string) => {
      const line = res.body.split('\n').find((l) => l.startsWith(`${series} `));
      assert.ok(line, `${series} is exported`);
      return Number(line.split(' ')[1]);
    };
    // Two sweeps of three finished trials and one queued (and queued jobs for those).
    assert.equal(value('modelspace_trials{state="completed"}'), 6);
    assert.equal(value('modelspace_trials{state="queued"}'), 2);
    assert.equal(value('modelspace_epochs_recorded'), 18);
    assert.equal(value('modelspace_training_samples_per_second'), 500);
    assert.ok(value('modelspace_queue_jobs{state="waiting"}') >= 2);
    assert.ok(value('modelspace_http_request_duration_seconds_count{method="GET",route="/health",status_code="200"}') >= 1);
  });

  test('the exposition passes `promtool check metrics` clean (Node default metrics included)', async () => {
    await get('/health');
    const res = await get('/metrics');
    const { code, output } = await promtoolCheck(res.body);
    assert.equal(output, '', 'promtool reports no problem');
    assert.equal(code, 0);
  });
});

/** Runs Prometheus's own linter (Debian's prometheus package; scripts/system-packages.sh --test). */
async function promtoolCheck(exposition: string): Promise<{ code: number | null; output: string }> {
  const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.stdin.end(exposition);
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, output };
}

describe('cancel publishes live events', () => {
  test('a watcher of a queued sweep sees each trial cancelled and the sweep end, then the stream closes', async () => {
    const created = (
      await app.inject({
        method: 'POST',
        url: '/sweeps',
        payload: { name: 'to cancel', variants: [{ model: { kind: 'softmax' } }, { model: { kind: 'logistic' } }] },
      })
    ).json();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const events: { type: string; data: any }[] = [];
    const watching = (async () => {
      for await (const e of followSweepStream(url, created.id)) events.push(e);
    })();
    // Cancel once the watcher is connected, so its events come live (they would also come from
    // the stream's history).
    await waitFor('the watcher to connect', () => new Promise<boolean>((r) => app.server.getConnections((err, n) => r(!err && n > 0))), {
      timeoutMs: 10_000,
      intervalMs: 20,
    });
    const cancel = await app.inject({ method: 'POST', url: `/sweeps/${created.id}/cancel` });
    assert.equal(cancel.statusCode, 200, cancel.body);
    await watching;
    assert.deepEqual(
      events.map((e) => `${e.type}:${e.data.status}`),
      ['trial:cancelled', 'trial:cancelled', 'sweep:cancelled'],
    );
  });
});

describe('an EventSource stops after the final event', () => {
  /** The frames of a finished stream: id, event and data of each. */
  const frames = (body: string) =>
    body
      .split('\n\n')
      .filter((f) => /^event: /m.test(f))
      .map((f) => ({ id: /^id: (.*)$/m.exec(f)?.[1], event: /^event: (.*)$/m.exec(f)![1], data: JSON.parse(/^data: (.*)$/m.exec(f)![1]!) }));

  test('the final event carries its id; a reconnect with it is answered 204, not the end again', async () => {
    const created = (await app.inject({ method: 'POST', url: '/sweeps', payload: { name: 'ends', variants: [{ model: { kind: 'softmax' } }] } })).json();
    assert.equal((await app.inject({ method: 'POST', url: `/sweeps/${created.id}/cancel` })).statusCode, 200);
    const first = await get(`/sweeps/${created.id}/events`);
    assert.equal(first.statusCode, 200);
    const last = frames(first.body).at(-1)!;
    assert.equal(last.event, 'sweep');
    assert.equal(last.data.status, 'cancelled');
    assert.ok(last.id, 'the final event has an id');
    // What an EventSource does when the stream closes: reconnect with Last-Event-ID.
    const again = await app.inject({ url: `/sweeps/${created.id}/events`, headers: { 'last-event-id': last.id } });
    assert.equal(again.statusCode, 204, again.body);
    assert.equal(again.body, '');
    const byQuery = await get(`/sweeps/${created.id}/events?lastEventId=${last.id}`);
    assert.equal(byQuery.statusCode, 204);
  });

  test('also when the stream has expired: the made-up end event has an id, and a reconnect with it gets 204', async () => {
    const created = (await app.inject({ method: 'POST', url: '/sweeps', payload: { name: 'expired', variants: [{ model: { kind: 'softmax' } }] } })).json();
    assert.equal((await app.inject({ method: 'POST', url: `/sweeps/${created.id}/cancel` })).statusCode, 200);
    await redis.redis.del(sweepEventsKey({ prefix: redis.prefix }, created.id)); // the retention ran out
    const first = await get(`/sweeps/${created.id}/events`);
    const only = frames(first.body);
    assert.equal(only.length, 1);
    assert.equal(only[0]!.data.status, 'cancelled');
    assert.ok(only[0]!.id);
    const again = await app.inject({ url: `/sweeps/${created.id}/events`, headers: { 'last-event-id': only[0]!.id! } });
    assert.equal(again.statusCode, 204);
    // An id from before the end still gets the end.
    const older = await app.inject({ url: `/sweeps/${created.id}/events`, headers: { 'last-event-id': '1-0' } });
    assert.equal(older.statusCode, 200);
    assert.equal(frames(older.body).at(-1)!.data.status, 'cancelled');
  });

  test('a sweep still running is streamed, whatever id the watcher gives', async () => {
    const created = (await app.inject({ method: 'POST', url: '/sweeps', payload: { name: 'running', variants: [{ model: { kind: 'softmax' } }] } })).json();
    const url = await app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
    const abort = new AbortController();
    const res = await fetch(`${url}/sweeps/${created.id}/events`, { headers: { 'last-event-id': '99999999999999-0' }, signal: abort.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/event-stream/);
    abort.abort();
  });
});
