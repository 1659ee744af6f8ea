import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createBarsView } from './bars-view.ts';
import type { SweepWatchState, TrialInfo } from './view.ts';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

const trial = (over: Partial<TrialInfo>): TrialInfo => ({ id: 't', index: 0, name: 'n', status: 'queued', maxEpochs: 12, bestValError: null, recentEpochMs: [], ...over });

test('the bars show each running trial with its speed, time per epoch and time left, and the sweep with its own, named last so a narrow terminal cuts names, not figures', () => {
  const out = capture();
  const running = trial({
    id: 'a',
    name: 'activation=relu pooling.type=max learningRate=0.02',
    status: 'running',
    epoch: 2,
    valError: 0.0109,
    recentEpochMs: [180_000, 180_000],
    samplesPerSec: 1137.4,
  });
  const state: SweepWatchState = {
    sweepId: 's',
    name: 'time to 0.5%',
    status: 'running',
    maxTrials: 30,
    trials: new Map([
      ['a', running],
      ['b', trial({ id: 'b', index: 1, name: 'activation=tanh', status: 'running' })],
    ]),
    best: { trialId: 'a', name: running.name, index: 0, valError: 0.0109 },
  };
  const view = createBarsView(() => {}, { stream: out.stream, noTTY: true });
  view.start(state);
  view.event(state, 'epoch', { trialId: 'a', index: 0, name: running.name, epoch: 2, maxEpochs: 12, valError: 0.0109 }, undefined);
  view.stop(state);
  const lines = out.text().split('\n');
  const bar = lines.find((l) => l.startsWith(' [1/2]'));
  assert.ok(bar, out.text());
  assert.match(bar, /epoch 2\/12 \| val error 1\.09% \| 1,137 samples\/s \| 3 min(?: 00 s)?\/epoch, ≤ 30 min(?: 00 s)? left \| activation=relu/);
  const sweep = lines.find((l) => l.includes('sweep "time to 0.5%"'));
  assert.ok(sweep, out.text());
  assert.match(sweep, /time left ≤ 36 min(?: 00 s)? for the 2 trials so far \(of up to 30\)/);
  assert.doesNotMatch(out.text(), /INF/, "cli-progress's own eta must not replace ours");
});
