import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import './tfjs-setup.ts';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernelFixes } from './kernels/register.ts';
import { tryNativeAddon } from './native.ts';

export type BackendName = 'tensorflow' | 'native' | 'wasm' | 'cpu';
export interface BackendInfo {
  name: BackendName;
  reason: string;
}
export type BackendPreference = 'auto' | 'native' | 'wasm' | 'cpu' | 'tensorflow';

/** Native TensorFlow bindings, best first. Optional: absent unless installed on a GPU/CPU host. */
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

const chosen = new Map<BackendPreference, Promise<BackendInfo>>();
let initialised = false;

/** Whether initBackend has completed in this thread (trainTrial calls it when not). */
export function backendInitialised(): boolean {
  return initialised;
}

/**
 * Picks and activates the TensorFlow.js backend for this thread. Idempotent: one attempt per
 * preference, and every later call with it returns the same answer.
 */
export function initBackend(opts: { prefer?: BackendPreference } = {}): Promise<BackendInfo> {
  const prefer = opts.prefer ?? 'auto';
  let pending = chosen.get(prefer);
  if (!pending) {
    pending = choose(prefer);
    chosen.set(prefer, pending);
    pending.catch(() => chosen.delete(prefer)); // a failed explicit choice may be retried
  }
  return pending.then(async (info) => {
    // Another preference may have switched the backend in between: switch back (cheap).
    if (tf.getBackend() !== info.name) await tf.setBackend(info.name);
    initialised = true;
    return info;
  });
}

async function choose(prefer: BackendPreference): Promise<BackendInfo> {
  if (prefer === 'tensorflow') {
    const native = await tryNative();
    if (!native.ok) throw new Error(`backend tensorflow unavailable: ${native.why}`);
    return { name: 'tensorflow', reason: `tensorflow: ${native.pkg} is installed (requested)` };
  }
  if (prefer === 'wasm') {
    await activateWasm();
    return { name: 'wasm', reason: 'wasm: requested' };
  }
  if (prefer === 'cpu') {
    await activate('cpu');
    return { name: 'cpu', reason: 'cpu: requested' };
  }
  if (prefer === 'native') {
    const addon = await tryNativeAddon();
    if (!addon.ok) throw new Error(`backend native unavailable: ${addon.why}`);
    return { name: 'native', reason: `native: oneDNN ${addon.version} addon (requested)` };
  }
  // auto: tensorflow (tfjs-node) > native (oneDNN addon) > wasm > cpu
  const native = await tryNative();
  if (native.ok) return { name: 'tensorflow', reason: `tensorflow: ${native.pkg} is installed` };
  const addon = await tryNativeAddon();
  if (addon.ok) return { name: 'native', reason: `native: oneDNN ${addon.version} addon; ${native.why}` };
  // The one log line of the fallback (once per thread: choose() runs once per preference).
  console.warn(`trainer: native backend unavailable, using wasm: ${addon.why}`);
  try {
    await activateWasm();
    return { name: 'wasm', reason: `wasm: ${native.why}; ${addon.why}` };
  } catch (err) {
    await activate('cpu');
    return { name: 'cpu', reason: `cpu (slow): ${native.why}; ${addon.why}; and the wasm backend failed to start (${message(err)})` };
  }
}

/** Dynamic import, so a host without the native packages never needs them. */
async function tryNative(): Promise<{ ok: true; pkg: string } | { ok: false; why: string }> {
  const notInstalled: string[] = [];
  const failed: string[] = [];
  for (const pkg of NATIVE_PACKAGES) {
    try {
      await import(pkg); // registers the 'tensorflow' backend with the tfjs-core it depends on
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') notInstalled.push(pkg);
      else failed.push(`${pkg} failed to load (${message(err)})`);
      continue;
    }
    if (!tf.findBackendFactory('tensorflow')) {
      failed.push(`${pkg} registered no 'tensorflow' backend with this copy of @tensorflow/tfjs-core`);
      continue;
    }
    try {
      await activate('tensorflow');
      return { ok: true, pkg };
    } catch (err) {
      failed.push(`${pkg} failed to start (${message(err)})`);
    }
  }
  const parts: string[] = [];
  if (notInstalled.length) parts.push(`${notInstalled.join(' and ')} ${notInstalled.length > 1 ? 'are' : 'is'} not installed`);
  return { ok: false, why: [...parts, ...failed].join('; ') };
}

async function activate(name: BackendName): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
}

let wasmPathsSet = false;

async function activateWasm(): Promise<void> {
  registerWasmKernelFixes(); // before any wasm op runs, so no stock gradient kernel is ever used
  if (!wasmPathsSet) {
    // The .wasm binaries sit beside the package's node entry (dist/). Emscripten finds them
    // there by itself today; naming the folder keeps that true under bundlers and workers.
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    wasmPathsSet = true;
  }
  const before = processListeners();
  try {
    await activate('wasm');
  } finally {
    removeEmscriptenListeners(before);
  }
}

type Listener = (...args: unknown[]) => void;
const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;
/** process.listeners/removeListener, typed loosely: Node's overloads do not accept a union of events. */
const events = process as unknown as { listeners(e: string): Listener[]; removeListener(e: string, l: Listener): void };

function processListeners(): Map<string, Listener[]> {
  return new Map(PROCESS_EVENTS.map((e) => [e, events.listeners(e)]));
}

/**
 * Emscripten's Node glue installs process-wide 'uncaughtException'/'unhandledRejection'
 * handlers that rethrow. They serve its exit() machinery, which tfjs never uses, and they
 * would override the host app's own handlers: remove exactly the ones added by the init.
 */
function removeEmscriptenListeners(before: Map<string, Listener[]>): void {
  for (const event of PROCESS_EVENTS) {
    const old = new Set(before.get(event));
    for (const l of events.listeners(event)) if (!old.has(l)) events.removeListener(event, l);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
