import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFailureStreak } from './failure-streak.ts';

test('the streak reaches its limit on the Nth failure in a row, once; a success starts it again', () => {
  const s = createFailureStreak(3);
  assert.deepEqual([s.failure(), s.failure()], [false, false]);
  s.success();
  assert.deepEqual([s.failure(), s.failure(), s.failure(), s.failure()], [false, false, true, false]);
  assert.equal(s.count, 4);
});

test('limit 0 never halts', () => {
  const s = createFailureStreak(0);
  for (let i = 0; i < 100; i++) assert.equal(s.failure(), false);
});
