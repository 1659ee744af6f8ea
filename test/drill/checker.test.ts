import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDrill, expectedWriter, type DrillHistory, type DrillRows } from './checker.ts';

// The drill's checker, rule by rule, on small hand-made histories: a clean one passes, and
// each kind of damage the drill must catch is caught.
const S = 'sweep-1';
const T = 'trial-1';

function clean(): { rows: DrillRows; history: DrillHistory } {
  return {
    rows: {
      sweeps: [{ id: S, status: 'completed', trialCounts: { completed: 1, total: 1, queued: 0, running: 0 } }],
      trials: [{ id: T, sweepId: S, name: 'a', status: 'completed', epochsRun: 3 }],
      // Claim 1 wrote epochs 1-2; claim 2 resumed after epoch 2's checkpoint and wrote epoch 3.
      epochs: [
        { trialId: T, epoch: 1, claim: 1 },
        { trialId: T, epoch: 2, claim: 1 },
        { trialId: T, epoch: 3, claim: 2 },
      ],
    },
    history: {
      submissions: [
        { status: 201, sweepId: S, variants: 1 },
        { status: null, sweepId: null, variants: 1 },
        { status: 503, sweepId: null, variants: 1 },
      ],
      claims: [
        { trialId: T, attempt: 1, resumedAfter: 0, worker: 'w1-1', at: 1 },
        { trialId: T, attempt: 2, resumedAfter: 2, worker: 'w2-1', at: 2 },
      ],
      completions: [{ trialId: T, worker: 'w2-1', at: 3 }],
    },
  };
}

const kinds = (rows: DrillRows, history: DrillHistory, refs = []) => checkDrill(rows, history, refs).map((v) => v.kind);

test('a history every rule accepts passes', () => {
  const { rows, history } = clean();
  assert.deepEqual(checkDrill(rows, history, [{ trialId: T, name: 'a', differences: [] }]), []);
});

test('a trial left queued or running, or failed, is caught', () => {
  for (const status of ['queued', 'running', 'failed']) {
    const { rows, history } = clean();
    rows.trials[0]!.status = status;
    rows.sweeps[0]!.trialCounts = { [status]: 1, total: 1 };
    assert.ok(kinds(rows, history).includes(status === 'failed' ? 'trial failed' : 'trial not final'), status);
  }
});

test('a trial whose completion two workers recorded is caught', () => {
  const { rows, history } = clean();
  history.completions.push({ trialId: T, worker: 'w1-1', at: 4 });
  assert.deepEqual(kinds(rows, history), ['completed twice']);
});

test('a missing epoch row, and one past the trial’s epochs, are caught', () => {
  const { rows, history } = clean();
  rows.epochs.splice(1, 1);
  assert.deepEqual(kinds(rows, history), ['missing epoch']);
  const again = clean();
  again.rows.epochs.push({ trialId: T, epoch: 4, claim: 2 });
  assert.deepEqual(kinds(again.rows, again.history), ['extra epoch']);
});

test('an epoch row written by a claim after it was taken over is caught', () => {
  const { rows, history } = clean();
  rows.epochs[2]!.claim = 1; // claim 1 wrote epoch 3 although claim 2 owned it
  assert.deepEqual(kinds(rows, history), ['late write']);
  // and a row no claim owned names no writer
  assert.equal(expectedWriter([{ attempt: 2, resumedAfter: 2 }], 1), null);
  assert.equal(
    expectedWriter(
      [
        { attempt: 1, resumedAfter: 0 },
        { attempt: 3, resumedAfter: 1 },
        { attempt: 2, resumedAfter: 3 },
      ],
      2,
    ),
    3,
  );
});

test('a resumed trial that differs from its uninterrupted run is caught', () => {
  const { rows, history } = clean();
  assert.deepEqual(
    checkDrill(rows, history, [{ trialId: T, name: 'a', differences: ['weights sha256 x, uninterrupted y'] }]).map((v) => v.kind),
    ['resume differs'],
  );
});

test('sweep counts that disagree with its trials, or a sweep not ended as its trials say, are caught', () => {
  const { rows, history } = clean();
  rows.sweeps[0]!.trialCounts.completed = 2;
  assert.deepEqual(kinds(rows, history), ['sweep counts']);
  const fewer = clean();
  fewer.history.submissions[0]!.variants = 2;
  assert.deepEqual(kinds(fewer.rows, fewer.history), ['sweep counts']);
  const open = clean();
  open.rows.sweeps[0]!.status = 'running';
  assert.deepEqual(kinds(open.rows, open.history), ['sweep status']);
  const failed = clean();
  failed.rows.sweeps[0]!.status = 'failed';
  assert.deepEqual(kinds(failed.rows, failed.history), ['sweep status']);
});

test('a 201 whose sweep is not in the database is caught', () => {
  const { rows, history } = clean();
  history.submissions.push({ status: 201, sweepId: 'sweep-gone', variants: 1 });
  assert.deepEqual(kinds(rows, history), ['lost acknowledged sweep']);
});
