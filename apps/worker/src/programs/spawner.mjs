// The program spawner: a small process the worker starts once, which starts programs for it.
// Starting a process copies the page tables of the one that forks it: from a worker holding
// MNIST and TensorFlow.js (hundreds of MB) that costs 50-100 ms a program; from this process,
// a few. Plain JavaScript, no imports beyond node's, so it starts fast and stays small.
//
// Protocol (IPC with the worker): {type: 'spawn', id, file, args, cwd, env, socket} → this
// process connects three times to the worker's Unix socket `socket`, each connection opening
// with a line "<id> <stdout|stderr|report>\n", hands the three connections to the program as
// its stdout, stderr and fd 3 (the program writes to the worker directly), and answers
// {type: 'spawned', id, pid} or {type: 'error', id, message}, then {type: 'exit', id, code,
// signal} when the program ends.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';

const STREAMS = ['stdout', 'stderr', 'report'];

const send = (message) => {
  if (process.connected) process.send(message);
};

function connection(socketPath, id, stream) {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${id} ${stream}\n`, () => resolve(socket)));
  });
}

async function start({ id, file, args, cwd, env, socket: socketPath }) {
  let sockets = [];
  try {
    sockets = await Promise.all(STREAMS.map((stream) => connection(socketPath, id, stream)));
    const child = spawn(file, args, { cwd, env, detached: true, stdio: ['ignore', sockets[0], sockets[1], sockets[2]] });
    child.once('error', (err) => send({ type: 'error', id, message: err.message }));
    child.once('spawn', () => send({ type: 'spawned', id, pid: child.pid }));
    child.once('exit', (code, signal) => send({ type: 'exit', id, code, signal }));
  } catch (err) {
    send({ type: 'error', id, message: err.message });
  } finally {
    // The program holds its own copies: these must close, or the worker never sees the streams end.
    for (const s of sockets) s.destroy();
  }
}

process.on('message', (m) => {
  if (m?.type === 'spawn') void start(m);
});
// The worker is gone: so is the reason for this process (its programs are the reaper's).
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
