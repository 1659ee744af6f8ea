import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/processes.ts';

// The Python SDK (sdk/python/modelspace_report.py) in a real python3 with a pipe on fd 3, as a worker runs it.

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  channel: string;
}

/** Runs `code` (Python with the SDK imported as `ms`); only PATH and `env` in its environment, as a worker gives. */
function python(code: string, env: Record<string, string> = {}): Promise<Ran> {
  const child = spawn('python3', ['-c', `import modelspace_report as ms\n${code}`], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PYTHONPATH: join(REPO_ROOT, 'sdk/python'), ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const text = { stdout: '', stderr: '', channel: '' };
  child.stdout!.on('data', (d) => (text.stdout += d));
  child.stderr!.on('data', (d) => (text.stderr += d));
  (child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => (text.channel += d));
  return new Promise((resolve) => child.on('close', (exit) => resolve({ code: exit, ...text })));
}

const tmp = () => mkdtempSync(join(tmpdir(), 'modelspace-python-sdk-'));

// The same lines as packages/report's test expects of the TypeScript SDK.
const EXPECTED_LINES = [
  '{"type":"epoch","epoch":1,"valError":0.0312,"valLoss":0.101,"trainLoss":0.243}',
  '{"type":"epoch","epoch":2,"valError":0.025,"valLoss":0.09,"trainLoss":0.2,"trainError":0.07,"durationMs":1234,"samplesPerSec":812.5,"testError":0.03,"testLoss":0.1}',
  '{"type":"epoch","epoch":3,"valError":0.02,"valLoss":0.08,"trainLoss":0.19,"trainError":0.06}',
  '{"type":"model","path":"MODEL"}',
  '{"type":"result","testError":0.0291,"testLoss":0.094}',
];
const PROGRAM = `
import os
ms.report(epoch=1, val_error=0.0312, val_loss=0.101, train_loss=0.243)
ms.report(test_loss=0.1, test_error=0.03, samples_per_sec=812.5, duration_ms=1234, train_error=0.07, train_loss=0.2, val_loss=0.09, val_error=0.025, epoch=2)
ms.report({"epoch": 3, "valError": 0.02, "valLoss": 0.08, "trainLoss": 0.19, "trainError": 0.06, "durationMs": None})
os.chdir(os.path.dirname(os.environ["MODEL"]))
ms.save_model("model.pt")
ms.finish(test_error=0.0291, test_loss=0.094)
`;

async function withModel(env: Record<string, string>) {
  const dir = tmp();
  const model = join(dir, 'model.pt');
  writeFileSync(model, 'weights');
  const out = await python(PROGRAM, { MODEL: model, ...env });
  return { dir, model, out, expected: [...EXPECTED_LINES.map((l) => l.replace('MODEL', model)), ''] };
}

test('python: reports are exact JSON lines on the report fd (kwargs or a camelCase dict), model paths absolute, nothing on stdout', async () => {
  const ckpt = join(tmp(), 'ckpt');
  const { out, expected } = await withModel({ MODELSPACE_REPORT_FD: '3', MODELSPACE_CHECKPOINT_DIR: ckpt });
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(out.channel.split('\n'), expected);
  assert.equal(out.stdout, '');
  assert.equal(out.stderr, '');
  assert.equal(readFileSync(join(ckpt, '.modelspace_epoch'), 'utf8'), '3\n');
});

test('python: without MODELSPACE_REPORT_FD the same lines go to stderr, so the script runs by hand', async () => {
  const { out, expected } = await withModel({});
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(out.stderr.split('\n'), expected);
  assert.equal(out.channel, '');
  assert.equal(out.stdout, '');
});

test('python: bad values raise ValueError naming the field, and nothing is sent', async () => {
  const out = await python(
    `
good = dict(epoch=1, val_error=0.5, val_loss=1.0, train_loss=1.0)
cases = [
    dict(good, epoch=0), dict(good, epoch=1.5), dict(good, epoch=True), dict(good, val_error=float("nan")),
    dict(good, val_loss=float("inf")), dict(good, val_error=3.1), dict(good, train_error=-0.1),
    dict(good, val_loss="0.2"), dict(good, duration_ms=-1), dict(epoch=1, val_error=0.5, val_loss=1.0),
    dict(good, valErr=0.5),
]
for kwargs in cases:
    try:
        ms.report(**kwargs)
        print("accepted", kwargs)
    except ValueError as e:
        print(e)
for call in [lambda: ms.report({"epoch": 1}, val_error=0.5), lambda: ms.finish(test_loss=0.1), lambda: ms.report({"type": "model", "epoch": 1})]:
    try:
        call()
        print("accepted")
    except ValueError as e:
        print(e)
try:
    ms.save_model("/nonexistent/model.pt")
except FileNotFoundError as e:
    print(e)
`,
    { MODELSPACE_REPORT_FD: '3', MODELSPACE_CHECKPOINT_DIR: tmp() },
  );
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(out.stdout.trimEnd().split('\n'), [
    'epoch: epoch must be an integer >= 1, got 0',
    'epoch: epoch must be an integer >= 1, got 1.5',
    'epoch: epoch must be a number, got True',
    'epoch: val_error must be finite, got nan',
    'epoch: val_loss must be finite, got inf',
    'epoch: val_error is a fraction of the samples (0..1), got 3.1',
    'epoch: train_error is a fraction of the samples (0..1), got -0.1',
    "epoch: val_loss must be a number, got '0.2'",
    'epoch: duration_ms must be >= 0, got -1.0',
    'epoch: train_loss is required',
    "epoch: unknown field 'valErr' (known: epoch, val_error, val_loss, train_loss, train_error, duration_ms, samples_per_sec, test_error, test_loss)",
    'report: pass either one dict or keyword arguments, not both',
    'result: test_error is required',
    "epoch: type must be 'epoch', got 'model'",
    'save_model: no file at /nonexistent/model.pt',
  ]);
  assert.equal(out.channel, '');
});

test('python: should_stop() is true once the stop file exists', async () => {
  const stop = join(tmp(), 'stop');
  const code = 'import os\nprint(ms.should_stop())\nopen(os.environ["MODELSPACE_STOP_FILE"], "w").close()\nprint(ms.should_stop())';
  assert.equal((await python(code, { MODELSPACE_STOP_FILE: stop })).stdout, 'False\nTrue\n');
  assert.equal((await python('print(ms.should_stop())')).stdout, 'False\n', 'outside modelspace');
});

test('python: after a resume start_epoch() goes on from the last epoch the first attempt reported', async () => {
  const ckpt = join(tmp(), 'ckpt');
  const first = await python(
    'print(ms.start_epoch())\nfor e in range(ms.start_epoch(), 4):\n    ms.report(epoch=e, val_error=0.5, val_loss=1.0, train_loss=1.0)\nraise SystemExit(9)',
    { MODELSPACE_REPORT_FD: '3', MODELSPACE_CHECKPOINT_DIR: ckpt, MODELSPACE_RESUME: '0' },
  );
  assert.equal(first.code, 9);
  assert.equal(first.stdout, '1\n');
  assert.equal(first.channel.trimEnd().split('\n').length, 3);
  const resumed = await python('print(ms.resuming(), ms.start_epoch())', { MODELSPACE_CHECKPOINT_DIR: ckpt, MODELSPACE_RESUME: '1' });
  assert.equal(resumed.stdout, 'True 4\n');
  const fresh = await python('print(ms.resuming(), ms.start_epoch())', { MODELSPACE_CHECKPOINT_DIR: ckpt, MODELSPACE_RESUME: '0' });
  assert.equal(fresh.stdout, 'False 1\n');
});

test('python: params(), seed(), max_epochs(), trial_id() and checkpoint_dir() read the trial, with fallbacks by hand', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'params.json'), '{"lr": 0.01, "width": 32, "augment": true}');
  const code =
    'import json, os\nprint(json.dumps([ms.params(), ms.seed(), ms.max_epochs(default=3), ms.trial_id(), os.path.isdir(ms.checkpoint_dir()), ms.checkpoint_dir() == ms.checkpoint_dir()]))';
  const inTrial = await python(code, {
    MODELSPACE_PARAMS_FILE: join(dir, 'params.json'),
    MODELSPACE_SEED: '42',
    MODELSPACE_MAX_EPOCHS: '5',
    MODELSPACE_TRIAL_ID: 't-1',
    MODELSPACE_CHECKPOINT_DIR: join(dir, 'ckpt'),
  });
  assert.deepEqual(JSON.parse(inTrial.stdout), [{ lr: 0.01, width: 32, augment: true }, 42, 5, 't-1', true, true]);
  const byHand = await python(code);
  assert.deepEqual(JSON.parse(byHand.stdout), [{}, 0, 3, null, true, true]);
});
