import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
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
