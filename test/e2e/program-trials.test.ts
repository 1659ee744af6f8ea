import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startStack, type Stack } from '../support/stack.ts';
import { REPO_ROOT, spawnEntry } from '../support/processes.ts';
import { waitFor } from '../support/services.ts';

// Program trials through the real stack (docs/programs.md): real workers running real
// programs (test/fixtures/programs, examples/) registered in a programs file, their reports
// in Postgres, pruning, patience, failures, hostile programs, crash-resume and the security
// promise that a value reaches the program as one literal argument.

const FIXTURES = join(REPO_ROOT, 'test/fixtures/programs');
// Debian's interpreter: the one python3-torch is installed for (a PATH python3 may be another).
const PYTHON = '/usr/bin/python3';
const scratch = mkdtempSync(join(tmpdir(), 'modelspace-program-trials-'));
const echoFile = join(scratch, 'echo.json');
const pidFile = join(scratch, 'pids.json');

const program = (script: string, extra: Record<string, unknown> = {}) => ({ argv: [PYTHON, script], cwd: FIXTURES, timeoutSeconds: 120, stopGraceSeconds: 2, ...extra });
const programsFile = join(scratch, 'programs.yaml');
writeFileSync(
  programsFile,
  JSON.stringify({
    programs: {
      'quick-train': program('quick-train.py'),
      exit3: program('exit3.py'),
      hang: program('hang.py', { timeoutSeconds: 3 }),
      flood: program('flood.py'),
      garbage: program('garbage.py'),
      forker: program('forker.py'),
      'ignore-term': program('ignore-term.py', { stopGraceSeconds: 1 }),
      'echo-args': program('echo-args.py', { env: { ECHO_FILE: echoFile } }),
      'mnist-torch': { argv: [PYTHON, 'train.py'], cwd: join(REPO_ROOT, 'examples/pytorch-mnist'), env: { OMP_NUM_THREADS: '1' }, timeoutSeconds: 300 },
      'node-mlp': { argv: [process.execPath, '--import', 'tsx', 'train.mjs'], cwd: join(REPO_ROOT, 'examples/node-trainer'), timeoutSeconds: 300 },
    },
  }),
);

const WORKER_ENV = {
  WORKER_PROGRAMS: programsFile,
  WORKER_CONCURRENCY: '2',
  // A dead worker's job is handed on seconds after its death, not the default 30 s.
  WORKER_LOCK_MS: '4000',
  WORKER_STALLED_INTERVAL_MS: '2000',
  PROGRAM_LOG_BYTES: '65536',
  LOG_LEVEL: 'info',
};

let stack: Stack;
before(async () => {
  stack = await startStack({
    label: 'programs',
    // Models in Postgres: the API in this process reads what the worker processes stored.
    env: { TRIAL_ATTEMPTS: '2', TRIAL_BACKOFF_MS: '200', TRAINER_BACKEND: 'wasm', ARTIFACT_STORE: 'postgres' },
    workers: [{ id: 'prog-w1', env: WORKER_ENV }],
    readyTimeoutMs: 120_000,
  });
});
after(async () => {
  await stack?.close('SIGKILL');
});

async function submit(spec: object): Promise<string> {
  const r = await stack.http('POST', '/sweeps', spec);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}
const trialsOf = async (id: string) => (await stack.http('GET', `/sweeps/${id}/trials?limit=100`)).body.items as any[];
const epochsOf = async (trialId: string) => (await stack.http('GET', `/trials/${trialId}/epochs`)).body.items as any[];
const logOf = async (trialId: string) => (await stack.http('GET', `/trials/${trialId}/logs`)).body.text as string;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('program trials', { timeout: 600_000 }, () => {
  test('a grid over a program: every report is an epoch in Postgres, the best query answers, the median pruner ends a bad trial early, the path names the changed param', async () => {
    const id = await submit({
      name: 'quick grid',
      method: 'grid',
      training: { maxEpochs: 6, patience: 6 },
      space: {
        base: { model: { kind: 'program', program: 'quick-train', params: { epoch_seconds: 0.15 } } },
        parameters: { 'model.params.lr': { values: [0.01, 0.1, 0.000001] } },
      },
      budget: { maxConcurrentTrials: 2 },
      pruner: { type: 'median', warmupEpochs: 2, minTrials: 2 },
    });
    const sweep = await stack.settled(id, ['completed'], 120_000);
    assert.equal(sweep.trialCounts.total, 3);
    const trials = await trialsOf(id);
    const byLr = new Map(trials.map((t) => [t.model.params.lr, t]));
    const good = byLr.get(0.01);
    const bad = byLr.get(0.000001);
    assert.equal(good.status, 'completed');
    assert.equal(good.epochsRun, 6);
    // The fixture's curve at lr 0.01, epoch 6: 0.05 + 0.45 exp(-3).
    assert.ok(Math.abs(good.bestValError - (0.05 + 0.45 * Math.exp(-3))) < 1e-9, String(good.bestValError));
    assert.deepEqual(
      (await epochsOf(good.id)).map((e) => e.epoch),
      [1, 2, 3, 4, 5, 6],
    );
    // Four decades off: 0.4 worse at every epoch than the others, pruned once it has company past warm-up.
    assert.equal(bad.status, 'pruned', `${bad.status} ${bad.statusReason} ${await logOf(bad.id)}`);
    assert.ok(bad.epochsRun < 6, String(bad.epochsRun));
    const best = (await stack.http('GET', `/sweeps/${id}/best`)).body;
    assert.equal(best.trial.id, good.id);
    const path = (await stack.http('GET', `/sweeps/${id}/path`)).body;
    const labels = JSON.stringify(path);
    assert.match(labels, /lr 0\.01 → 0\.1|lr 0\.1 → 1e-6|lr 0\.01 → 1e-6/);
    assert.equal(good.backend, 'program:quick-train');
    assert.match(good.name, /^lr=0\.01$/);
  });

  test('random, tpe and walk propose program variants over its params (dry runs), and sweeps/pytorch-quick.yaml is valid', async () => {
    for (const method of ['random', 'tpe', 'walk']) {
      const r = await stack.http('POST', '/sweeps?dryRun=true', {
        name: `dry ${method}`,
        method,
        space: {
          base: { model: { kind: 'program', program: 'quick-train', params: { epoch_seconds: 0.1 } } },
          parameters: { 'model.params.lr': { type: 'loguniform', min: 0.001, max: 0.1, factor: 10 }, 'model.params.opt': { values: ['sgd', 'adam'] } },
        },
        budget: { maxTrials: 4 },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok(r.body.proposals.length >= 1, method);
      for (const p of r.body.proposals) {
        assert.equal(p.model.kind, 'program');
        assert.equal(p.model.program, 'quick-train');
        assert.ok(p.model.params.lr >= 0.001 && p.model.params.lr <= 0.1 && ['sgd', 'adam'].includes(p.model.params.opt), JSON.stringify(p.model));
      }
    }
    const yaml = readFileSync(join(REPO_ROOT, 'sweeps/pytorch-quick.yaml'), 'utf8');
    const res = await fetch(`${stack.api.url}/sweeps?dryRun=true`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml });
    assert.equal(res.status, 200, await res.clone().text());
  });

  test('a value like $(touch pwned) or ; rm -rf / reaches the program as one literal argument, and nothing else runs', async () => {
    const hostile = { a: '$(touch pwned)', b: '; rm -rf / #', c: '`id` && echo x > pwned2', d: '\' " \\ \n', e: 'two words' };
    const id = await submit({ name: 'literal', variants: [{ model: { kind: 'program', program: 'echo-args', params: hostile } }], training: { maxEpochs: 1 } });
    await stack.settled(id, ['completed'], 60_000);
    const seen = JSON.parse(readFileSync(echoFile, 'utf8'));
    assert.deepEqual(seen.argv, ['--a=$(touch pwned)', '--b=; rm -rf / #', '--c=`id` && echo x > pwned2', `--d=' " \\ \n`, '--e=two words']);
    assert.deepEqual(seen.params, hostile);
    for (const f of ['pwned', 'pwned2']) for (const dir of [FIXTURES, REPO_ROOT, scratch, '/']) assert.ok(!existsSync(join(dir, f)), `${join(dir, f)} exists`);
    // The environment is the registered one plus MODELSPACE_*: nothing of the worker's own settings leaks.
    assert.equal(seen.env.ECHO_FILE, echoFile);
    assert.equal(seen.env.MODELSPACE_REPORT_FD, '3');
    assert.equal(seen.env.DATABASE_URL, undefined);
    assert.equal(seen.env.REDIS_URL, undefined);
    assert.equal(seen.env.MODELSPACE_MAX_EPOCHS, '1');
    assert.equal(seen.cwd, FIXTURES.replace(/\/$/, ''));
  });

  test('a program that exits 3 fails its trial with the exit code and the last lines of its stderr; one that hangs past its timeout is killed and fails with timeout', async () => {
    const id = await submit({
      name: 'failures',
      variants: [{ model: { kind: 'program', program: 'exit3' } }, { model: { kind: 'program', program: 'hang' } }],
      training: { maxEpochs: 3 },
    });
    await stack.settled(id, ['completed', 'failed'], 90_000);
    const [exit3, hang] = (await trialsOf(id)).sort((a, b) => a.index - b.index);
    assert.equal(exit3.status, 'failed');
    assert.match(exit3.error, /exited with code 3; last stderr lines:\n/);
    assert.ok(exit3.error.split('\n').length > 2, exit3.error);
    assert.equal(hang.status, 'failed');
    assert.match(hang.error, /^timeout: the program ran past its 3 s/);
    // The hang's epoch before it hung is kept.
    assert.deepEqual(
      (await epochsOf(hang.id)).map((e) => e.epoch),
      [1],
    );
    assert.match(await logOf(hang.id), /still running after its timeout/);
  });

  test('a program that prints 100 MB completes with a bounded log; garbage on the report channel is counted and shown, its good reports kept', async () => {
    const id = await submit({
      name: 'noise',
      variants: [{ model: { kind: 'program', program: 'flood' } }, { model: { kind: 'program', program: 'garbage' } }],
      training: { maxEpochs: 5 },
    });
    await stack.settled(id, ['completed'], 120_000);
    const [flood, garbage] = (await trialsOf(id)).sort((a, b) => a.index - b.index);
    assert.equal(flood.status, 'completed');
    const floodLog = (await stack.http('GET', `/trials/${flood.id}/logs`)).body;
    assert.ok(floodLog.text.length <= 80_000, `log of ${floodLog.text.length} chars`);
    assert.ok(floodLog.droppedLines > 1000, String(floodLog.droppedLines));
    assert.equal(garbage.status, 'completed');
    assert.deepEqual(
      (await epochsOf(garbage.id)).map((e) => e.epoch),
      [1, 2],
    );
    const log = await logOf(garbage.id);
    assert.match(log, /7 report line\(s\) ignored/);
    assert.match(log, /not JSON/);
    assert.match(log, /unknown line type "\w+"/);
    assert.match(log, /a line of \d+ bytes \(at most 65536\)/);
    // The CLI prints the same log, and following a finished trial's log ends at once with its state.
    const cli = async (...args: string[]) => {
      const run = spawnEntry('apps/cli/src/main.ts', { MODELSPACE_URL: stack.api.url }, args);
      const code = await new Promise<number | null>((resolve) => run.child.on('exit', resolve));
      assert.equal(code, 0, run.output());
      return run.output();
    };
    assert.match(await cli('logs', garbage.id), /\[modelspace\] 7 report line\(s\) ignored/);
    const followed = await cli('logs', '--follow', garbage.id);
    assert.match(followed, /not JSON/);
    assert.match(followed, new RegExp(`trial ${garbage.id} completed\n$`));
    // The worker lived through both.
    assert.match(stack.workers[0]!.output(), /worker ready/);
    assert.equal(stack.workers[0]!.child.exitCode, null);
  });

  test('a cancelled program ends with every process it started; one that ignores SIGTERM is killed after its grace period', async () => {
    const id = await submit({
      name: 'stop them',
      variants: [{ model: { kind: 'program', program: 'forker', params: { pid_file: pidFile, interval: 0.2 } } }, { model: { kind: 'program', program: 'ignore-term' } }],
      training: { maxEpochs: 1000, patience: 1000 },
    });
    await waitFor('both programs to report', async () => (await trialsOf(id)).every((t) => t.status === 'running') && existsSync(pidFile), { timeoutMs: 60_000, intervalMs: 200 });
    await waitFor('an epoch of each', async () => (await Promise.all((await trialsOf(id)).map((t) => epochsOf(t.id)))).every((e) => e.length > 0), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    const pids = JSON.parse(readFileSync(pidFile, 'utf8')) as { parent: number; children: number[] };
    assert.ok([pids.parent, ...pids.children].every(alive));
    // Follow the forker's output live from now until its trial ends.
    const forker = (await trialsOf(id)).find((t) => t.model.program === 'forker');
    const live = fetch(`${stack.api.url}/trials/${forker.id}/logs/events`).then((r) => r.text());
    const started = Date.now();
    assert.equal((await stack.http('POST', `/sweeps/${id}/cancel`)).status, 200);
    await waitFor('every process of both programs to end', async () => ![pids.parent, ...pids.children].some(alive), { timeoutMs: 20_000, intervalMs: 100 });
    await waitFor('the trials to end', async () => (await trialsOf(id)).every((t) => t.status === 'cancelled'), { timeoutMs: 20_000, intervalMs: 200 });
    const ignoring = (await trialsOf(id)).find((t) => t.model.program === 'ignore-term');
    await waitFor('the ignore-term log to say SIGKILL', async () => /signal SIGKILL/.test(await logOf(ignoring.id)), { timeoutMs: 10_000, intervalMs: 200 });
    assert.ok(Date.now() - started >= 900, 'SIGKILL came only after the grace period');
    const stream = await live;
    assert.match(stream, /event: log\ndata: \{"trialId":"[^"]+","lines":\[/);
    assert.match(stream, /program ended: signal SIGTERM/);
    assert.match(stream, /event: end\ndata: \{"trialId":"[^"]+","status":"cancelled"\}/);
  });

  test('a trial whose program no live worker offers waits, saying which program it waits for; GET /workers lists each worker’s programs', async () => {
    const id = await submit({ name: 'nobody', variants: [{ model: { kind: 'program', program: 'not-registered' } }] });
    const [t] = await trialsOf(id);
    assert.equal(t.status, 'queued');
    assert.equal(t.waitingReason, 'waiting for a worker offering program "not-registered": none online (WORKER_PROGRAMS)');
    const workers = (await stack.http('GET', '/workers')).body.items;
    assert.deepEqual(workers[0].programs.map((p: { name: string }) => p.name).sort(), [
      'echo-args',
      'exit3',
      'flood',
      'forker',
      'garbage',
      'hang',
      'ignore-term',
      'mnist-torch',
      'node-mlp',
      'quick-train',
    ]);
    assert.equal((await stack.http('POST', `/sweeps/${id}/cancel`)).status, 200);
  });

  test("a SIGKILLed worker's program trial resumes on another worker from its checkpoint folder and completes with each epoch once", async () => {
    const second = stack.spawnWorker('prog-w2', WORKER_ENV);
    await second.waitForOutput('worker ready', 120_000);
    const id = await submit({
      name: 'resume',
      variants: [{ model: { kind: 'program', program: 'quick-train', params: { lr: 0.01, epoch_seconds: 0.4 } } }],
      training: { maxEpochs: 12, patience: 12 },
    });
    const trialId = (await trialsOf(id))[0].id;
    await waitFor('three epochs', async () => (await epochsOf(trialId)).length >= 3, { timeoutMs: 60_000, intervalMs: 100 });
    const holder = (await trialsOf(id))[0].workerId as string;
    const victim = stack.workers.find((w) => w.output().includes(`"workerId":"${holder}"`))!;
    await victim.stop('SIGKILL');
    await stack.settled(id, ['completed'], 120_000);
    const t = (await trialsOf(id))[0];
    assert.equal(t.status, 'completed');
    assert.notEqual(t.workerId, holder);
    assert.ok(t.attempts >= 2, String(t.attempts));
    const epochs = await epochsOf(trialId);
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    // The curve is the fixture's, epoch for epoch: the resumed run continued, it did not start over.
    for (const e of epochs) assert.ok(Math.abs(e.valError - (0.05 + 0.45 * Math.exp(-e.epoch / 2))) < 1e-9, JSON.stringify(e));
    assert.match(await logOf(trialId), /resuming after epoch \d+ \(attempt 2\)/);
  });

  test('the PyTorch example trains MNIST through the stack: epochs land, the test error and the saved model are the trial’s', async () => {
    const id = await submit({
      name: 'pytorch',
      variants: [{ model: { kind: 'program', program: 'mnist-torch', params: { lr: 0.05, width: 8, train_subset: 1000, val_subset: 500, test_subset: 1000 } } }],
      training: { maxEpochs: 2, patience: 2 },
    });
    await stack.settled(id, ['completed', 'failed'], 240_000);
    const [t] = await trialsOf(id);
    assert.equal(t.status, 'completed', `${t.error}\n${await logOf(t.id)}`);
    assert.equal(t.epochsRun, 2);
    assert.ok(t.bestValError < 0.5, String(t.bestValError));
    assert.ok(t.testError !== null && t.testError < 0.5, String(t.testError));
    const model = await fetch(`${stack.api.url}/trials/${t.id}/model/weights.bin`);
    assert.equal(model.status, 200);
    assert.ok((await model.arrayBuffer()).byteLength > 1000);
    // The model is PyTorch's file: downloadable, not something modelspace runs.
    const predict = await stack.http('POST', `/trials/${t.id}/predict`, { images: [Array(784).fill(0)] });
    assert.equal(predict.status, 409);
    assert.match(predict.body.error.message, /a file its program saved/);
  });

  test('the Node example trains MNIST through the stack with the TypeScript SDK, its patience decided by the worker', async () => {
    const id = await submit({
      name: 'node',
      variants: [{ model: { kind: 'program', program: 'node-mlp', params: { lr: 0.03, hidden: 16, train_subset: 1000, val_subset: 500, test_subset: 1000 } } }],
      training: { maxEpochs: 3, patience: 3 },
    });
    await stack.settled(id, ['completed', 'failed'], 240_000);
    const [t] = await trialsOf(id);
    assert.equal(t.status, 'completed', `${t.error}\n${await logOf(t.id)}`);
    assert.equal(t.epochsRun, 3);
    assert.ok(t.bestValError < 0.5 && t.testError < 0.5, `${t.bestValError} ${t.testError}`);
    const epochs = await epochsOf(t.id);
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      [1, 2, 3],
    );
  });

  test("a SIGKILLed worker's PyTorch trial resumes from its checkpoint folder and ends with the same epochs, to the bit, as an uninterrupted run", async () => {
    const another = stack.spawnWorker('prog-w3', WORKER_ENV);
    await another.waitForOutput('worker ready', 120_000);
    const variant = { model: { kind: 'program', program: 'mnist-torch', params: { lr: 0.05, width: 8, train_subset: 1500, val_subset: 500, test_subset: 1000 } } };
    const training = { maxEpochs: 4, patience: 4 };
    const straight = await submit({ name: 'torch straight', variants: [variant], training });
    await stack.settled(straight, ['completed'], 240_000);
    const interrupted = await submit({ name: 'torch interrupted', variants: [variant], training });
    const trialId = (await trialsOf(interrupted))[0].id;
    await waitFor('two epochs', async () => (await epochsOf(trialId)).length >= 2, { timeoutMs: 120_000, intervalMs: 100 });
    const holder = (await trialsOf(interrupted))[0].workerId as string;
    await stack.workers.find((w) => w.output().includes(`"workerId":"${holder}"`))!.stop('SIGKILL');
    await stack.settled(interrupted, ['completed'], 240_000);
    const [a, b] = [(await trialsOf(straight))[0], (await trialsOf(interrupted))[0]];
    assert.ok(b.attempts >= 2 && b.workerId !== holder, `${b.attempts} ${b.workerId}`);
    const metrics = async (id: string) => (await epochsOf(id)).map((e) => [e.epoch, e.trainLoss, e.valLoss, e.valError]);
    assert.deepEqual(await metrics(b.id), await metrics(a.id));
    assert.equal(b.testError, a.testError);
  });
});
