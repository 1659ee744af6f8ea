import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A Postgres and a Redis of a test's own, on free ports of 127.0.0.1 with their data in a
 * temporary folder, so a test can stop and restart them. The machine's shared services
 * (5432, 6379) are never touched.
 */
const run = promisify(execFile);
/**
 * Where Postgres's server programs are: PG_BIN, else Debian's folder of the newest major
 * version (/usr/lib/postgresql/<version>/bin). The fault drill starts its Postgres from here too.
 */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error(`no Postgres server programs under ${root}: install the postgresql package (scripts/services.sh) or set PG_BIN`);
  return join(root, versions[0]!, 'bin');
}
const isRoot = process.getuid?.() === 0;

/** Postgres refuses to run as root: as root, its programs run as the `postgres` user. */
function pgCommand(program: string, args: string[]): [string, string[]] {
  const path = join(postgresBin(), program);
  return isRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

async function runPg(program: string, args: string[]): Promise<void> {
  const [cmd, argv] = pgCommand(program, args);
  try {
    await run(cmd, argv, { timeout: 60_000 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${program} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface OwnService {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

/** initdb into a temporary folder and start Postgres there (trust auth, user `postgres`). */
export async function startOwnPostgres(label: string): Promise<OwnService> {
  const dir = mkdtempSync(join(tmpdir(), `modelspace-pg-${label}-`));
  if (isRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
  const data = join(dir, 'data');
  const port = await freePort();
  await runPg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  let running = false;
  const service: OwnService = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await runPg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
      running = true;
    },
    async stop() {
      // fast: open connections are cut, as in a restart by an operator or a failover.
      await runPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) await service.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

/**
 * redis-server on a free port. With `persistence: 'aof'` (what docs/deploy.md asks of a
 * production Redis) the queues survive a restart; with 'none' a restart empties Redis.
 */
export async function startOwnRedis(label: string, opts: { persistence?: 'aof' | 'none' } = {}): Promise<OwnService> {
  const dir = mkdtempSync(join(tmpdir(), `modelspace-redis-${label}-`));
  const port = await freePort();
  const aof = (opts.persistence ?? 'aof') === 'aof';
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--appendonly',
    aof ? 'yes' : 'no',
    ...(aof ? ['--appendfsync', 'always'] : []),
  ];
  let child: ChildProcess | null = null;
  let output = '';
  const service: OwnService = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const c = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      c.stdout!.on('data', (d) => (output += d));
      c.stderr!.on('data', (d) => (output += d));
      const deadline = Date.now() + 30_000;
      while (!/Ready to accept connections/.test(output)) {
        if (c.exitCode !== null) throw new Error(`redis-server exited (${c.exitCode}):\n${output}`);
        if (Date.now() > deadline) throw new Error(`redis-server did not start within 30 s:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      output = '';
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGTERM'); // redis flushes its AOF and exits
      await exited;
      child = null;
    },
    async destroy() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}
