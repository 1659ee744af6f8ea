import * as tf from '@tensorflow/tfjs-core';
import { loadAddon, NATIVE, registerNativeBackend } from '@modelspace/native';

/**
 * Backend 'native' (@modelspace/native: tfjs's cpu backend with the heavy kernels in a oneDNN
 * addon). Never throws: when the addon is not built or does not load, `why` says so in one
 * sentence and the caller falls back to wasm.
 */
export async function tryNativeAddon(): Promise<{ ok: true; version: string } | { ok: false; why: string }> {
  const load = loadAddon();
  if (!load.ok) return { ok: false, why: load.why };
  try {
    registerNativeBackend(load.addon);
    if (!(await tf.setBackend(NATIVE))) return { ok: false, why: `tf.setBackend('${NATIVE}') failed` };
    await tf.ready();
    return { ok: true, version: load.addon.onednnVersion };
  } catch (err) {
    return { ok: false, why: `the native backend failed to start (${err instanceof Error ? err.message : String(err)})` };
  }
}
