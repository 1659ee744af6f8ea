import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { spawnEntry } from '../support/processes.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// `modelspace table ID | head -1`: the CLI against a real API whose reader has gone.
let t: TestApp;
let url: string;
before(async () => {
  t = await createTestApp('clipipe');
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => t?.close());

test('a closed stdout ends the CLI quietly with status 0, as head -1 expects', async () => {
  const created = await t.app.inject({ method: 'POST', url: '/sweeps', payload: { name: 'piped', variants: [{ model: { kind: 'softmax' } }] } });
  assert.equal(created.statusCode, 201, created.body);
  const cli = spawnEntry('apps/cli/src/main.ts', { MODELSPACE_URL: url }, ['table', created.json().id]);
  // The read end closes before the CLI has written anything (it first asks the API), so its
  // first write meets a closed pipe every time, whatever the timing.
  cli.child.stdout!.destroy();
  let stderr = '';
  cli.child.stderr!.on('data', (d) => (stderr += d));
  const [code] = (await once(cli.child, 'exit')) as [number | null];
  assert.equal(stderr, '', 'nothing on stderr: no stack trace');
  assert.equal(code, 0);
});
