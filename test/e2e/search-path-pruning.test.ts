import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { searchWorker, startStack, TINY_TRAINING, type Stack } from '../support/stack.ts';

// The model-space path of a walk, and pruning across trials, on the real stack: real
// MNIST (a few hundred images), TensorFlow.js in a worker process.
let stack: Stack;

before(async () => {
  stack = await startStack({ label: 'search_path', workers: [searchWorker('wp', 2)] });
});

after(async () => {
  await stack?.close();
});

test('a walk on real MNIST produces a path whose edges each change exactly one knob', async () => {
  const created = await stack.http('POST', '/sweeps', {
    name: 'walk',
    method: 'walk',
    training: { ...TINY_TRAINING, trainSubset: 400 },
    space: {
      base: { model: { kind: 'convnet', featureMaps: [4, 8], filterSize: 5, denseUnits: 16, pooling: { type: 'max', size: 2, stride: 2 } } },
      parameters: {
        'model.activation': { values: ['relu', 'tanh'] },
        'model.pooling.type': { values: ['max', 'l2'] },
      },
    },
    budget: { maxTrials: 4 },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;
  const sweep = await stack.settled(id, ['completed', 'failed'], 90_000);
  assert.equal(sweep.status, 'completed', stack.outputs());

  const path = (await stack.http('GET', `/sweeps/${id}/path`)).body;
  // Base, its two one-knob neighbours, and (if one of them beat the base) one more.
  assert.ok(path.nodes.length === 3 || path.nodes.length === 4, `${path.nodes.length} nodes`);
  assert.equal(path.edges.length, path.nodes.length - 1, 'every node but the base has a parent');
  assert.deepEqual(
    path.order,
    path.nodes.map((n: any) => n.id),
  );
  const ids = new Set(path.nodes.map((n: any) => n.id));
  const root = path.nodes[0];
  assert.ok(!path.edges.some((e: any) => e.to === root.id), 'the base variant has no parent');
  for (const e of path.edges) {
    assert.ok(ids.has(e.from) && ids.has(e.to));
    assert.equal(e.changes.length, 1, `edge ${e.label} changes one knob`);
    assert.match(e.label, /^(activation (relu → tanh|tanh → relu)|pooling\.type (max → l2|l2 → max))$/);
  }
  for (const n of path.nodes) {
    assert.equal(n.state, 'completed');
    assert.ok(n.metric > 0 && n.metric < 0.9, `${n.name}: validation error ${n.metric} from real training`);
  }
  // The walk keeps the best: a fourth trial exists only when a neighbour beat the base, and
  // its parent is such a neighbour (which one depends on which of the two running finished first).
  if (path.nodes.length === 4) {
    const parent = path.nodes.find((n: any) => n.id === path.edges.find((e: any) => e.to === path.nodes[3].id).from);
    assert.notEqual(parent.id, root.id);
    assert.ok(parent.metric <= root.metric, `the fourth trial's parent ${parent.name} (${parent.metric}) beat the base (${root.metric})`);
  }
});

test('a trial ASHA prunes ends `pruned` with its reason and fewer epoch rows than its maxEpochs', async () => {
  const maxEpochs = 3;
  const created = await stack.http('POST', '/sweeps', {
    name: 'asha',
    training: { ...TINY_TRAINING, maxEpochs },
    variants: [
      { name: 'learns', model: { kind: 'softmax' }, training: { learningRate: 0.1 } },
      // Barely moves from its random start: at the first rung it is far behind.
      { name: 'stalls', model: { kind: 'softmax' }, training: { learningRate: 0.00001 } },
    ],
    // One at a time, so the stalling trial meets the first one's finished curve at the rung.
    budget: { maxConcurrentTrials: 1 },
    pruner: { type: 'asha', minEpochs: 1, reductionFactor: 2 },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;
  const sweep = await stack.settled(id, ['completed', 'failed'], 60_000);
  assert.equal(sweep.status, 'completed', stack.outputs());
  assert.deepEqual({ completed: sweep.trialCounts.completed, pruned: sweep.trialCounts.pruned }, { completed: 1, pruned: 1 });

  const trials = (await stack.http('GET', `/sweeps/${id}/trials`)).body.items as any[];
  const [learns, stalls] = trials;
  assert.equal(learns.status, 'completed');
  assert.equal((await stack.http('GET', `/trials/${learns.id}/epochs`)).body.items.length, maxEpochs);
  assert.equal(stalls.status, 'pruned');
  assert.match(stalls.statusReason, /^ASHA rung at epoch 1: best [\d.]+ is not in the top 1 of 2/);
  const epochs = (await stack.http('GET', `/trials/${stalls.id}/epochs`)).body.items as any[];
  assert.equal(epochs.length, 1, 'pruned at the first rung: one epoch row of the 3 allowed');
  assert.equal(stalls.epochsRun, 1);
  assert.equal(stalls.stopReason, 'pruned');
});
