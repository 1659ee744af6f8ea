import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDatabaseUnavailable, retryWhileUnavailable } from './retry.ts';

// Shapes as the Prisma pg adapter produced them when a real Postgres was stopped
// (test/e2e/outage-restart.test.ts stops one for real).
const notReachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' });
const rawNotReachable = Object.assign(new Error('Raw query failed. Code: `N/A`.'), {
  code: 'P2010',
  meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 } } },
});
const adminShutdown = Object.assign(new Error('Raw query failed. Code: `57P01`.'), {
  code: 'P2010',
  meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '57P01', code: '57P01' } } },
});
const connectTimeout = Object.assign(new Error('Connection terminated due to connection timeout'), { cause: new Error('Connection terminated unexpectedly') });
const brokenTx = new Error('Client has encountered a connection error and is not queryable');
const uniqueViolation = Object.assign(new Error('Unique constraint failed on the fields: (`id`)'), { code: 'P2002' });

test('connection failures are outages; query errors are not', () => {
  for (const e of [notReachable, rawNotReachable, adminShutdown, connectTimeout, brokenTx]) assert.equal(isDatabaseUnavailable(e), true, e.message);
  for (const e of [uniqueViolation, new Error('column "nope" does not exist'), null, 'P1001']) assert.equal(isDatabaseUnavailable(e), false, String(e));
});

const policy = { budgetMs: 5_000, firstDelayMs: 1, maxDelayMs: 4 };

test('an outage is waited out; each retry is reported', async () => {
  let calls = 0;
  const retries: number[] = [];
  const value = await retryWhileUnavailable(
    async () => {
      if (++calls < 4) throw notReachable;
      return 'ok';
    },
    { ...policy, onRetry: (_e, attempt) => retries.push(attempt) },
  );
  assert.equal(value, 'ok');
  assert.deepEqual(retries, [1, 2, 3]);
});

test('any other error is thrown at once, and an outage longer than the budget is given up', async () => {
  let calls = 0;
  await assert.rejects(
    retryWhileUnavailable(async () => {
      calls++;
      throw uniqueViolation;
    }, policy),
    /Unique constraint/,
  );
  assert.equal(calls, 1);
  await assert.rejects(
    retryWhileUnavailable(
      async () => {
        throw notReachable;
      },
      { ...policy, budgetMs: 20 },
    ),
    /Can't reach/,
  );
});
