import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { bandImages, idxUint8, npyUint8 } from '@modelspace/core/testing';
import { spawnEntry } from '../support/processes.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// `modelspace datasets upload|list|show|delete` against the real API (real Postgres, a real
// artifact directory): files streamed from disk with a progress bar, errors naming the problem.
let t: TestApp;
let url: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-datasets-'));
  t = await createTestApp(
    'clidatasets',
    {},
    { artifacts: { store: 'directory', dir: join(dir, 'store'), postgresMaxBytes: 0, keep: 3, modelCacheSize: 1, predictBackend: 'wasm' } },
  );
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const p = spawnEntry('apps/cli/src/main.ts', { MODELSPACE_URL: url }, args);
  const code = await new Promise<number | null>((resolve) => p.child.on('exit', resolve));
  return { code, out: p.output() };
}

test('upload (with its progress bar), list, show, delete; a bad file and a missing one are errors naming the problem', async () => {
  const set = bandImages(300, 12, 12, 3, 3);
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  const images = file('images.npy', npyUint8([300, 12, 12, 3], set.images));
  const labels = file('labels.idx.gz', gzipSync(idxUint8([300], set.labels)));

  const up = await cli(['datasets', 'upload', 'tiles', '--train-images', images, '--train-labels', labels, '--class-names', 'a,b,c', '--test-fraction', '0.2', '--progress']);
  assert.equal(up.code, 0, up.out);
  assert.match(up.out, /upload \|.*\| 100% \| 0\.1\/0\.1 MB/, 'the progress bar reached the end');
  assert.match(up.out, /dataset tiles stored \([0-9a-f-]{36}\)/);
  assert.match(up.out, /images 12x12x3 uint8, 3 classes \(a, b, c\)/);
  assert.match(up.out, /split 210\/30\/60 train\/val\/test/);

  const list = await cli(['datasets', 'list']);
  assert.equal(list.code, 0, list.out);
  assert.match(list.out, /^tiles +12x12x3 uint8, 3 classes +210\/30\/60 train\/val\/test +0 sweeps {2}[0-9a-f-]{36}$/m);

  const shown = await cli(['--json', 'datasets', 'show', 'tiles']);
  assert.equal(shown.code, 0, shown.out);
  assert.deepEqual(JSON.parse(shown.out).counts, { train: 210, val: 30, test: 60 });

  const bad = await cli(['datasets', 'upload', 'broken', '--train-images', labels, '--train-labels', labels, '--classes', '3']);
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.out, /error: trainImages: shape 300: images are N×H×W \(grey\) or N×H×W×C/);
  assert.match(bad.out, /^ {2}trainImages: shape 300/m);

  const missing = await cli(['datasets', 'upload', 'gone', '--train-images', join(dir, 'nope.npy'), '--train-labels', labels, '--classes', '3']);
  assert.equal(missing.code, 1, missing.out);
  assert.match(missing.out, /error: --train-images .*nope\.npy: cannot read \(ENOENT\)/);

  const deleted = await cli(['datasets', 'delete', 'tiles']);
  assert.equal(deleted.code, 0, deleted.out);
  assert.match(deleted.out, /dataset tiles deleted/);
  const none = await cli(['datasets', 'list']);
  assert.match(none.out, /no datasets/);
});
