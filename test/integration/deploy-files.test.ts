import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { ApiEnv } from '@modelspace/api';
import { WorkerEnv } from '@modelspace/worker';
import { REPO_ROOT } from '../support/processes.ts';

// Docker has no engine on the project's machines: these checks are what can be known of
// the deployment files without running them.
const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const scripts = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
const knownEnv = new Set([...Object.keys(ApiEnv.shape), ...Object.keys(WorkerEnv.shape), 'NODE_ENV']);
const services = compose.services as Record<string, any>;

test('docker-compose has postgres, redis, a one-shot migration, api, a CPU worker and a GPU worker', () => {
  assert.deepEqual(Object.keys(services).sort(), ['api', 'migrate', 'postgres', 'redis', 'worker', 'worker-gpu']);
  for (const name of ['postgres', 'redis']) {
    assert.ok(services[name].healthcheck, `${name} has a health check`);
    assert.ok(services[name].volumes?.length, `${name} keeps its data in a volume`);
  }
  assert.deepEqual(services.api.depends_on.migrate, { condition: 'service_completed_successfully' });
  assert.equal(services.worker.ports, undefined, 'the CPU worker publishes no port, so it can be scaled');
  assert.equal(services.worker.container_name, undefined, 'a fixed container name would prevent --scale');
});

test('every app service runs an npm script that exists in package.json', () => {
  for (const [name, svc] of Object.entries(services)) {
    if (!svc.build) continue;
    const [npm, run, script] = svc.command as string[];
    assert.equal(npm, 'npm', name);
    const scriptName = run === 'run' ? script! : run!;
    assert.ok(scripts[scriptName], `${name}: npm script "${scriptName}" exists`);
  }
});

test('every environment variable given to an app service is one the processes read', () => {
  for (const [name, svc] of Object.entries(services)) {
    if (!svc.build) continue;
    for (const key of Object.keys(svc.environment ?? {})) assert.ok(knownEnv.has(key), `${name}: ${key} is read by the env schemas`);
    // And each value passes the schema it is meant for.
    const env = Object.fromEntries(Object.entries(svc.environment ?? {}).map(([k, v]) => [k, String(v)]));
    assert.ok(WorkerEnv.safeParse(env).success || ApiEnv.safeParse(env).success, `${name}: values parse`);
  }
});

test('the GPU worker reserves a GPU and is built from a CUDA image with tfjs-node-gpu', () => {
  const gpu = services['worker-gpu'];
  assert.deepEqual(gpu.deploy.resources.reservations.devices[0].capabilities, ['gpu']);
  assert.equal(gpu.environment.TRAINER_BACKEND, 'tensorflow');
  // It takes the gpu pool's trials, the CPU workers the cpu pool's.
  assert.deepEqual(WorkerEnv.parse(gpu.environment).WORKER_POOLS, ['gpu']);
  assert.deepEqual(WorkerEnv.parse(services.worker.environment).WORKER_POOLS, ['cpu']);
  const dockerfile = readFileSync(join(REPO_ROOT, gpu.build.dockerfile), 'utf8');
  assert.match(dockerfile, /^FROM nvidia\/cuda:\S+ AS deps$/m);
  assert.match(dockerfile, /@tensorflow\/tfjs-node-gpu@4\.22\.0/);
});

test('the Dockerfiles are multi-stage and copy from stages they define', () => {
  for (const file of new Set(
    Object.values(services)
      .filter((s) => s.build)
      .map((s) => s.build.dockerfile as string),
  )) {
    assert.ok(existsSync(join(REPO_ROOT, file)), `${file} exists`);
    const text = readFileSync(join(REPO_ROOT, file), 'utf8');
    const stages = [...text.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    assert.ok(stages.length >= 2, `${file} is multi-stage`);
    for (const m of text.matchAll(/--from=(\S+)/g)) assert.ok(stages.includes(m[1]), `${file}: stage ${m[1]} is defined`);
  }
});

test('the Dockerfiles run the Node.js CI tests the whole suite on: the primary version of .node-lts', () => {
  const pins = readFileSync(join(REPO_ROOT, '.node-lts'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'));
  const primary = pins[0]!.split(/\s+/)[0]!;
  const files = new Set(Object.values(services).flatMap((s) => (s.build ? [s.build.dockerfile as string] : [])));
  for (const file of files) {
    const images = [...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/^FROM node:(\S+)/gm)].map((m) => m[1]);
    assert.ok(images.length > 0, `${file} takes Node.js from an official node image`);
    for (const tag of images) assert.ok(tag!.startsWith(`${primary}-`), `${file}: node:${tag} is Node.js ${primary}`);
  }
});

test('the CPU image builds the native oneDNN kernels, portably, and fails rather than ship without them', () => {
  const text = readFileSync(join(REPO_ROOT, services.worker.build.dockerfile), 'utf8');
  const stage = (name: string) => text.split(/^FROM /m).find((s) => s.includes(` AS ${name}\n`)) ?? '';
  // The package scripts/system-packages.sh installs for the kernels, where `npm ci` builds them.
  const wanted = readFileSync(join(REPO_ROOT, 'scripts/system-packages.sh'), 'utf8').match(/dpkg -s (libdnnl-dev)/)![1]!;
  assert.match(stage('deps'), new RegExp(`apt-get install[^\\n]*\\b${wanted}\\b`), `the deps stage installs ${wanted}`);
  assert.ok(stage('deps').indexOf(wanted) < stage('deps').indexOf('npm ci'), `${wanted} is there before npm ci builds the addon`);
  assert.match(stage('deps'), /MODELSPACE_NATIVE_MARCH=x86-64/, 'not -march=native: the image runs on other hosts');
  assert.match(stage('deps'), /test -f packages\/native\/build\/Release\/modelspace_native\.node/, 'a missing addon fails the build');
  // The runtime stage has the shared libraries the addon links (binding.gyp: -ldnnl -lgomp) and loads it.
  const libraries = [...readFileSync(join(REPO_ROOT, 'packages/native/binding.gyp'), 'utf8').matchAll(/-l(\w+)/g)].map((m) => m[1]);
  assert.deepEqual(libraries, ['dnnl', 'gomp']);
  assert.match(stage('runtime'), /apt-get install[^\n]*\blibdnnl2\b[^\n]*\blibgomp1\b/);
  assert.match(stage('runtime'), /process\.dlopen\([^)]*modelspace_native\.node/);
});
