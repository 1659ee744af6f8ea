// Builds the oneDNN addon with node-gyp when the project installs (this package's `install`
// script). It never fails the install: without oneDNN's headers (apt-get install libdnnl-dev),
// a compiler, or node-gyp, it prints one line and exits 0; the trainer then uses wasm.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCES_FILE, sourceHash } from './source-hash.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const skip = (why) => {
  console.log(`@modelspace/native: addon not built (${why}); the trainer will use the wasm backend`);
  process.exit(0);
};

if (process.env.MODELSPACE_NATIVE_SKIP_BUILD === '1') skip('MODELSPACE_NATIVE_SKIP_BUILD=1');
const dnnlHeader = ['/usr/include/oneapi/dnnl/dnnl.hpp', '/usr/local/include/oneapi/dnnl/dnnl.hpp'].find((p) => existsSync(p));
if (!dnnlHeader) skip('oneDNN headers not found: apt-get install -y libdnnl-dev');
try {
  createRequire(join(root, 'package.json')).resolve('node-addon-api');
} catch {
  skip('node-addon-api is not installed');
}

/** npm hands its bundled node-gyp to scripts in npm_config_node_gyp; else look beside npm. */
function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp, join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  return candidates.find((p) => p && existsSync(p));
}
const gyp = nodeGyp();
if (!gyp) skip('node-gyp not found (it ships with npm)');

// Use the headers of the running Node when they are installed beside it: no download needed.
const prefix = join(dirname(process.execPath), '..');
const args = [gyp, 'rebuild', '-j', '2'];
if (existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
// Hashed before compiling: an edit during the build makes the addon stale, not mislabelled.
const builtFrom = sourceHash(join(root, 'cc'));
const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (result.status !== 0) {
  const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
  console.log(tail);
  skip(`node-gyp rebuild failed with exit code ${result.status}`);
}
// What it was built from: loading refuses it once cc/ changes (src/addon.ts).
writeFileSync(join(root, 'build', 'Release', SOURCES_FILE), `${builtFrom}\n`);
console.log('@modelspace/native: built build/Release/modelspace_native.node (oneDNN)');
