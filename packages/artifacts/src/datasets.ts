import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '@modelspace/core';
import { putDatasetBlob, readDatasetBlob, type Db } from '@modelspace/db';
import { sha256 } from './checksum.ts';
import type { ArtifactConfig } from './config.ts';

/**
 * Uploaded datasets in the artifact store, content-addressed: a blob is named by its sha256,
 * so uploading the same images twice (two names, two projects) stores them once. Under
 * ARTIFACT_STORE=postgres a blob up to ARTIFACT_POSTGRES_MAX_BYTES goes in a DatasetBlob row;
 * any other goes to ARTIFACT_DIR/datasets/<sha256>.msds (also under ARTIFACT_STORE=none: a
 * dataset has to live somewhere).
 */
export const DATASET_DIR = 'datasets';

export type DatasetStorage = 'directory' | 'postgres';

export function datasetFile(config: ArtifactConfig, checksum: string): string {
  return join(config.dir, DATASET_DIR, `${checksum}.msds`);
}

export async function storeDatasetBlob(deps: { db: Db; config: ArtifactConfig }, blob: Uint8Array<ArrayBuffer>): Promise<{ sha256: string; storage: DatasetStorage }> {
  const checksum = sha256(blob);
  if (deps.config.store === 'postgres' && blob.byteLength <= deps.config.postgresMaxBytes) {
    await putDatasetBlob(deps.db, checksum, blob);
    return { sha256: checksum, storage: 'postgres' };
  }
  const file = datasetFile(deps.config, checksum);
  await mkdir(join(deps.config.dir, DATASET_DIR), { recursive: true });
  // Written beside, then renamed: a reader never sees half a blob.
  const staging = `${file}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(staging, blob);
    await rename(staging, file);
  } catch (err) {
    await rm(staging, { force: true });
    throw err;
  }
  return { sha256: checksum, storage: 'directory' };
}

/** A stored blob, its bytes checked against the sha256 it is named by: a mismatch throws. */
export async function loadDatasetBlob(deps: { db: Db; config: ArtifactConfig }, row: { sha256: string; storage: string; name: string }): Promise<Uint8Array> {
  let bytes: Uint8Array | null;
  if (row.storage === 'postgres') bytes = await readDatasetBlob(deps.db, row.sha256);
  else {
    const file = datasetFile(deps.config, row.sha256);
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new DomainError(
        'UNAVAILABLE',
        `dataset "${row.name}" is not readable at ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): does this process share the API's ARTIFACT_DIR?`,
      );
    }
  }
  if (!bytes) throw new DomainError('UNAVAILABLE', `dataset "${row.name}" has no stored blob ${row.sha256}`);
  verifyDatasetChecksum(bytes, row.sha256, row.name);
  return bytes;
}

/** Throws, naming the dataset and both checksums, when the bytes are not the ones recorded. */
export function verifyDatasetChecksum(bytes: Uint8Array, expected: string, name: string): void {
  const actual = sha256(bytes);
  if (actual !== expected) throw new DomainError('UNAVAILABLE', `dataset "${name}" is corrupt: sha256 ${actual}, recorded ${expected}`);
}

/** Removes a directory blob no dataset names any more (Postgres blobs go with their row). */
export async function removeDatasetBlob(config: ArtifactConfig, checksum: string, storage: string): Promise<void> {
  if (storage === 'directory' && /^[0-9a-f]{64}$/.test(checksum)) await rm(datasetFile(config, checksum), { force: true });
}
