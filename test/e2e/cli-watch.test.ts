import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { spawnEntry } from '../support/processes.ts';
import { startStack, tinySweep, twoSlotWorker, type Stack } from '../support/stack.ts';

// The CLI against a running stack (API in this process, a worker process): submit, then
// watch live from the event stream until the sweep ends, then the results table.
let stack: Stack;
before(async () => {
  stack = await startStack({ label: 'cliwatch', workers: [twoSlotWorker('cliwatch-worker')] });
});
after(async () => {
  await stack?.close();
});

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const p = spawnEntry('apps/cli/src/main.ts', { MODELSPACE_URL: stack.apis[0]!.url, ...env }, args);
  const code = await new Promise<number | null>((resolve) => p.child.on('exit', resolve));
  return { code, out: p.output() };
}

test('`submit` then `watch` follows the sweep live to its end, then `table` prints the seed-style table', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sweep-')), 'tiny.json');
  writeFileSync(file, JSON.stringify(tinySweep('cli watch', 2)));

  const dry = await cli(['submit', file, '--dry-run']);
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, /valid: method list, 2 trial\(s\)/);
  assert.equal(await stack.database.db.sweep.count(), 0, 'a dry run creates nothing');

  const submitted = await cli(['--json', 'submit', file]);
  assert.equal(submitted.code, 0, submitted.out);
  const id = JSON.parse(submitted.out).id as string;

  // Not a terminal: the live view prints one line per event instead of bars.
  const watched = await cli(['watch', id]);
  assert.equal(watched.code, 0, watched.out);
  assert.match(watched.out, /\[1\/2\] softmax {2}training/);
  assert.match(watched.out, /\[1\/2\] softmax {2}epoch 1\/2 {2}train loss \d\.\d{4} {2}val error \d+\.\d\d% {2}[\d,]+ samples\/s/);
  assert.match(watched.out, /\[2\/2\] logistic {2}epoch 2\/2 /);
  // Each epoch line ends with the trial's time per epoch and its time left (from the epochs' durations).
  assert.match(watched.out, /\[1\/2\] softmax {2}epoch 1\/2 .* samples\/s {2}\d+(\.\d)? s\/epoch, ≤ \d+ (s|min \d\d s|h \d\d min) left/);
  assert.match(watched.out, /\[2\/2\] logistic {2}completed: best val error \d+\.\d\d% \(epoch [12]\), test error \d+\.\d\d%, stopped by max_epochs/);
  assert.match(watched.out, /best so far: \[[12]\/2\] (softmax|logistic) val error \d+\.\d\d%/);
  assert.match(watched.out, new RegExp(`sweep ${id} completed\\s*$`));
  // The epochs it printed are the ones recorded.
  const rows = await stack.database.db.epochMetric.findMany({ where: { trial: { sweepId: id } } });
  assert.equal((watched.out.match(/ epoch \d\/2 /g) ?? []).length, rows.length);

  const table = await cli(['table', id]);
  assert.equal(table.code, 0, table.out);
  assert.match(table.out, /^\| Model +\| Name +\| Kind/m);
  assert.match(table.out, /^\| 1 +\| softmax +\| softmax /m);
  assert.match(table.out, /^\| 2 +\| logistic +\| logistic /m);
  assert.match(table.out, /Best by valError: model [12] "(softmax|logistic)"/);

  const csv = await cli(['table', id, '--format', 'csv']);
  assert.equal(csv.out.trim().split('\n').length, 3, csv.out);

  const best = await cli(['best', id, '--strategy', 'last-epoch', '--json']);
  const answer = JSON.parse(best.out);
  assert.equal(answer.strategy, 'last-epoch');
  assert.equal(answer.epochs.length, 2);
});

test('errors are one line on stderr and a non-zero exit', async () => {
  const missing = await cli(['status', '00000000-0000-4000-8000-000000000000']);
  assert.equal(missing.code, 1);
  assert.equal(missing.out.trim(), 'error: sweep 00000000-0000-4000-8000-000000000000 not found');

  const port = await closedPort();
  const unreachable = await cli(['list'], { MODELSPACE_URL: `http://127.0.0.1:${port}` });
  assert.equal(unreachable.code, 1);
  assert.equal(unreachable.out.trim(), `error: cannot reach the API at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);

  const watchMissing = await cli(['watch', '00000000-0000-4000-8000-000000000000']);
  assert.equal(watchMissing.code, 1);
  assert.match(watchMissing.out, /^error: sweep 0{8}-0000-4000-8000-0{12} not found\s*$/);

  const noFile = await cli(['submit', '/nonexistent/sweep.yaml']);
  assert.equal(noFile.code, 1);
  assert.match(noFile.out, /^error: cannot read \/nonexistent\/sweep\.yaml: ENOENT\s*$/);
});

/** A port nothing listens on: one the OS just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
