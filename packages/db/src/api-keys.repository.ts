import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { NotFoundError } from '@modelspace/core';
import { isUuid } from './ids.ts';
import type { Db } from './client.ts';
import type { Statement } from './sql.ts';
import type { ApiKey, ApiKeyRole } from './generated/prisma/client.ts';
import { projectByName } from './projects.repository.ts';

/**
 * API keys are `ms_<prefix>_<secret>`: the prefix (public, unique) names the key in
 * listings and logs, the secret is 32 random bytes. Only the sha256 of the whole key is
 * stored, so a database dump reveals no usable key; a key this random needs no slow hash.
 */
const KEY = /^ms_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export type { ApiKeyRole };
export const API_KEY_ROLES: ApiKeyRole[] = ['read', 'write'];

/**
 * The secret part of a well-formed key (always 43 characters); throws on a malformed one.
 * Split on the format, not on `_`: the secret's own alphabet includes `_`.
 */
export function apiKeySecret(key: string): string {
  const m = KEY.exec(key);
  if (!m) throw new Error('not an API key of the form ms_<prefix>_<secret>');
  return m[2]!;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** What a valid key lets a request do. */
export interface KeyIdentity {
  keyId: string;
  prefix: string;
  projectId: string;
  role: ApiKeyRole;
}

export type ApiKeyView = Omit<ApiKey, 'hash'> & { project: string };

function newPrefix(): string {
  // base36 of random bytes: lowercase letters and digits only, easy to read out.
  return BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(12, '0')
    .slice(-12);
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
export async function createApiKey(db: Db, input: { project: string; role: ApiKeyRole; name?: string }): Promise<{ key: string; apiKey: ApiKeyView }> {
  const project = await projectByName(db, input.project);
  const prefix = newPrefix();
  const key = `ms_${prefix}_${randomBytes(32).toString('base64url')}`;
  const row = await db.apiKey.create({
    data: { id: randomUUID(), projectId: project.id, prefix, hash: hashApiKey(key), role: input.role, name: input.name ?? null },
  });
  const { hash: _hash, ...view } = row;
  return { key, apiKey: { ...view, project: project.name } };
}

export async function listApiKeys(db: Db, opts: { project?: string } = {}): Promise<ApiKeyView[]> {
  const rows = await db.apiKey.findMany({
    where: opts.project ? { project: { name: opts.project } } : {},
    include: { project: { select: { name: true } } },
    orderBy: [{ createdAt: 'asc' }],
  });
  return rows.map(({ hash: _hash, project, ...k }) => ({ ...k, project: project.name }));
}

/** Revokes a key named by its id or its public prefix; revoking twice is harmless. */
export async function revokeApiKey(db: Db, idOrPrefix: string): Promise<ApiKeyView> {
  const where = isUuid(idOrPrefix) ? { id: idOrPrefix } : { prefix: idOrPrefix };
  const row = await db.apiKey.findUnique({ where, include: { project: { select: { name: true } } } });
  if (!row) throw new NotFoundError('API key', idOrPrefix);
  const updated = row.revokedAt ? row : await db.apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  const { hash: _hash, ...view } = updated;
  return { ...view, project: row.project.name };
}

/** How often lastUsedAt is written at most: a hot key must not turn every read into a write. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The identity of a presented key, or null for an unknown, malformed or revoked one. The
 * lookup is by the key's hash (a unique index), so nothing about a stored key leaks
 * through timing.
 */
export async function authenticateApiKey(db: Db, key: string): Promise<KeyIdentity | null> {
  if (!KEY.test(key)) return null;
  // Every authenticated request runs this and the project check below: plain statements
  // (Db.$sql), not Prisma's query compiler. Timestamps are UTC wall times, as Prisma keeps them.
  const [row] = await db.$sql.rows<{ id: string; prefix: string; projectId: string; role: ApiKeyRole; stale: boolean }>(KEY_LOOKUP, [hashApiKey(key), TOUCH_EVERY_MS]);
  if (!row) return null;
  // Best effort, off the request's path.
  if (row.stale) db.$sql.rows(KEY_TOUCH, [row.id]).catch(() => {});
  return { keyId: row.id, prefix: row.prefix, projectId: row.projectId, role: row.role };
}

const KEY_LOOKUP: Statement = {
  name: 'api-key-lookup',
  text: `SELECT id, prefix, "projectId", role::text AS role,
                ("lastUsedAt" IS NULL OR "lastUsedAt" < (now() AT TIME ZONE 'UTC') - $2::int * interval '1 millisecond') AS stale
           FROM "ApiKey" WHERE hash = $1 AND "revokedAt" IS NULL`,
};
const KEY_TOUCH: Statement = { name: 'api-key-touch', text: `UPDATE "ApiKey" SET "lastUsedAt" = now() AT TIME ZONE 'UTC' WHERE id = $1::uuid` };
const SWEEP_PROJECT: Statement = { name: 'sweep-project', text: `SELECT "projectId" FROM "Sweep" WHERE id = $1::uuid` };

/** The project a sweep belongs to, or null if there is no such sweep. */
export async function sweepProjectId(db: Db, sweepId: string): Promise<string | null> {
  if (!isUuid(sweepId)) return null;
  const [row] = await db.$sql.rows<{ projectId: string }>(SWEEP_PROJECT, [sweepId]);
  return row?.projectId ?? null;
}

/** The project a trial's sweep belongs to, or null if there is no such trial. */
export async function trialProjectId(db: Db, trialId: string): Promise<string | null> {
  if (!isUuid(trialId)) return null;
  const row = await db.trial.findUnique({ where: { id: trialId }, select: { sweep: { select: { projectId: true } } } });
  return row?.sweep.projectId ?? null;
}
