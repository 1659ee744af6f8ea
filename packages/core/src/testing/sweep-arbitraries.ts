import fc from 'fast-check';

/**
 * fast-check generators of sweep definitions for property-based tests: valid seeds, and
 * mutations of them (a field set to any JSON, removed, or an unknown one added), which
 * reach far deeper into the validator than arbitrary JSON does.
 */
export const VALID_SWEEPS: object[] = [
  {
    name: 'list',
    training: { maxEpochs: 2, trainSubset: 100 },
    variants: [{ model: { kind: 'softmax' } }, { name: 'conv', model: { kind: 'convnet', activation: 'tanh', featureMaps: [4, 8], denseUnits: 16 }, training: { batchSize: 16 } }],
  },
  {
    name: 'grid',
    method: 'grid',
    training: { maxEpochs: 1 },
    space: {
      base: { model: { kind: 'convnet', featureMaps: [4, 4] } },
      parameters: { 'model.activation': { values: ['tanh', 'relu'] }, 'training.learningRate': { type: 'loguniform', min: 0.001, max: 0.1, factor: 10 } },
    },
    budget: { maxTrials: 4 },
  },
  {
    name: 'random',
    method: 'random',
    space: { base: { model: { kind: 'softmax' } }, parameters: { 'training.batchSize': { type: 'int', min: 8, max: 64, step: 8 } } },
    budget: { maxTrials: 3, maxConcurrentTrials: 1 },
    search: { seed: 7 },
  },
  {
    name: 'walk',
    method: 'walk',
    objective: { metric: 'valLoss' },
    space: { base: { model: { kind: 'convnet', featureMaps: [8, 8], denseUnits: 16 } }, parameters: { 'model.pooling.type': { values: ['l2', 'max'], start: 'l2' } } },
    budget: { maxTrials: 2 },
  },
];

type Op = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({ kind: fc.constant('add' as const), key: fc.string({ maxLength: 12 }), value: fc.jsonValue({ maxDepth: 2 }) }),
);

/** Every place in a value that a mutation can touch: the paths of its objects and arrays, and their members. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...entries.flatMap(([k, v]) => paths(v, [...at, k]))];
}

function apply(root: unknown, path: (string | number)[], o: Op): unknown {
  if (!path.length) return o.kind === 'set' ? o.value : o.kind === 'add' && root && typeof root === 'object' && !Array.isArray(root) ? { ...root, [o.key]: o.value } : root;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (o.kind === 'set') parent[last] = o.value;
  else if (o.kind === 'delete') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
  else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[o.key] = o.value;
  }
  return copy;
}

/** A valid definition with one to three mutations applied. */
export const mutatedSweep: fc.Arbitrary<unknown> = fc.tuple(fc.constantFrom(...VALID_SWEEPS), fc.array(fc.tuple(fc.nat(), op), { minLength: 1, maxLength: 3 })).map(([seed, ops]) =>
  ops.reduce<unknown>((doc, [n, o]) => {
    const all = paths(doc);
    return apply(doc, all[n % all.length]!, o);
  }, seed),
);

/** Anything a client might send as a sweep body. */
export const anySweepBody: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutatedSweep, mutatedSweep);
