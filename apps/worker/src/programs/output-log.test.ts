import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputLog } from './output-log.ts';

test('the log keeps its newest lines within its bound and counts the dropped ones', () => {
  const log = new OutputLog(1000);
  for (let i = 0; i < 10_000; i++) log.add(i % 2 ? 'stderr' : 'stdout', `line ${i}`);
  const kept = log.all();
  assert.equal(kept.at(-1)!.text, 'line 9999');
  assert.equal(log.dropped + kept.length, 10_000);
  assert.ok(kept.reduce((n, l) => n + l.text.length + 8, 0) <= 1000);
  assert.deepEqual(log.tail('stderr', 2), ['line 9997', 'line 9999']);
  assert.match(log.text(), /^\[modelspace\] \d+ older lines not kept\n/);
  assert.match(log.text(), /\[stderr\] line 9999\n$/);
});

test('one line larger than the bound is still kept (the newest line is never dropped)', () => {
  const log = new OutputLog(10);
  log.add('stdout', 'x'.repeat(50));
  assert.equal(log.all().length, 1);
});
