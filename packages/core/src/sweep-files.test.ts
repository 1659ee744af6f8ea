import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseSweepText } from './sweep-spec.ts';

// Every sweep file the README and docs point to parses as the API would parse it: a field
// renamed in the schema fails here, not in a reader's first run.
const dir = new URL('../../../sweeps/', import.meta.url);
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

test('the sweeps/ folder has sweep files', () => {
  assert.ok(files.length >= 5, files.join(', '));
});

for (const file of files) {
  test(`sweeps/${file} is a valid sweep definition`, () => {
    const spec = parseSweepText(readFileSync(new URL(file, dir), 'utf8'));
    assert.ok(spec.variants?.length || spec.space, `${file} has neither variants nor a space`);
  });
}
