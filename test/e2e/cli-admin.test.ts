import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { apiKeySecret } from '@modelspace/db';
import { REPO_ROOT } from '../support/processes.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The admin commands against a real database, and the CLI sending the key they print to an
// API that requires keys: list, status, watch (its event stream) and a revoked key.

const run = promisify(execFile);
let t: TestApp;
let url: string;

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: t.database.url, MODELSPACE_API_KEY: '', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

before(async () => {
  t = await createTestApp('cliadmin', { auth: 'required' });
  url = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
after(async () => t?.close());

test('admin: create a project and a key (shown once), list, use it from the CLI, revoke it', async () => {
  const project = await cli(['admin', 'projects', 'create', 'team']);
  assert.equal(project.code, 0, project.stderr);
  assert.match(project.stdout, /project team created/);
  assert.notEqual((await cli(['admin', 'projects', 'create', 'team'])).code, 0, 'a second project of that name is refused');

  const created = await cli(['admin', 'keys', 'create', '--project', 'team', '--role', 'write', '--name', 'ci']);
  assert.equal(created.code, 0, created.stderr);
  const key = created.stdout.trim();
  assert.match(key, /^ms_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/, 'stdout is the key alone');
  assert.match(created.stderr, /shown this once/);
  const prefix = key.split('_')[1]!; // the prefix is [a-z0-9]: no `_` in it
  const secret = apiKeySecret(key);
  assert.equal(secret.length, 43);

  // Stored as a hash only: the key appears nowhere in the table.
  const rows = await t.database.db.$queryRaw<{ row: string }[]>`SELECT row_to_json(k)::text AS row FROM "ApiKey" k`;
  assert.equal(rows.length, 1);
  assert.ok(!rows[0]!.row.includes(key) && !rows[0]!.row.includes(secret));

  const list = await cli(['admin', 'keys', 'list']);
  assert.match(list.stdout, new RegExp(`${prefix}\\s+team\\s+write\\s+active`));
  assert.ok(!list.stdout.includes(key), 'a listing never shows a key');

  // The CLI sends the key on every call: plain requests and the event stream.
  assert.match((await cli(['--url', url, 'list'])).stderr, /API key is required/);
  const submitted = await cli(['--url', url, '--api-key', key, 'submit', 'sweeps/quick.yaml']);
  assert.equal(submitted.code, 0, submitted.stderr);
  const sweepId = /sweep ([0-9a-f-]{36})/.exec(submitted.stdout)![1]!;
  const env = { MODELSPACE_URL: url, MODELSPACE_API_KEY: key };
  assert.equal((await cli(['cancel', sweepId], env)).code, 0);
  assert.match((await cli(['status', sweepId], env)).stdout, /cancelled/);
  const watched = await cli(['watch', sweepId], env);
  assert.match(watched.stdout, new RegExp(`sweep ${sweepId} cancelled`), watched.stderr);

  const revoked = await cli(['admin', 'keys', 'revoke', prefix]);
  assert.match(revoked.stdout, new RegExp(`API key ${prefix} \\(project team\\) revoked`));
  const after = await cli(['list'], env);
  assert.equal(after.code, 1);
  assert.match(after.stderr, /unknown or revoked/);
  assert.match((await cli(['admin', 'keys', 'list', '--project', 'team'])).stdout, /revoked 20/);
});
