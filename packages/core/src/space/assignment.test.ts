import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SweepSpec } from '../sweep-spec.ts';
import { SearchSpace } from './space.ts';
import { applyAssignment, assignmentName, clonePlain, decide } from './assignment.ts';

// The seed's biggest finding is about augmentation on or off: a space must be able to say both.
const space = SearchSpace.parse({
  base: { model: { kind: 'convnet' } },
  parameters: {
    'model.augmentation': { values: [null, { expansion: 4, maxRotation: 20 }], start: null },
    'model.dropout.rate': { values: [0.5], when: { 'model.augmentation': [null] } },
  },
});

test('a null parameter value removes the field, so the model default (no augmentation) applies', () => {
  const off = applyAssignment(space, { 'model.augmentation': null });
  assert.equal('augmentation' in off.model, false);
  const on = applyAssignment(space, { 'model.augmentation': { expansion: 4, maxRotation: 20 } });
  assert.deepEqual(on.model.augmentation, { expansion: 4, maxRotation: 20 });
});

test('an object parameter value sets a whole sub-object and reads well in a trial name', () => {
  assert.equal(assignmentName({ 'model.augmentation': { expansion: 4, maxRotation: 20 } }, space), 'augmentation={expansion:4,maxRotation:20}');
  assert.equal(assignmentName({ 'model.augmentation': null }, space), 'augmentation=none');
});

test('a condition on a removed field sees null', () => {
  const params = decide(space, (_path, p) => (p.type === 'categorical' ? p.values[0]! : null));
  assert.deepEqual(Object.keys(params), ['model.augmentation', 'model.dropout.rate']);
});

test('a walk sweep can toggle augmentation: the definition validates', () => {
  const r = SweepSpec.safeParse({
    name: 'augmentation walk',
    method: 'walk',
    space: { base: { model: { kind: 'convnet' } }, parameters: { 'model.augmentation': { values: [null, { expansion: 4 }] } } },
  });
  assert.equal(r.success, true, r.success ? '' : JSON.stringify(r.error.issues));
});

test('clonePlain copies plain data deeply, as structuredClone does', () => {
  const base = JSON.parse('{"model":{"kind":"convnet","featureMaps":[8,16],"dropout":{"rate":0.5},"x":null},"__proto__":{"evil":1}}');
  const copy = clonePlain(base);
  assert.deepEqual(copy, structuredClone(base));
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  assert.deepEqual(Object.keys(copy), ['model', '__proto__']);
  copy.model.featureMaps.push(32);
  copy.model.dropout.rate = 0.1;
  assert.deepEqual(base.model, { kind: 'convnet', featureMaps: [8, 16], dropout: { rate: 0.5 }, x: null });
  const date = new Date(0);
  assert.deepEqual(clonePlain({ at: date }).at, date);
});
