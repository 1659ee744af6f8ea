import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, formatEpochTime, secondsPerEpoch, sweepEta, trialEta, type TrialProgressInput } from './progress.ts';

const trial = (status: string, epoch: number, maxEpochs: number, recentEpochMs: number[]): TrialProgressInput => ({
  status,
  epoch,
  maxEpochs,
  recentEpochMs,
});

test('time per epoch is the mean of the last three epochs, so a machine whose load changes is followed', () => {
  assert.equal(secondsPerEpoch([90_000, 30_000, 30_000, 60_000]), 40);
  assert.equal(secondsPerEpoch([]), null);
});

test("a running trial's ETA is its remaining epochs at its own time per epoch", () => {
  assert.deepEqual(trialEta(trial('running', 10, 30, [60_000, 60_000])), { secondsPerEpoch: 60, remainingEpochs: 20, etaSeconds: 1200 });
  assert.equal(trialEta(trial('running', 0, 30, [])), null, 'no estimate before the first epoch ends');
  assert.equal(trialEta(trial('running', 31, 30, [1000]))!.etaSeconds, 0, 'never negative');
});

test('queued trials take the slot that frees first, at the mean time per epoch of the sweep', () => {
  // Slot A frees at 100 s, slot B at 1,000 s; the queued trial goes to A.
  const eta = sweepEta([trial('running', 9, 10, [100_000]), trial('running', 0, 100, [10_000]), trial('queued', 0, 10, []), trial('completed', 5, 5, [10_000])]);
  // Mean per epoch over every trial with epochs: (100 + 10 + 10) / 3 = 40 s; A then frees at 500 s.
  assert.deepEqual(eta, { etaSeconds: 1000, trialsLeft: 3, slots: 2 });
});

test('the queued trials extend the sweep past its running ones when they queue behind one slot', () => {
  const eta = sweepEta([trial('running', 1, 3, [20_000]), trial('queued', 0, 3, []), trial('queued', 0, 3, [])]);
  // One slot: 2 epochs left of the running trial (40 s), then 2 x 3 epochs at 20 s.
  assert.deepEqual(eta, { etaSeconds: 160, trialsLeft: 3, slots: 1 });
});

test('no estimate for a sweep before any epoch has ended; a finished sweep has nothing left', () => {
  assert.equal(sweepEta([trial('running', 0, 3, []), trial('queued', 0, 3, [])]), null);
  assert.deepEqual(sweepEta([trial('completed', 3, 3, [5_000])]), { etaSeconds: 0, trialsLeft: 0, slots: 1 });
});

test('durations read as a person would say them', () => {
  assert.equal(formatDuration(34.6), '35 s');
  assert.equal(formatDuration(250), '4 min 10 s');
  assert.equal(formatDuration(7500), '2 h 05 min');
  assert.equal(formatDuration(-3), '0 s');
  assert.equal(formatEpochTime(2.44), '2.4 s');
  assert.equal(formatEpochTime(75), '1 min 15 s');
});
