import assert from 'node:assert/strict';
import { text } from 'node:stream/consumers';
import { after, test } from 'node:test';
import { spawnerLauncher } from './program-process.ts';

const launcher = spawnerLauncher();
after(() => launcher.close());
const sh = (script: string) => ({ file: '/bin/sh', args: ['-c', script], cwd: '/', env: { PATH: '/usr/bin:/bin' } });

test("through the spawner a program's stdout, stderr and fd 3 reach the worker whole, and its exit is reported", async () => {
  const p = await launcher.start(sh('echo out; echo err >&2; printf \'{"a":1}\\n\' >&3; head -c 300000 /dev/zero | tr "\\0" x; exit 4'));
  const [out, err, reports, exit] = await Promise.all([text(p.stdout), text(p.stderr), text(p.reports), p.exited]);
  assert.equal(out.slice(0, 4), 'out\n');
  assert.equal(out.length, 4 + 300_000);
  assert.equal(err, 'err\n');
  assert.equal(reports, '{"a":1}\n');
  assert.deepEqual(exit, { code: 4, signal: null });
});

test('a program that cannot start is refused with the reason; a signalled one reports its signal', async () => {
  await assert.rejects(launcher.start({ file: '/no/such/program', args: [], cwd: '/', env: {} }), /ENOENT/);
  const p = await launcher.start(sh('sleep 30'));
  for (const s of [p.stdout, p.stderr, p.reports]) s.resume();
  process.kill(-p.pid, 'SIGTERM');
  assert.deepEqual(await p.exited, { code: null, signal: 'SIGTERM' });
});

test('programs started one after another through one spawner do not mix their streams', async () => {
  const runs = await Promise.all([1, 2, 3, 4].map((k) => launcher.start(sh(`for i in 1 2 3; do echo ${k}; done; echo r${k} >&3`))));
  const outs = await Promise.all(runs.map(async (p) => [await text(p.stdout), await text(p.reports), await text(p.stderr)]));
  assert.deepEqual(
    outs,
    [1, 2, 3, 4].map((k) => [`${k}\n${k}\n${k}\n`, `r${k}\n`, '']),
  );
});

test('50 programs that end at once all start, report and end through one spawner', { timeout: 30_000 }, async () => {
  const runs = await Promise.all(Array.from({ length: 50 }, (_, k) => launcher.start(sh(`echo ${k} >&3`))));
  const reports = await Promise.all(runs.map((p) => text(p.reports)));
  assert.deepEqual(
    reports,
    Array.from({ length: 50 }, (_, k) => `${k}\n`),
  );
  for (const p of runs) for (const s of [p.stdout, p.stderr]) s.resume();
  assert.ok((await Promise.all(runs.map((p) => p.exited))).every((e) => e.code === 0));
});
