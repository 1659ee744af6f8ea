import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signalGroup } from './process-group.ts';

/**
 * Programs left running by a worker that died (SIGKILL, a crash): a program runs in its own
 * process group, so it outlives its worker. Each trial folder records its worker's pid and
 * the program's group; a worker starting on the same host (same WORKER_PROGRAM_DIR) ends the
 * groups of dead workers and removes their folders.
 */
const OWNER_FILE = 'owner.json';

export async function recordOwner(trialDir: string, programGroup: number): Promise<void> {
  await writeFile(join(trialDir, OWNER_FILE), JSON.stringify({ workerPid: process.pid, programGroup }));
}

/** Ends the programs of dead workers found in `workDir`; returns how many groups it signalled. */
export async function reapOrphans(workDir: string): Promise<number> {
  let reaped = 0;
  for (const name of await readdir(workDir).catch(() => [] as string[])) {
    if (!name.startsWith('trial-')) continue;
    const dir = join(workDir, name);
    const owner = await readFile(join(dir, OWNER_FILE), 'utf8')
      .then((t) => JSON.parse(t) as { workerPid: number; programGroup: number })
      .catch(() => null);
    if (owner && isAlive(owner.workerPid)) continue; // a live worker's trial (another worker on this host)
    if (owner && signalGroup(owner.programGroup, 'SIGKILL')) reaped += 1;
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
  return reaped;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
