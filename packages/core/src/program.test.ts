import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpecError } from './errors.ts';
import { programArgs } from './program.ts';
import { modelCells } from './results-table.ts';
import { validateSweepSpec } from './sweep-spec.ts';
import { applyAssignment, assignmentName } from './space/assignment.ts';
import { changeLabel, diffVariants } from './space/variant.ts';

const programSweep = (model: unknown) => ({ name: 'p', variants: [{ model }] });

function issues(input: unknown): string[] {
  try {
    validateSweepSpec(input);
  } catch (err) {
    if (err instanceof SpecError) return err.issues.map((i) => `${i.field}: ${i.reason}`);
    throw err;
  }
  return [];
}

test('a program variant parses with its params, and params default to none', () => {
  const spec = validateSweepSpec({
    name: 'p',
    variants: [{ model: { kind: 'program', program: 'mnist-torch', params: { lr: 0.01, width: 32, augment: true, optim: 'sgd' } } }, { model: { kind: 'program', program: 'x' } }],
  });
  assert.deepEqual(spec.variants![0]!.model, { kind: 'program', program: 'mnist-torch', params: { lr: 0.01, width: 32, augment: true, optim: 'sgd' } });
  assert.deepEqual(spec.variants![1]!.model, { kind: 'program', program: 'x', params: {} });
});

test('a program name, a param name or a param value that could not be passed safely is refused, naming the field', () => {
  assert.match(issues(programSweep({ kind: 'program', program: '../bin/sh' })).join('\n'), /variants\.0\.model\.program: a program name is 1-64 lowercase/);
  assert.match(issues(programSweep({ kind: 'program', program: 'p', params: { '--x': 1 } })).join('\n'), /variants\.0\.model\.params.*param name is an identifier/);
  assert.match(issues(programSweep({ kind: 'program', program: 'p', params: { '1x': 1 } })).join('\n'), /param name is an identifier/);
  assert.match(issues(programSweep({ kind: 'program', program: 'p', params: { x: 'a\0b' } })).join('\n'), /variants\.0\.model\.params\.x: a value cannot hold a NUL/);
  assert.match(issues(programSweep({ kind: 'program', program: 'p', params: { x: { nested: 1 } } })).join('\n'), /variants\.0\.model\.params\.x/);
  assert.match(issues(programSweep({ kind: 'program', program: 'p', command: 'rm -rf /' })).join('\n'), /variants\.0\.model\.command: unknown field/);
  assert.match(issues(programSweep({ kind: 'shell' })).join('\n'), /unknown model kind "shell": expected one of .*"program"/);
});

test('each param is one --name=value argument, sorted by name, its value never split or interpreted', () => {
  assert.deepEqual(programArgs({ lr: 0.001, width: 32, augment: false, cmd: '$(touch pwned); rm -rf / `id` "q" a b' }), [
    '--augment=false',
    '--cmd=$(touch pwned); rm -rf / `id` "q" a b',
    '--lr=0.001',
    '--width=32',
  ]);
  assert.deepEqual(programArgs({ tiny: 1e-7, big: 1e21 }), ['--big=1e+21', '--tiny=1e-7']);
});

test('a search space over a program searches its params, and names and path edges read as the plain param names', () => {
  const spec = validateSweepSpec({
    name: 'p',
    method: 'grid',
    space: {
      base: { model: { kind: 'program', program: 'mnist-torch', params: { width: 16 } } },
      parameters: { 'model.params.lr': { values: [0.01, 0.1] }, 'training.maxEpochs': { values: [2] } },
    },
  });
  const params = { 'model.params.lr': 0.1, 'training.maxEpochs': 2 };
  const variant = applyAssignment(spec.space!, params);
  assert.deepEqual(variant.model, { kind: 'program', program: 'mnist-torch', params: { width: 16, lr: 0.1 } });
  assert.equal(assignmentName(params, spec.space!), 'lr=0.1 maxEpochs=2');
  const changes = diffVariants(
    { model: { kind: 'program', program: 'm', params: { lr: 0.01, width: 16 } } },
    { model: { kind: 'program', program: 'm', params: { lr: 0.1, width: 16 } } },
  );
  assert.deepEqual(changes.map(changeLabel), ['lr 0.01 → 0.1']);
});

test("a program trial's row in the results table shows the program and its params", () => {
  assert.deepEqual(modelCells({ kind: 'program', program: 'mnist-torch', params: { lr: 0.01, width: 32 } }), ['program mnist-torch', '', 'lr=0.01 width=32', '', '', '', '', '']);
});
