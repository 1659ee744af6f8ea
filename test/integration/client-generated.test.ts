import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { createModelspaceClient, type ModelspaceClient } from '@modelspace/client';
import { CLIENT_SCHEMA_FILE, clientSchemaSource } from '../../scripts/generate-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// @modelspace/client: generated from the document, checked in, and used against the real API.
let t: TestApp;
let api: ModelspaceClient;
before(async () => {
  t = await createTestApp('client');
  api = createModelspaceClient(await t.app.listen({ port: 0, host: '127.0.0.1' }));
});
after(async () => t?.close());

test('the checked-in client types are what the document generates (npm run generate:client)', async () => {
  assert.equal(await readFile(CLIENT_SCHEMA_FILE, 'utf8'), await clientSchemaSource(), 'packages/client/src/schema.ts is stale: run npm run generate:client');
});

test('typed calls: create, read, an error body, a YAML dry run and a text export', async () => {
  const created = await api.POST('/sweeps', { body: { name: 'typed', variants: [{ model: { kind: 'softmax' } }] } });
  assert.equal(created.response.status, 201);
  // 201 (created) and 200 (a dry run) are told apart by the dry run's `dryRun: true`.
  if (!created.data || 'dryRun' in created.data) throw new Error(`not created: ${JSON.stringify(created.error)}`);
  const id = created.data.id;
  assert.equal(created.data.trialIds.length, 1);

  const got = await api.GET('/sweeps/{id}', { params: { path: { id }, query: { include: 'spec' } } });
  assert.equal(got.data!.status, 'queued');
  assert.equal(got.data!.trialCounts.queued, 1);

  const missing = await api.GET('/sweeps/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
  assert.equal(missing.response.status, 404);
  assert.equal(missing.error!.error.code, 'NOT_FOUND');

  const yaml = 'name: yaml\nvariants:\n  - model: { kind: logistic }\n';
  const dry = await api.POST('/sweeps', {
    params: { query: { dryRun: 'true' } },
    body: yaml as never,
    bodySerializer: (b) => b as unknown as string,
    headers: { 'content-type': 'application/yaml' },
  });
  assert.equal(dry.response.status, 200, JSON.stringify(dry.error));
  assert.ok(dry.data && 'dryRun' in dry.data);
  assert.equal(dry.data.trials, 1);

  const csv = await api.GET('/sweeps/{id}/trials.csv', { params: { path: { id } }, parseAs: 'text' });
  assert.match(csv.data!, /^Trial id,/);
});
