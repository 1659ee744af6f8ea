import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chownSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Host } from './network.ts';
import { postgresBin } from '../support/own-services.ts';
import { REPO_ROOT } from '../support/processes.ts';

const run = promisify(execFile);

/** A process running on one of the drill's hosts, its output kept (and written to `log`). */
export interface HostProcess {
  name: string;
  host: Host;
  child: ChildProcess;
  pid: number;
  /** Every output line so far. */
  lines: string[];
  exited: Promise<number | null>;
  running(): boolean;
  signal(sig: NodeJS.Signals): void;
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<void>;
}

/**
 * Runs `argv` inside `host`'s network namespace, in a UTS namespace of its own whose
 * hostname is the host's name (so each host shows its own name, as separate machines do).
 * The command is exec'd all the way down: the pid is the program's, and a signal reaches it.
 */
export function spawnOnHost(host: Host, name: string, argv: string[], env: Record<string, string>, logFile: string): HostProcess {
  const child = spawn('ip', ['netns', 'exec', host.ns, 'unshare', '--uts', 'sh', '-c', `hostname ${host.name} && exec "$@"`, 'sh', ...argv], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  const take = (d: Buffer) => {
    const text = partial + d.toString();
    const parts = text.split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    appendFileSync(logFile, parts.map((l) => `${l}\n`).join(''));
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    name,
    host,
    child,
    pid: child.pid!,
    lines,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    signal(sig) {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, sig);
    },
    async waitForLine(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!lines.some((l) => pattern.test(l))) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${lines.slice(-30).join('\n')}`);
        if (Date.now() > deadline) throw new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${lines.slice(-30).join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

export interface DrillService {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it, however it is, and deletes its data. */
  destroy(): Promise<void>;
}

/** Postgres of the drill's own on `host` (trust auth, user postgres), its data under `dir`. Runs as the postgres user (it refuses root). */
export async function startPostgres(host: Host, dir: string, port = 5432): Promise<DrillService> {
  const bin = postgresBin();
  mkdirSync(dir, { recursive: true });
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout);
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout);
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const pg = async (program: string, args: string[]) => {
    try {
      await run('ip', ['netns', 'exec', host.ns, 'runuser', '-u', 'postgres', '--', join(bin, program), ...args], { timeout: 90_000 });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${program} on ${host.name}: ${e.stderr || e.stdout || e.message}`);
    }
  };
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
  // initdb trusts loopback only: the drill's hosts come over the bridge.
  appendFileSync(join(data, 'pg_hba.conf'), `host all all ${host.address.replace(/\.\d+$/, '.0')}/24 trust\n`);
  const options = `-p ${port} -k ${dir} -c listen_addresses=${host.address} -c fsync=off -c synchronous_commit=off -c max_connections=200`;
  const service: DrillService = {
    url: `postgresql://postgres@${host.address}:${port}/postgres`,
    port,
    start: () => pg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']),
    // fast: open connections are cut, as in a restart by an operator or a failover.
    stop: () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']),
    async destroy() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

/** redis-server of the drill's own on `host`, with AOF (what docs/deploy.md asks of production), data under `dir`. */
export async function startRedis(host: Host, dir: string, logFile: string, port = 6379): Promise<DrillService> {
  mkdirSync(dir, { recursive: true });
  const argv = [
    'redis-server',
    '--port',
    String(port),
    '--bind',
    host.address,
    '--protected-mode',
    'no',
    '--dir',
    dir,
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
  ];
  let proc: HostProcess | null = null;
  let starts = 0;
  const service: DrillService = {
    url: `redis://${host.address}:${port}`,
    port,
    async start() {
      const p = spawnOnHost(host, `redis-${++starts}`, argv, {}, logFile);
      proc = p;
      await p.waitForLine(/Ready to accept connections/, 30_000);
    },
    async stop() {
      const p = proc;
      if (!p?.running()) return;
      p.signal('SIGTERM'); // redis flushes its AOF and exits
      await p.exited;
      proc = null;
    },
    async destroy() {
      proc?.signal('SIGKILL');
      await proc?.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}
