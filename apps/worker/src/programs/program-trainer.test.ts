import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveTraining, type ProgramModel } from '@modelspace/core';
import { createProgramTrainer } from './program-trainer.ts';
import { directLauncher } from './program-process.ts';
import type { RegisteredProgram } from './registry.ts';

const dir = mkdtempSync(join(tmpdir(), 'modelspace-program-trainer-'));
const devices = join(dir, 'devices.txt');
// A program in sh: appends its device, reports one epoch on the channel (fd 3), exits.
const script = `echo "$CUDA_VISIBLE_DEVICES" >> ${devices}; sleep 0.3; printf '{"type":"epoch","epoch":1,"valError":0.5,"valLoss":1,"trainLoss":1}\\n' >&3`;
const registered = (name: string, pool: 'cpu' | 'gpu'): RegisteredProgram => ({
  name,
  executable: '/bin/sh',
  args: ['-c', script],
  cwd: dir,
  env: {},
  pool,
  timeoutMs: 30_000,
  stopGraceMs: 1000,
});
const registry = new Map([
  ['on-gpu', registered('on-gpu', 'gpu')],
  ['on-cpu', registered('on-cpu', 'cpu')],
]);
const run = createProgramTrainer({ registry, launcher: directLauncher(), workDir: dir, gpus: 2, maxLogBytes: 65536, maxModelBytes: 1024 });
const job = (program: string, id: string) => ({
  model: { kind: 'program', program, params: {} } as ProgramModel,
  training: resolveTraining({ maxEpochs: 1 }),
  trial: { id, sweepId: '00000000-0000-4000-8000-000000000000', attempt: 1 },
});
const on = { backend: () => {}, epoch: () => {} };

test('on a GPU host each running slot of a gpu program gets its own device; a cpu program gets none', async () => {
  const first = run(job('on-gpu', '00000000-0000-4000-8000-000000000001'), on);
  const second = run(job('on-gpu', '00000000-0000-4000-8000-000000000002'), on);
  const results = await Promise.all([first.result, second.result]);
  assert.ok(results.every((r) => r?.epochsRun === 1));
  const third = run(job('on-gpu', '00000000-0000-4000-8000-000000000003'), on);
  await third.result;
  await run(job('on-cpu', '00000000-0000-4000-8000-000000000004'), on).result;
  const seen = readFileSync(devices, 'utf8').split('\n').slice(0, -1);
  assert.deepEqual(seen.slice(0, 2).sort(), ['0', '1']);
  // A freed slot's device is given again.
  assert.ok(['0', '1'].includes(seen[2]!));
  assert.equal(seen[3], '');
});
