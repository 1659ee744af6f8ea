import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('without the addon', () => {
  it('the trainer falls back to wasm and says so in exactly one log line', async () => {
    const script = `import { initBackend } from '@modelspace/trainer'; const i = await initBackend(); console.log(JSON.stringify(i));`;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, MODELSPACE_NATIVE_ADDON: '/nonexistent/modelspace_native.node' },
    });
    const info = JSON.parse(stdout.trim().split('\n').pop()!) as { name: string; reason: string };
    assert.equal(info.name, 'wasm');
    assert.match(info.reason, /the native addon is not built \(no \/nonexistent\/modelspace_native\.node/);
    const lines = stderr.split('\n').filter((l) => l.includes('native backend unavailable'));
    assert.deepEqual(lines, [
      'trainer: native backend unavailable, using wasm: the native addon is not built (no /nonexistent/modelspace_native.node; apt-get install -y libdnnl-dev, then npm run build -w @modelspace/native)',
    ]);
  });
});

describe('with an addon built from other sources', () => {
  it('the trainer refuses it (and one with no record of its sources), falls back to wasm and says why', async () => {
    // The real addon, copied with a record of sources that are not cc/'s: as after a pull without a rebuild.
    const dir = await mkdtemp(join(tmpdir(), 'modelspace-stale-'));
    try {
      const addon = join(dir, 'modelspace_native.node');
      await copyFile(join(root, 'packages/native/build/Release/modelspace_native.node'), addon);
      await writeFile(join(dir, 'sources.sha256'), `${'0'.repeat(64)}\n`);
      const script = `import { initBackend } from '@modelspace/trainer'; const i = await initBackend(); console.log(JSON.stringify(i));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        env: { ...process.env, MODELSPACE_NATIVE_ADDON: addon },
      });
      const info = JSON.parse(stdout.trim().split('\n').pop()!) as { name: string; reason: string };
      assert.equal(info.name, 'wasm');
      assert.match(info.reason, /the native addon is stale: packages\/native\/cc changed since .* was built \(npm run build -w @modelspace\/native\)/);
      // No record at all (built before builds kept one): refused too.
      await rm(join(dir, 'sources.sha256'));
      const again = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        env: { ...process.env, MODELSPACE_NATIVE_ADDON: addon },
      });
      const unknown = JSON.parse(again.stdout.trim().split('\n').pop()!) as { name: string; reason: string };
      assert.equal(unknown.name, 'wasm');
      assert.match(unknown.reason, /does not record which sources it was built from/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
