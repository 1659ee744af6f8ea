import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SpecError } from './errors.ts';
import { parseSweepDocument, validateSweepSpec } from './sweep-spec.ts';
import { anySweepBody, VALID_SWEEPS } from './testing/sweep-arbitraries.ts';

// The validator on any input: it accepts or throws a SpecError whose every issue names a
// field and a reason; nothing else ever escapes it.

function outcome(input: unknown): 'ok' | SpecError {
  try {
    validateSweepSpec(input);
    return 'ok';
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
}

const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

test('the seeds of the generators are valid', () => {
  for (const s of VALID_SWEEPS) assert.equal(outcome(s), 'ok', JSON.stringify(s));
});

test('any JSON or mutated definition is accepted or rejected with a field and reason per issue', () => {
  fc.assert(
    fc.property(anySweepBody, (input) => {
      const r = outcome(input);
      if (r === 'ok') return;
      assert.ok(r.issues.length > 0, 'a rejection lists its issues');
      for (const issue of r.issues) {
        assert.equal(typeof issue.reason, 'string');
        assert.ok(issue.reason.length > 0, 'each issue has a reason');
        // Only a body that is not an object at all is a problem of the whole document.
        if (isObject(input)) assert.ok(issue.field.length > 0, `issue without a field: ${JSON.stringify(issue)}`);
      }
    }),
    { numRuns: 600 },
  );
});

test('any text decodes to a value or a SpecError naming the document', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      ),
      (text) => {
        try {
          parseSweepDocument(text);
        } catch (err) {
          assert.ok(err instanceof SpecError, `not a SpecError: ${err}`);
          assert.match(err.issues[0]!.reason, /not valid YAML or JSON|nested deeper/);
        }
      },
    ),
    { numRuns: 600 },
  );
});
