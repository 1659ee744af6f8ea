import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as ms from './index.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs `code` (an ES module importing the SDK as `ms`) in a real node process with a pipe on fd 3. */
function run(code: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; channel: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import * as ms from '@modelspace/report';\n${code}`], {
    cwd: PACKAGE_ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const text = { stdout: '', stderr: '', channel: '' };
  child.stdout!.on('data', (d) => (text.stdout += d));
  child.stderr!.on('data', (d) => (text.stderr += d));
  (child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => (text.channel += d));
  return new Promise((resolve) => child.on('close', (exit) => resolve({ code: exit, ...text })));
}

const tmp = () => mkdtempSync(join(tmpdir(), 'modelspace-report-test-'));

const EXPECTED_LINES = [
  '{"type":"epoch","epoch":1,"valError":0.0312,"valLoss":0.101,"trainLoss":0.243}',
  '{"type":"epoch","epoch":2,"valError":0.025,"valLoss":0.09,"trainLoss":0.2,"trainError":0.07,"durationMs":1234,"samplesPerSec":812.5,"testError":0.03,"testLoss":0.1}',
  '{"type":"model","path":"MODEL"}',
  '{"type":"result","testError":0.0291,"testLoss":0.094}',
];
const PROGRAM = `
ms.report({ epoch: 1, valError: 0.0312, valLoss: 0.101, trainLoss: 0.243 });
ms.report({ testLoss: 0.1, testError: 0.03, samplesPerSec: 812.5, durationMs: 1234, trainError: 0.07, trainLoss: 0.2, valLoss: 0.09, valError: 0.025, epoch: 2 });
ms.saveModel(process.env.MODEL);
ms.finish({ testError: 0.0291, testLoss: 0.094 });
`;

test('a program writes its reports as exact JSON lines on the report fd, nothing on stdout', async () => {
  const dir = tmp();
  const model = join(dir, 'model.json');
  writeFileSync(model, '{}');
  const out = await run(PROGRAM, { MODELSPACE_REPORT_FD: '3', MODELSPACE_CHECKPOINT_DIR: join(dir, 'ckpt'), MODEL: model });
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(out.channel.split('\n'), [...EXPECTED_LINES.map((l) => l.replace('MODEL', model)), '']);
  assert.equal(out.stdout, '');
  assert.equal(out.stderr, '');
  assert.equal(readFileSync(join(dir, 'ckpt', ms.EPOCH_FILE), 'utf8'), '2\n');
});

test('without MODELSPACE_REPORT_FD the same lines go to stderr, so the program runs by hand', async () => {
  const dir = tmp();
  const model = join(dir, 'model.json');
  writeFileSync(model, '{}');
  const out = await run(PROGRAM, { MODEL: model });
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(out.stderr.split('\n'), [...EXPECTED_LINES.map((l) => l.replace('MODEL', model)), '']);
  assert.equal(out.channel, '');
  assert.equal(out.stdout, '');
});

test('a bad report throws in the program before anything is written', async () => {
  const out = await run(`try { ms.report({ epoch: 1, valError: NaN, valLoss: 1, trainLoss: 1 }); } catch (e) { console.log(e.message); }`, { MODELSPACE_REPORT_FD: '3' });
  assert.equal(out.stdout, 'epoch: valError must be finite, got NaN\n');
  assert.equal(out.channel, '');
});

// The rest run in this process: the SDK reads the environment at each call.
const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('MODELSPACE_')) delete process.env[key];
  Object.assign(process.env, saved);
});

test('report() rejects values the worker would skip, naming the field', () => {
  const good = { epoch: 1, valError: 0.5, valLoss: 1, trainLoss: 1 };
  const cases: Array<[unknown, RegExp]> = [
    [{ ...good, epoch: 0 }, /epoch must be an integer >= 1, got 0/],
    [{ ...good, epoch: 1.5 }, /epoch must be an integer >= 1, got 1.5/],
    [{ ...good, valError: Number.POSITIVE_INFINITY }, /valError must be finite/],
    [{ ...good, valError: 3.1 }, /valError is a fraction of the samples \(0..1\), got 3.1/],
    [{ ...good, trainError: -0.1 }, /trainError is a fraction/],
    [{ ...good, valLoss: '0.2' }, /valLoss must be a number, got "0.2"/],
    [{ ...good, durationMs: -1 }, /durationMs must be >= 0/],
    [{ epoch: 1, valError: 0.5, valLoss: 1 }, /trainLoss is required/],
    [{ ...good, valErr: 0.5 }, /unknown field "valErr"/],
    [{ ...good, type: 'model' }, /unknown field "type"/],
  ];
  for (const [values, message] of cases) assert.throws(() => ms.report(values as ms.EpochReport), message);
  assert.throws(() => ms.finish({} as ms.TestResult), /result: testError is required/);
  assert.throws(() => ms.saveModel('/nonexistent/model.json'), /saveModel: no file at \/nonexistent\/model.json/);
});

test('shouldStop() is true once the stop file exists', () => {
  const dir = tmp();
  assert.equal(ms.shouldStop(), false, 'outside modelspace');
  process.env.MODELSPACE_STOP_FILE = join(dir, 'stop');
  assert.equal(ms.shouldStop(), false);
  writeFileSync(join(dir, 'stop'), '');
  assert.equal(ms.shouldStop(), true);
});

test('startEpoch() goes on after the last epoch reported when the trial resumes, and is 1 otherwise', () => {
  const dir = tmp();
  const channel = join(dir, 'channel');
  const fd = openSync(channel, 'w');
  try {
    process.env.MODELSPACE_REPORT_FD = String(fd);
    process.env.MODELSPACE_CHECKPOINT_DIR = join(dir, 'ckpt');
    assert.equal(ms.startEpoch(), 1);
    for (let epoch = 1; epoch <= 3; epoch++) ms.report({ epoch, valError: 0.5, valLoss: 1, trainLoss: 1 });
  } finally {
    closeSync(fd);
  }
  assert.equal(readFileSync(channel, 'utf8').split('\n').length, 4);
  delete process.env.MODELSPACE_REPORT_FD;
  assert.equal(ms.startEpoch(), 1, 'a first attempt starts at 1 whatever the folder holds');
  process.env.MODELSPACE_RESUME = '1';
  assert.equal(ms.startEpoch(), 4);
  process.env.MODELSPACE_CHECKPOINT_DIR = join(dir, 'empty');
  assert.equal(ms.startEpoch(), 1, 'a resume without a record starts over');
});

test('params(), seed(), maxEpochs() and trialId() read the trial, with fallbacks outside modelspace', () => {
  assert.deepEqual([ms.params(), ms.seed(), ms.seed(7), ms.maxEpochs(), ms.maxEpochs(3), ms.trialId()], [{}, 0, 7, 10, 3, undefined]);
  const file = join(tmp(), 'params.json');
  writeFileSync(file, '{"lr":0.01,"width":32,"augment":true}');
  Object.assign(process.env, { MODELSPACE_PARAMS_FILE: file, MODELSPACE_SEED: '42', MODELSPACE_MAX_EPOCHS: '5', MODELSPACE_TRIAL_ID: 't-1' });
  assert.deepEqual([ms.params(), ms.seed(), ms.maxEpochs(3), ms.trialId()], [{ lr: 0.01, width: 32, augment: true }, 42, 5, 't-1']);
  process.env.MODELSPACE_SEED = 'x';
  assert.throws(() => ms.seed(), /MODELSPACE_SEED must be an integer, got "x"/);
});
