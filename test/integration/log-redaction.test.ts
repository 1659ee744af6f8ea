import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from '@modelspace/api';
import { LOG_REDACT_PATHS } from '@modelspace/config';
import { apiKeySecret, createApiKey, createProject } from '@modelspace/db';
import { createTrialQueue } from '@modelspace/queue';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '../support/services.ts';

// The API's log at trace level, with every header logged on purpose: the key (header and
// cookie) and the connection URLs' passwords never reach it.

let database: TestDatabase;
let redis: TestRedis;
let app: FastifyInstance;
let lines = '';
let queueConnection: ReturnType<TestRedis['redis']['duplicate']>;

before(async () => {
  database = await createTestDatabase('redact');
  redis = await createTestRedis('redact');
  const sink = new Writable({
    write: (chunk, _enc, done) => {
      lines += chunk;
      done();
    },
  });
  const log = pino({ level: 'trace', redact: LOG_REDACT_PATHS }, sink) as unknown as FastifyBaseLogger;
  queueConnection = redis.redis.duplicate();
  const queue = createTrialQueue(queueConnection, { prefix: redis.prefix });
  app = await buildApp({ db: database.db, trialQueue: queue, redis: redis.redis, names: { prefix: redis.prefix } }, { logger: log, auth: 'required' });
  // What a careless log line would write: the whole request headers.
  app.addHook('onRequest', async (request) => request.log.info({ req: { headers: request.headers } }, 'headers'));
  app.addHook('onClose', async () => queue.close());
});
after(async () => {
  await app?.close();
  queueConnection?.disconnect();
  await redis?.cleanup();
  await database?.drop();
});

test('keys in the Authorization header or the cookie, and URL passwords, are redacted', async () => {
  await createProject(database.db, 'logs');
  const { key } = await createApiKey(database.db, { project: 'logs', role: 'read' });
  assert.equal((await app.inject({ method: 'GET', url: '/sweeps', headers: { authorization: `Bearer ${key}` } })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: '/sweeps', headers: { cookie: `modelspace_key=${key}` } })).statusCode, 200);
  const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { key } });
  assert.equal(login.statusCode, 200);
  app.log.info({ config: { DATABASE_URL: 'postgresql://u:pg-secret@db/x', REDIS_URL: 'redis://:redis-secret@r:6379' } }, 'config');
  assert.match(lines, /\[Redacted\]/);
  assert.match(lines, /"url":"\/sweeps"/, 'requests are logged');
  for (const secret of [key, apiKeySecret(key), 'pg-secret', 'redis-secret']) assert.ok(!lines.includes(secret), `${secret.slice(0, 12)}… is in the log`);
});
