import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { reapOrphans } from './reaper.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("a dead worker's program group is ended and its folder removed; a live worker's is left alone", async () => {
  const work = mkdtempSync(join(tmpdir(), 'modelspace-reaper-'));
  const orphan = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  const kept = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  const deadPid = spawnSync('true').pid!; // a process that has exited: its pid is no worker's
  const folder = (name: string, workerPid: number, programGroup: number) => {
    mkdirSync(join(work, name));
    writeFileSync(join(work, name, 'owner.json'), JSON.stringify({ workerPid, programGroup }));
    return join(work, name);
  };
  const dead = folder('trial-a', deadPid, orphan.pid!);
  const live = folder('trial-b', process.pid, kept.pid!);
  try {
    assert.equal(await reapOrphans(work), 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(alive(orphan.pid!), false);
    assert.equal(existsSync(dead), false);
    assert.equal(alive(kept.pid!), true);
    assert.equal(existsSync(live), true);
  } finally {
    kept.kill('SIGKILL');
    orphan.kill('SIGKILL');
  }
});
