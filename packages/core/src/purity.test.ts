import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

// packages/core is the pure domain: no queue, database, web framework, ML runtime or IO.
const FORBIDDEN = /from ['"](bullmq|ioredis|pg|@prisma\/[^'"]+|prisma|fastify[^'"]*|@tensorflow\/[^'"]+|node:fs[^'"]*|node:net|node:http|node:child_process|@modelspace\/(db|queue|trainer|api|worker))['"]/;

test('packages/core imports no IO library', () => {
  const dir = new URL('.', import.meta.url);
  // Recursive: space/, search/ and pruning/ are as pure as the top level.
  const offenders = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .flatMap((f) => {
      const m = readFileSync(new URL(f, dir), 'utf8').match(FORBIDDEN);
      return m ? [`${f}: ${m[0]}`] : [];
    });
  assert.deepEqual(offenders, []);
});
