import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { spawnEntry } from '../support/processes.ts';
import { learningRateGridTrained } from '../support/learning-rate-grid.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The CLI's calls (through @modelspace/client) against the real API, no worker: every answer
// is also checked against the OpenAPI document by the test app.
let t: TestApp;
let url: string;
before(async () => {
  t = await createTestApp('cliapi');
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => t?.close());

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const p = spawnEntry('apps/cli/src/main.ts', { MODELSPACE_URL: url }, args);
  const code = await new Promise<number | null>((resolve) => p.child.on('exit', resolve));
  return { code, out: p.output() };
}

test('submit (YAML, dry run and real), list, status, best, stop, and an error with its issues', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cli-api-')), 'sweep.yaml');
  writeFileSync(file, 'name: cli api\nvariants:\n  - model: { kind: softmax }\n  - model: { kind: logistic }\n');
  const dry = await cli(['submit', file, '--dry-run']);
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, /valid: method list, 2 trial\(s\)/);

  const submitted = await cli(['--json', 'submit', file]);
  assert.equal(submitted.code, 0, submitted.out);
  const id = JSON.parse(submitted.out).id as string;

  const list = await cli(['list', '--sort', 'name', '--order', 'asc']);
  assert.equal(list.code, 0, list.out);
  assert.match(list.out, new RegExp(`${id}  queued +2 trials .* cli api`));

  const best = await cli(['best', id]);
  assert.equal(best.code, 0, best.out);
  assert.match(best.out, /no best model yet: no trial has completed yet/);

  const stopped = await cli(['stop', id]);
  assert.equal(stopped.code, 0, stopped.out);
  assert.match(stopped.out, new RegExp(`sweep ${id} stopped`));

  const bad = await cli(['list', '--sort', 'colour']);
  assert.equal(bad.code, 1);
  assert.match(bad.out, /error: query sort: /);
  assert.match(bad.out, /^ {2}sort: /m);
});

test('importance and timeline print what the API computed for a sweep with results', async () => {
  const id = await learningRateGridTrained(t, 'cli analysis');
  await t.database.db.$executeRawUnsafe(
    `INSERT INTO "TrialAttempt" ("trialId", attempt, "workerId", "startedAt", "endedAt", outcome)
     SELECT id, 1, "workerId", "startedAt", "finishedAt", 'completed' FROM "Trial" WHERE "sweepId" = $1 ON CONFLICT DO NOTHING`,
    id,
  );
  const importance = await cli(['importance', id]);
  assert.equal(importance.code, 0, importance.out);
  assert.match(importance.out, /importance for valError .* 24 of 24 completed trials/);
  // The forest's bootstrap follows the trials' (random) ids: the shares vary a little from run to run, the order does not.
  const [first, second] = importance.out.split('\n').slice(1, 3);
  const share = (line: string | undefined, name: string) => Number(line?.match(new RegExp(`^ {2}${name} +[█·]{30} +([\\d.]+)%`))?.[1]);
  assert.ok(share(first, 'learningRate') > 90, importance.out);
  assert.ok(share(second, 'batchSize') < 5, importance.out);
  const timeline = await cli(['timeline', id]);
  assert.equal(timeline.code, 0, timeline.out);
  assert.match(timeline.out, /24 attempts on 2 worker\(s\) over 24m 0s/);
  assert.match(timeline.out, /w0: 12 attempts \(12 completed\), busy 12m 0s/);
  const unknown = await cli(['timeline', '00000000-0000-4000-8000-000000000000']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.out, /error: .*not found/i);
});
