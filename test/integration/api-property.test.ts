import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { anySweepBody, VALID_SWEEPS } from '@modelspace/core/testing';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Generated input against the real API (Postgres, Redis, BullMQ): no answer is a 5xx, the
// app keeps answering, a rejection names its fields, and a rejected request leaves no rows.
// Runs are bounded so the file stays well under a minute.

let t: TestApp;
let sweepId: string;

before(async () => {
  t = await createTestApp('property');
  const created = await t.app.inject({ method: 'POST', url: '/sweeps', payload: VALID_SWEEPS[0]! });
  assert.equal(created.statusCode, 201, created.body);
  sweepId = created.json().id;
});
after(async () => t?.close());

async function rows() {
  const [sweeps, trials] = await Promise.all([t.database.db.sweep.count(), t.database.db.trial.count()]);
  return { sweeps, trials };
}

/** The same body as JSON, as YAML, or as raw bytes with a wrong or missing content type. */
const encoded = fc.tuple(anySweepBody, fc.constantFrom('json', 'yaml', 'text', 'garbage')).map(([body, as]) => {
  if (as === 'json') return { type: 'application/json', payload: JSON.stringify(body) ?? 'null' };
  if (as === 'yaml') return { type: 'application/yaml', payload: stringify(body) };
  if (as === 'text') return { type: 'text/plain', payload: JSON.stringify(body) ?? '' };
  return { type: 'application/json', payload: (JSON.stringify(body) ?? '').slice(0, -1) }; // truncated
});

function checkAnswer(res: { statusCode: number; json(): any; body: string }) {
  assert.ok(res.statusCode < 500, `5xx: ${res.statusCode} ${res.body}`);
  if (res.statusCode >= 400) {
    const error = res.json().error;
    assert.equal(typeof error.code, 'string');
    assert.ok(error.message.length > 0);
    for (const i of error.issues ?? []) assert.ok(typeof i.field === 'string' && i.reason.length > 0);
  }
}

test('POST /sweeps: any body is created or refused, never 5xx, and a refusal writes nothing', async () => {
  let created = 0;
  await fc.assert(
    fc.asyncProperty(encoded, fc.boolean(), async ({ type, payload }, dryRun) => {
      const before = await rows();
      const res = await t.app.inject({ method: 'POST', url: `/sweeps${dryRun ? '?dryRun=true' : ''}`, headers: { 'content-type': type }, payload });
      checkAnswer(res);
      const now = await rows();
      if (res.statusCode === 201) {
        created++;
        assert.equal(now.sweeps, before.sweeps + 1);
        assert.equal(now.trials - before.trials, res.json().trialIds.length);
      } else assert.deepEqual(now, before, `rows changed on ${res.statusCode}`);
    }),
    { numRuns: 100 },
  );
  assert.ok(created > 0, 'some generated definitions were valid (the generator reaches past the first check)');
});

test('PATCH /sweeps/:id: any body is applied or refused, never 5xx, and a refusal changes nothing', async () => {
  const PatchBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        maxTrials: fc.oneof(fc.integer(), fc.constant(null), fc.string()),
        maxConcurrentTrials: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constant(null)),
        addVariants: fc.array(
          anySweepBody.map((b) => (b as { variants?: unknown[] } | null)?.variants?.[0] ?? b),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: [] },
    ),
  );
  await fc.assert(
    fc.asyncProperty(PatchBody, async (body) => {
      const before = await t.database.db.sweep.findUniqueOrThrow({ where: { id: sweepId } });
      const res = await t.app.inject({ method: 'PATCH', url: `/sweeps/${sweepId}`, payload: JSON.stringify(body) ?? 'null', headers: { 'content-type': 'application/json' } });
      checkAnswer(res);
      if (res.statusCode >= 400) {
        const after = await t.database.db.sweep.findUniqueOrThrow({ where: { id: sweepId } });
        assert.deepEqual({ ...after, updatedAt: null }, { ...before, updatedAt: null }, 'a refused PATCH changed the sweep');
      }
    }),
    { numRuns: 80 },
  );
});

test('any path and query on the read routes answers below 500', async () => {
  const segment = fc.oneof(fc.constant(sweepId), fc.uuid(), fc.string({ maxLength: 40 }).map(encodeURIComponent));
  const query = fc.dictionary(fc.constantFrom('limit', 'offset', 'status', 'sort', 'order', 'metric', 'strategy', 'lastEventId', 'x'), fc.string({ maxLength: 12 }), {
    maxKeys: 3,
  });
  const route = fc.constantFrom('/sweeps', '/sweeps/ID', '/sweeps/ID/trials', '/sweeps/ID/best', '/sweeps/ID/path', '/sweeps/ID/trials.csv', '/trials/ID', '/trials/ID/epochs');
  await fc.assert(
    fc.asyncProperty(route, segment, query, async (r, id, q) => {
      const res = await t.app.inject({ method: 'GET', url: r.replace('ID', id), query: q });
      checkAnswer(res);
    }),
    { numRuns: 150 },
  );
  const health = await t.app.inject({ method: 'GET', url: '/health' });
  assert.equal(health.statusCode, 200, 'the app still answers');
});
