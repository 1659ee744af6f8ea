import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineSplitter, parseReportLine } from './report-line.ts';

test('an epoch, model and result line parse; optional metrics may be left out', () => {
  assert.deepEqual(parseReportLine('{"type":"epoch","epoch":1,"valError":0.1,"valLoss":0.3,"trainLoss":0.4}'), {
    ok: true,
    line: { type: 'epoch', epoch: 1, valError: 0.1, valLoss: 0.3, trainLoss: 0.4 },
  });
  assert.deepEqual(parseReportLine('{"type":"model","path":"best.pt"}'), { ok: true, line: { type: 'model', path: 'best.pt' } });
  assert.deepEqual(parseReportLine('{"type":"result","testError":0.02}'), { ok: true, line: { type: 'result', testError: 0.02 } });
});

test('a bad line says what is wrong with it', () => {
  const problem = (text: string) => {
    const r = parseReportLine(text);
    assert.equal(r.ok, false, text);
    return (r as { problem: string }).problem;
  };
  assert.match(problem('hello'), /^not JSON: "hello"/);
  assert.match(problem('{"type":"metrics"}'), /unknown line type "metrics"/);
  assert.match(problem('[1,2]'), /^not a JSON object: "\[1,2\]"/);
  assert.match(problem('{"epoch":1}'), /unknown line type null/);
  assert.match(problem('{"type":"epoch","epoch":0,"valError":0.1,"valLoss":1,"trainLoss":1}'), /^epoch: /);
  assert.match(problem('{"type":"epoch","epoch":1,"valError":12,"valLoss":1,"trainLoss":1}'), /valError is a fraction/);
  assert.match(problem('{"type":"epoch","epoch":1,"valError":0.1,"trainLoss":1}'), /^valLoss: /);
  assert.match(problem('{"type":"epoch","epoch":1.5,"valError":0.1,"valLoss":1,"trainLoss":1}'), /^epoch: /);
});

test('no input makes the parser throw', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
      const r = parseReportLine(text);
      assert.equal(typeof r.ok, 'boolean');
    }),
  );
});

test('the splitter gives each line once whatever the chunking, and drops a line over the limit whole', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\n') && s.trim() !== '' && !s.endsWith('\r')),
        { maxLength: 20 },
      ),
      fc.array(fc.nat(40), { maxLength: 10 }),
      (lines, cuts) => {
        const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
        const got: string[] = [];
        const oversized: number[] = [];
        const splitter = new LineSplitter(
          20,
          (l) => got.push(l),
          (n) => oversized.push(n),
        );
        let at = 0;
        for (const cut of [...cuts.map((c) => Math.min(bytes.length, at + c)), bytes.length]) {
          if (cut <= at) continue;
          splitter.push(bytes.subarray(at, cut));
          at = cut;
        }
        splitter.end();
        assert.deepEqual(
          got,
          lines.filter((l) => Buffer.byteLength(l) <= 20),
        );
        assert.deepEqual(
          oversized,
          lines.filter((l) => Buffer.byteLength(l) > 20).map((l) => Buffer.byteLength(l)),
        );
      },
    ),
  );
});

test('a last line without its newline still counts', () => {
  const got: string[] = [];
  const splitter = new LineSplitter(
    100,
    (l) => got.push(l),
    () => {},
  );
  splitter.push(Buffer.from('a\nb'));
  splitter.end();
  assert.deepEqual(got, ['a', 'b']);
});
