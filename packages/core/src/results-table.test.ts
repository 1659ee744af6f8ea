import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelSpec } from './model.ts';
import { modelCells, RESULT_COLUMNS, resultsMarkdown, type TrialSummary } from './results-table.ts';

const base = { bestValError: null, testError: null, bestEpoch: null, epochsRun: null, stopReason: null, durationMs: null };

test('the results table has one row per trial in sweep order, errors in percent', () => {
  const trials: TrialSummary[] = [
    {
      ...base,
      index: 1,
      name: 'conv',
      status: 'completed',
      model: { kind: 'convnet', activation: 'tanh', featureMaps: [64, 128], filterSize: 5, denseUnits: 128 },
      bestValError: 0.0046,
      testError: 0.0035,
      bestEpoch: 27,
      epochsRun: 30,
      stopReason: 'max_epochs',
      durationMs: 12_345,
      paramCount: 1234,
    },
    { ...base, index: 0, name: 'lr', status: 'running', model: { kind: 'softmax' } },
  ];
  const lines = resultsMarkdown(trials).split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, /^\| Model \| Name +\| Kind +\| Activation \| Nb Maps +\| Filter \| Dropout \| Pooling \| Stride \| Data Aug \| Params \|/);
  assert.match(lines[2]!, /^\| 1 +\| lr +\| softmax +\| softmax +\|.*\| running /);
  assert.match(
    lines[3]!,
    /^\| 2 +\| conv +\| convnet +\| tanh +\| 64, 128, 128 \| 5, 5 +\| no +\| Max +\| no +\| no +\| 1234 +\| completed \| 30 +\| 27 +\| 0\.46 +\| 0\.35 +\| max_epochs \| 12\.3 +\|$/,
  );
});

test("the architecture cells spell the seed's table: columns, maps, dropout, L2, overlapping stride, augmentation", () => {
  const model13 = ModelSpec.parse({
    kind: 'convnet',
    activation: 'tanh',
    columns: 2,
    featureMaps: [64, 64],
    filterSize: [5, 5],
    denseUnits: 256,
    pooling: { type: 'l2' },
    dropout: { placement: 'one-fc' },
    augmentation: { expansion: 4 },
  });
  assert.deepEqual(modelCells(model13), ['convnet', 'tanh', '2 Col, 64, 64, 256', '5, 5', '1 in FC', 'L2', 'no', '4 times']);
  const model8 = ModelSpec.parse({
    kind: 'convnet',
    activation: 'relu',
    featureMaps: [64, 64],
    denseUnits: 128,
    pooling: { type: 'max', size: 3, stride: 2 },
    dropout: { placement: 'all-fc' },
  });
  assert.deepEqual(modelCells(model8).slice(4), ['2 in FC', 'Max', 'yes (3/2)', 'no']);
  assert.deepEqual(modelCells(ModelSpec.parse({ kind: 'softmax', beta: 2 })).slice(0, 2), ['softmax β=2', 'softmax']);
  assert.deepEqual(modelCells(ModelSpec.parse({ kind: 'logistic' })).slice(0, 2), ['logistic', 'sigmoid']);
  assert.equal(RESULT_COLUMNS.length, 2 + modelCells(model8).length + 8);
});
