import { fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { signalGroup } from './process-group.ts';

/** A running program: its process group, its three output streams, and its end. */
export interface ProgramProcess {
  /** The program's pid, which is also its process group's id. */
  pid: number;
  stdout: Readable;
  stderr: Readable;
  /** The report channel (the program's fd 3). */
  reports: Readable;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ProgramSpec {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** Starts programs: rejects when one cannot start (no such file, not executable). */
export interface ProgramLauncher {
  start(spec: ProgramSpec): Promise<ProgramProcess>;
  close(): Promise<void>;
}

/** Starts each program from this process (what the spawner does, and the fallback without one). */
export function directLauncher(): ProgramLauncher {
  return {
    async start(spec) {
      const child = spawn(spec.file, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
      const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
      await Promise.race([once(child, 'spawn'), once(child, 'error').then(([err]) => Promise.reject(err as Error))]);
      return { pid: child.pid!, stdout: child.stdout!, stderr: child.stderr!, reports: child.stdio[3] as Readable, exited };
    },
    async close() {},
  };
}

type Stream = 'stdout' | 'stderr' | 'report';
interface Pending {
  streams: Partial<Record<Stream, Socket>>;
  streamsReady: () => void;
  spawned: { resolve: (pid: number) => void; reject: (err: Error) => void };
  exit: (e: { code: number | null; signal: NodeJS.Signals | null }) => void;
  pid?: number;
  /** The program has exited / start() has its streams (or failed): the entry goes when both are true. */
  ended?: boolean;
  taken?: boolean;
}

const SPAWNER = new URL('./spawner.mjs', import.meta.url);

/**
 * Starts programs through the spawner process (spawner.mjs): a process the size of the
 * worker pays 50-100 ms to start each program, the spawner a few. The programs write to the
 * worker through a Unix socket of its own, so nothing passes through the spawner. If the
 * spawner dies, its programs' groups are ended and their trials see them killed; the next
 * start brings up a new spawner.
 */
export function spawnerLauncher(): ProgramLauncher {
  const socketPath = `\0modelspace-spawner-${process.pid}-${randomUUID()}`; // abstract: no file to clean up
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let server: Server | null = null;
  let spawner: ReturnType<typeof fork> | null = null;
  let ready: Promise<void> | null = null;

  const accept = (socket: Socket) => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const nl = head.indexOf(10);
      if (nl === -1) {
        if (head.length > 200) socket.destroy();
        return;
      }
      socket.off('data', onData);
      socket.pause();
      const [id, stream] = head.subarray(0, nl).toString('utf8').split(' ');
      const rest = head.subarray(nl + 1);
      if (rest.length) socket.unshift(rest);
      const p = pending.get(Number(id));
      if (!p || !['stdout', 'stderr', 'report'].includes(stream!)) return void socket.destroy();
      p.streams[stream as Stream] = socket;
      if (p.streams.stdout && p.streams.stderr && p.streams.report) p.streamsReady();
    };
    socket.on('data', onData);
    socket.on('error', () => {});
  };

  const up = () => {
    ready ??= (async () => {
      if (!server) {
        server = createServer(accept);
        server.listen(socketPath);
        await once(server, 'listening');
      }
      const child = fork(SPAWNER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
      spawner = child;
      child.on('message', (m: { type: string; id?: number; pid?: number; message?: string; code?: number | null; signal?: NodeJS.Signals | null }) => {
        const p = m.id === undefined ? undefined : pending.get(m.id);
        if (!p) return;
        if (m.type === 'spawned') {
          p.pid = m.pid!;
          p.spawned.resolve(m.pid!);
        } else if (m.type === 'error') {
          pending.delete(m.id!);
          p.spawned.reject(new Error(m.message));
        } else if (m.type === 'exit') {
          // A quick program can end before its connections are read: its entry stays until they are.
          p.ended = true;
          if (p.taken) pending.delete(m.id!);
          p.exit({ code: m.code ?? null, signal: m.signal ?? null });
        }
      });
      child.once('exit', () => {
        // Its programs can no longer be waited for: end them, and say so to their trials.
        spawner = null;
        ready = null;
        for (const [id, p] of pending) {
          pending.delete(id);
          if (p.pid !== undefined) signalGroup(p.pid, 'SIGKILL');
          p.spawned.reject(new Error('the program spawner exited'));
          p.exit({ code: null, signal: 'SIGKILL' });
        }
      });
      await Promise.race([once(child, 'message'), once(child, 'exit').then(() => Promise.reject(new Error('the program spawner could not start')))]);
    })();
    return ready;
  };

  return {
    async start(spec) {
      await up();
      const id = nextId++;
      let streamsReady!: () => void;
      const streams = new Promise<void>((r) => (streamsReady = r));
      let spawned!: Pending['spawned'];
      const pid = new Promise<number>((resolve, reject) => (spawned = { resolve, reject }));
      let exit!: Pending['exit'];
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => (exit = r));
      const p: Pending = { streams: {}, streamsReady, spawned, exit };
      pending.set(id, p);
      spawner!.send({ type: 'spawn', id, socket: socketPath, ...spec });
      try {
        const [programPid] = await Promise.all([pid, streams]);
        return { pid: programPid, stdout: p.streams.stdout!, stderr: p.streams.stderr!, reports: p.streams.report!, exited };
      } catch (err) {
        for (const s of Object.values(p.streams)) s?.destroy();
        throw err;
      } finally {
        p.taken = true;
        if (p.ended) pending.delete(id);
      }
    },
    async close() {
      spawner?.kill();
      server?.close();
    },
  };
}
