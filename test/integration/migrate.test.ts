import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { defaultMigrationsDir, listMigrations, migrate } from '@modelspace/db';
import { createTestDatabase, type TestDatabase } from '../support/services.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase('migrate');
});
after(async () => database?.drop());

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

test("migrations are recorded in Prisma's table with the sha256 checksum prisma migrate deploy expects", async () => {
  const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
    'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
  );
  const files = listMigrations(defaultMigrationsDir());
  assert.deepEqual(
    rows.map((r) => r.migration_name),
    files.map((f) => f.name),
  );
  for (const [i, r] of rows.entries()) {
    const sql = readFileSync(join(defaultMigrationsDir(), r.migration_name, 'migration.sql'));
    assert.equal(r.checksum, createHash('sha256').update(sql).digest('hex'));
    assert.ok(r.finished_at);
    assert.equal(r.applied_steps_count, 1, `row ${i}`);
  }
  const tables = await query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  assert.deepEqual(
    tables.map((t) => t.tablename),
    ['ApiKey', 'Artifact', 'Checkpoint', 'Dataset', 'DatasetBlob', 'EpochMetric', 'Project', 'Sweep', 'SweepDataset', 'Trial', 'TrialAttempt', 'TrialLog', '_prisma_migrations'],
  );
});

test('running the migrations again applies nothing', async () => {
  const r = await migrate(database.url);
  assert.deepEqual(r.applied, []);
  assert.equal(r.alreadyApplied.length, listMigrations(defaultMigrationsDir()).length);
});

test('a migration edited after it was applied is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  const first = listMigrations(dir)[0]!.name;
  appendFileSync(join(dir, first, 'migration.sql'), '\n-- edited\n');
  await assert.rejects(migrate(database.url, { dir }), /was edited after it was applied/);
});

test('a failing migration leaves neither its changes nor a record', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  const bad = join(dir, '99999999999999_broken');
  cpSync(join(dir, listMigrations(dir)[0]!.name), bad, { recursive: true });
  writeFileSync(join(bad, 'migration.sql'), 'CREATE TABLE "Half" (id int);\nSELECT * FROM no_such_table;\n');
  await assert.rejects(migrate(database.url, { dir }), /99999999999999_broken failed/);
  assert.deepEqual(await query("SELECT 1 FROM pg_tables WHERE tablename = 'Half'"), []);
  assert.deepEqual(await query('SELECT 1 FROM "_prisma_migrations" WHERE migration_name = \'99999999999999_broken\''), []);
});
