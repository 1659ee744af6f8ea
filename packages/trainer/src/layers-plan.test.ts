import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { asLayerStack, builtInModel, ModelSpec, parseSweepText, planTrials } from '@modelspace/core';
import { initBackend } from './backend.ts';
import { disposeBatch, makeBatch, splits } from './batches.ts';
import { evaluate } from './evaluate.ts';
import { loadMnist } from './mnist/load.ts';
import { buildModel, buildNet, modelPlan } from './models.ts';
import { disposeOptimizer, makeOptimizer } from './optimizer.ts';
import { trainStep } from './train.ts';

const BN_NET = ModelSpec.parse({
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', stride: 2 },
    { type: 'batchNorm', momentum: 0.9 },
    { type: 'activation', activation: 'relu' },
    { type: 'avgPool', size: 2 },
    { type: 'conv2d', filters: 6, kernel: 3, activation: 'gelu' },
    { type: 'l2Pool', size: 2, stride: 1 },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.2 },
    { type: 'dense', units: 12, activation: 'leakyRelu', alpha: 0.05 },
    { type: 'batchNorm' },
  ],
});

describe('the layer stack as a tfjs model', () => {
  before(() => initBackend({ prefer: 'wasm' }));

  it('plans the stack then the appended output (dense, one unit per class, softmax); gelu and leakyRelu follow their layer', () => {
    const plan = modelPlan(BN_NET);
    assert.deepEqual(plan.inputShape, [28, 28, 1]);
    assert.deepEqual(
      plan.layers.map((l) => l.kind),
      ['conv', 'batch-norm', 'activation', 'pool', 'conv', 'activation', 'pool', 'flatten', 'dropout', 'dense', 'activation', 'batch-norm', 'dense'],
    );
    assert.deepEqual(plan.layers[0], { kind: 'conv', filters: 4, size: 3, stride: 2, padding: 'same', activation: 'linear' });
    assert.deepEqual(plan.layers[10], { kind: 'activation', activation: 'leakyRelu', alpha: 0.05 });
    assert.deepEqual(plan.layers.at(-1), { kind: 'dense', units: 10, activation: 'softmax' });
    // The class count and image shape are the dataset's.
    const other = modelPlan(BN_NET, { height: 20, width: 24, channels: 3, classes: 4 });
    assert.deepEqual(other.inputShape, [20, 24, 3]);
    assert.deepEqual(other.layers.at(-1), { kind: 'dense', units: 4, activation: 'softmax' });
  });

  it('builds the shapes the core check computes: 28 →same/2→ 14 →avg 2→ 7 →valid 3→ 5 →l2 2/1→ 4', () => {
    const m = buildModel(BN_NET, 1);
    assert.deepEqual(
      m.layers.map((l) => l.outputShape),
      [
        [null, 14, 14, 4],
        [null, 14, 14, 4],
        [null, 14, 14, 4],
        [null, 7, 7, 4],
        [null, 5, 5, 6],
        [null, 5, 5, 6],
        [null, 4, 4, 6],
        [null, 96],
        [null, 96],
        [null, 12],
        [null, 12],
        [null, 12],
        [null, 10],
      ],
    );
    // Batch norm: γ and β trained, the running mean and variance not (but in getWeights, so checkpoints carry them).
    assert.equal(m.trainableWeights.length, 12);
    assert.equal(m.getWeights().length, 16);
    m.dispose();
  });

  it('columns: each column runs the whole stack on its transform, then the output layer', () => {
    const plan = modelPlan(ModelSpec.parse({ kind: 'layers', columns: 3, layers: [{ type: 'conv2d', filters: 2, kernel: 5 }, { type: 'flatten' }] }));
    assert.deepEqual(
      plan.columns?.map((c) => [c.transform, c.layers.map((l) => l.kind)]),
      [
        ['identity', ['conv', 'flatten']],
        ['transpose', ['conv', 'flatten']],
        ['flip-left-right', ['conv', 'flatten']],
      ],
    );
    assert.deepEqual(plan.layers, [{ kind: 'dense', units: 10, activation: 'softmax' }]);
  });

  it("the seed kinds are shorthands: the seed table's models and more, spelled as layer stacks, plan the same layers (hence the same seeds and numbers)", () => {
    const table = parseSweepText(readFileSync(new URL('../../../sweeps/seed-table.yaml', import.meta.url), 'utf8'));
    const specs = [
      ...planTrials(table).map((t) => builtInModel(t.model)),
      ModelSpec.parse({ kind: 'softmax' }),
      ModelSpec.parse({ kind: 'softmax', augmentation: { expansion: 2 } }),
      ModelSpec.parse({ kind: 'convnet', activation: 'tanh', columns: 3, featureMaps: [4, 6], filterSize: [5, 3], denseUnits: [], pooling: { type: 'l2', size: 3, stride: 2 } }),
      ModelSpec.parse({ kind: 'convnet', featureMaps: [4], denseUnits: [8, 6], dropout: { placement: 'conv-and-fc', rate: 0.4, convRate: 0.1 } }),
    ];
    let spelled = 0;
    for (const spec of specs) {
      const stack = asLayerStack(spec);
      if (!stack) continue;
      spelled++;
      assert.deepEqual(modelPlan(ModelSpec.parse(stack)), modelPlan(spec), JSON.stringify(spec));
    }
    assert.ok(spelled >= 12, `${spelled} of ${specs.length} spelled as stacks`);
    // What a stack cannot say: sigmoid one-vs-rest units, softmax(−βz) with β ≠ −1, dropout after joined columns.
    assert.equal(asLayerStack(ModelSpec.parse({ kind: 'logistic' })), null);
    assert.equal(asLayerStack(ModelSpec.parse({ kind: 'softmax', beta: -2 })), null);
    assert.equal(asLayerStack(ModelSpec.parse({ kind: 'convnet', columns: 2, dropout: { placement: 'one-fc' } })), null);
  });

  it('a stack that does not fit the images is refused naming the layer', () => {
    assert.throws(
      () => modelPlan(BN_NET, { height: 6, width: 6, channels: 1, classes: 10 }),
      /model\.layers\.4\.kernel: layer 4 \(conv2d\): a 3x3 kernel is larger than its 1x1 input \(input 6x6x1\)/,
    );
  });

  it('trains with batch statistics (running averages move), evaluates with the running averages', () => {
    const data = splits(loadMnist(), { trainSubset: 64, valSubset: 100, testSubset: 1 });
    const net = buildNet(BN_NET, 5);
    const { model } = net;
    const optimizer = makeOptimizer({ learningRate: 0.05, momentum: 0.9 });
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const movingMean = () => model.layers[1]!.getWeights()[2]!.dataSync().slice();
    assert.deepEqual([...movingMean()], [0, 0, 0, 0]);
    const before = evaluate(model, data.val);
    const losses: number[] = [];
    for (let s = 0; s < 4; s++) {
      const batch = makeBatch(
        data.train,
        Array.from({ length: 16 }, (_, i) => s * 16 + i),
      );
      losses.push(trainStep(model, optimizer, variables, batch, { loss: 'categorical', side: 28 }).loss);
      disposeBatch(batch);
    }
    assert.ok(
      losses.every((l) => Number.isFinite(l)),
      String(losses),
    );
    assert.ok(
      [...movingMean()].some((v) => v !== 0),
      'the running mean moved towards the batch means',
    );
    // Evaluation uses the running averages: the same images twice give the same loss (no batch dependence).
    const a = evaluate(model, data.val, undefined, 100);
    const b = evaluate(model, data.val, undefined, 7);
    assert.ok(Math.abs(a.loss - b.loss) < 1e-5, `${a.loss} vs ${b.loss} (per-batch statistics would differ)`);
    assert.notEqual(a.loss, before.loss);
    disposeOptimizer(optimizer);
    model.dispose();
  });
});
