import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { followSweepStream, type SweepStreamEvent } from '@modelspace/cli';
import { waitFor } from '../support/services.ts';
import { startStack, tinySweep, twoSlotWorker, type Stack } from '../support/stack.ts';

// GET /sweeps/:id/events on the real stack: a worker process trains a small sweep and
// publishes through Redis; two API instances serve the stream, so a watcher of either sees
// what the worker wrote, whichever process it talks to.
let stack: Stack;
before(async () => {
  stack = await startStack({ label: 'events', apis: 2, workers: [twoSlotWorker('events-worker')] });
});
after(async () => {
  await stack?.close();
});

async function collect(baseUrl: string, sweepId: string, opts: { lastEventId?: string; stopAfter?: number } = {}) {
  const events: SweepStreamEvent[] = [];
  const abort = new AbortController();
  for await (const e of followSweepStream(baseUrl, sweepId, { lastEventId: opts.lastEventId, signal: abort.signal })) {
    events.push(e);
    if (opts.stopAfter && events.length >= opts.stopAfter) {
      abort.abort(); // the watcher goes away mid-stream
      break;
    }
  }
  return events;
}

const epochKey = (e: SweepStreamEvent) => `${e.data.trialId}#${e.data.epoch}`;

test('two watchers on two API instances each receive every epoch event of a real sweep, in order, then the end', async () => {
  const created = await stack.http('POST', '/sweeps', tinySweep('events', 3));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;

  const [a, b] = await Promise.all([collect(stack.apis[0]!.url, id), collect(stack.apis[1]!.url, id)]);

  // What Postgres recorded is what the watchers must have seen.
  const rows = await stack.database.db.epochMetric.findMany({ where: { trial: { sweepId: id } }, orderBy: { createdAt: 'asc' } });
  assert.equal(rows.length, 6, 'two trials of three epochs');
  for (const events of [a, b]) {
    const epochs = events.filter((e) => e.type === 'epoch');
    assert.deepEqual(new Set(epochs.map(epochKey)), new Set(rows.map((r) => `${r.trialId}#${r.epoch}`)), 'every epoch, once');
    assert.equal(epochs.length, rows.length, 'no epoch twice');
    for (const r of rows) {
      const e = epochs.find((x) => epochKey(x) === `${r.trialId}#${r.epoch}`)!;
      assert.equal(e.data.valError, r.valError, 'the event carries the recorded metrics');
    }
    // Per trial, epochs arrive in order; the stream ids increase strictly.
    for (const trialId of new Set(epochs.map((e) => e.data.trialId))) {
      const seq = epochs.filter((e) => e.data.trialId === trialId).map((e) => e.data.epoch);
      assert.deepEqual(seq, [1, 2, 3]);
    }
    const ids = events.map((e) => e.id!);
    assert.deepEqual([...ids].sort(compareStreamIds), ids, 'events in stream order');
    assert.equal(new Set(ids).size, ids.length);
    // Each trial's running comes before its first epoch and completed after its last.
    for (const trialId of new Set(epochs.map((e) => e.data.trialId))) {
      const at = (pred: (e: SweepStreamEvent) => boolean) => events.findIndex(pred);
      const running = at((e) => e.type === 'trial' && e.data.trialId === trialId && e.data.status === 'running');
      const first = at((e) => e.type === 'epoch' && e.data.trialId === trialId);
      const completed = at((e) => e.type === 'trial' && e.data.trialId === trialId && e.data.status === 'completed');
      assert.ok(running >= 0 && running < first && first < completed, `trial ${trialId}: running, epochs, completed`);
    }
    const last = events.at(-1)!;
    assert.equal(last.type, 'sweep');
    assert.equal(last.data.status, 'completed');
  }
  assert.deepEqual(
    a.map((e) => e.id),
    b.map((e) => e.id),
    'both instances serve the same stream',
  );

  // Reconnecting with Last-Event-ID resumes exactly after the last event seen.
  const firstPart = await collect(stack.apis[0]!.url, id, { stopAfter: 4 });
  assert.equal(firstPart.length, 4);
  const rest = await collect(stack.apis[1]!.url, id, { lastEventId: firstPart.at(-1)!.id });
  assert.deepEqual(
    [...firstPart, ...rest].map((e) => e.id),
    a.map((e) => e.id),
    'no gap and no repeat across the reconnect',
  );
});

test('a reconnect during a live sweep misses nothing that was published while away', async () => {
  const created = await stack.http('POST', '/sweeps', tinySweep('events live', 3));
  const id = created.body.id as string;
  // Leave after the first epoch event, stay away while training goes on, come back.
  const before = await collect(stack.apis[0]!.url, id, { stopAfter: 3 });
  assert.ok(before.some((e) => e.type === 'epoch' || e.type === 'trial'));
  const seenEpochs = before.filter((e) => e.type === 'epoch').length;
  await waitFor('an epoch recorded while away', async () => (await stack.database.db.epochMetric.count({ where: { trial: { sweepId: id } } })) > seenEpochs, {
    timeoutMs: 120_000,
  });
  const after = await collect(stack.apis[1]!.url, id, { lastEventId: before.at(-1)!.id });
  const all = [...before, ...after];
  const rows = await stack.database.db.epochMetric.findMany({ where: { trial: { sweepId: id } } });
  const seen = all
    .filter((e) => e.type === 'epoch')
    .map(epochKey)
    .sort();
  assert.deepEqual(seen, rows.map((r) => `${r.trialId}#${r.epoch}`).sort(), 'every epoch exactly once across the two connections');
  assert.equal(all.at(-1)!.type, 'sweep');
});

test('GET /sweeps/:id/events answers 404 for an unknown sweep and 400 for a malformed Last-Event-ID', async () => {
  const missing = await fetch(`${stack.apis[0]!.url}/sweeps/00000000-0000-4000-8000-000000000000/events`);
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as any).error.code, 'NOT_FOUND');
  const created = await stack.http('POST', '/sweeps?dryRun=false', tinySweep('events bad id', 1));
  const bad = await fetch(`${stack.apis[0]!.url}/sweeps/${created.body.id}/events`, { headers: { 'last-event-id': 'yesterday' } });
  assert.equal(bad.status, 400);
  const body = (await bad.json()) as any;
  assert.equal(body.error.code, 'INVALID_REQUEST');
  assert.match(body.error.issues[0].field, /last-event-id/);
});

function compareStreamIds(x: string, y: string): number {
  const [xm, xs] = x.split('-').map(BigInt);
  const [ym, ys] = y.split('-').map(BigInt);
  return xm! === ym! ? Number(xs! - ys!) : xm! < ym! ? -1 : 1;
}
