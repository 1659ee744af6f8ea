import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The `modelspace` command as npm links it (node_modules/.bin, the package's `bin`), run by
// its own `#!/usr/bin/env node` line on the Node.js running this test: the CLI's commands
// are tested through src/main.ts, this is the entry point users type.
const bin = fileURLToPath(new URL('../../../node_modules/.bin/modelspace', import.meta.url));

test('the installed `modelspace` bin starts on this Node.js and prints its usage', () => {
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
  const res = spawnSync(bin, ['--help'], { env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(res.error, undefined);
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /^Usage: modelspace /);
  assert.match(res.stdout, /\brun\b/);
  assert.equal(res.stderr, '');
});
