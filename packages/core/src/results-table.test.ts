import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resultsMarkdown, type TrialSummary } from './results-table.ts';

const base = { bestValError: null, testError: null, bestEpoch: null, epochsRun: null, stopReason: null, durationMs: null };

test('the results table has one row per trial in sweep order, errors in percent', () => {
  const trials: TrialSummary[] = [
    { ...base, index: 1, name: 'conv', status: 'completed', model: { kind: 'convnet', activation: 'tanh', featureMaps: [64, 128], filterSize: 5, denseUnits: 128 }, bestValError: 0.0046, testError: 0.0035, bestEpoch: 27, epochsRun: 30, stopReason: 'max_epochs', durationMs: 12_345 },
    { ...base, index: 0, name: 'lr', status: 'running', model: { kind: 'softmax' } },
  ];
  const lines = resultsMarkdown(trials).split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, /^\| Model \| Name +\| Kind/);
  assert.match(lines[2]!, /^\| 1 +\| lr +\| softmax \|.*\| running /);
  assert.match(lines[3]!, /^\| 2 +\| conv +\| convnet \| tanh +\| 64, 128 \| 5x5 +\| 128 +\| completed \| 30 +\| 27 +\| 0\.46 +\| 0\.35 +\| max_epochs \| 12\.3 +\|$/);
});
