import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '@modelspace/config';
import { loadProgramRegistry } from './registry.ts';

const dir = mkdtempSync(join(tmpdir(), 'modelspace-registry-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const problems = (path: string) => {
  try {
    loadProgramRegistry(path, { PATH: process.env.PATH });
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems.join('\n');
  }
  assert.fail('expected a ConfigError');
};

test('a programs file resolves each argv[0] once (on PATH, or relative to the program folder) with its defaults', () => {
  const registry = loadProgramRegistry(file('ok.yaml', 'programs:\n  train-a:\n    argv: [sh, -c, "exit 0"]\n    env: { A: "1" }\n'), { PATH: '/usr/bin:/bin' });
  const p = registry.get('train-a')!;
  assert.match(p.executable, /^\/(usr\/)?bin\/sh$/);
  assert.deepEqual(p.args, ['-c', 'exit 0']);
  assert.equal(p.cwd, dir);
  assert.deepEqual(p.env, { A: '1' });
  assert.equal(p.pool, 'cpu');
  assert.equal(p.timeoutMs, 24 * 3600 * 1000);
  assert.equal(p.stopGraceMs, 10_000);
});

test('a bad programs file stops the start, naming every problem', () => {
  assert.match(problems(join(dir, 'missing.yaml')), /WORKER_PROGRAMS: cannot read .*missing\.yaml \(ENOENT\)/);
  assert.match(problems(file('yaml.yaml', 'programs: [')), /is not valid YAML/);
  assert.match(problems(file('name.yaml', 'programs:\n  Bad Name:\n    argv: [sh]\n')), /a program name is 1-64 lowercase/);
  const text = problems(file('two.yaml', 'programs:\n  a:\n    argv: [no-such-binary-here]\n  b:\n    argv: [sh]\n    cwd: nowhere\n'));
  assert.match(text, /programs\.a\.argv\.0: no executable "no-such-binary-here"/);
  assert.match(text, /programs\.b\.cwd: .*nowhere is not a folder/);
  assert.match(problems(file('shell.yaml', 'programs:\n  a:\n    command: "rm -rf /"\n')), /Unrecognized key|unknown/i);
});
