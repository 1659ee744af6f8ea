import { randomUUID } from 'node:crypto';
import { ConflictError, DATASETS, type DomainError, NotFoundError } from '@modelspace/core';
import type { Db } from './client.ts';
import type { Dataset } from './generated/prisma/client.ts';
import { isUuid } from './ids.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** What a new dataset's row holds (the blob itself is stored first, by packages/artifacts). */
export type DatasetRowInput = Omit<Dataset, 'id' | 'createdAt' | 'sizeBytes' | 'classNames'> & { sizeBytes: number; classNames: string[] | null };

/** A dataset row with how many sweeps name it. */
export type DatasetWithUse = Dataset & { sweeps: number };

/** Project-unique; never a built-in dataset's name (a sweep's training.dataset names either). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function datasetNameIssue(name: string): string | null {
  if (!NAME.test(name)) return 'letters, digits, _ . - only (1-64, starting with a letter or digit)';
  if ((DATASETS as readonly string[]).includes(name)) return `"${name}" is a built-in dataset: choose another name`;
  return null;
}

export async function createDataset(db: Db, row: DatasetRowInput): Promise<Dataset> {
  try {
    return await db.dataset.create({ data: { id: randomUUID(), ...row, sizeBytes: BigInt(row.sizeBytes), classNames: row.classNames ?? undefined } });
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw new ConflictError(`a dataset named "${row.name}" already exists in this project`);
    throw err;
  }
}

/** Whether a dataset of this name exists in the project (checked before the upload is read). */
export async function datasetNameTaken(db: Db, projectId: string, name: string): Promise<boolean> {
  return (await db.dataset.count({ where: { projectId, name } })) > 0;
}

/** The bytes of a dataset under ARTIFACT_STORE=postgres, stored once per sha256. */
export async function putDatasetBlob(db: Db, sha256: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  await db.datasetBlob.upsert({ where: { sha256 }, create: { sha256, bytes }, update: {} });
}

export async function readDatasetBlob(db: Db, sha256: string): Promise<Uint8Array | null> {
  const row = await db.datasetBlob.findUnique({ where: { sha256 } });
  return row?.bytes ?? null;
}

export async function listDatasets(db: Db, projectId: string): Promise<DatasetWithUse[]> {
  const rows = await db.dataset.findMany({ where: { projectId }, orderBy: { createdAt: 'desc' }, include: { _count: { select: { sweeps: true } } } });
  return rows.map(({ _count, ...d }) => ({ ...d, sweeps: _count.sweeps }));
}

/** A dataset of the project by id or by name; another project's is not found. */
export async function findDataset(db: Db, projectId: string, idOrName: string): Promise<DatasetWithUse> {
  const where = isUuid(idOrName) ? { id: idOrName, projectId } : { projectId_name: { projectId, name: idOrName } };
  const row = isUuid(idOrName)
    ? await db.dataset.findFirst({ where, include: { _count: { select: { sweeps: true } } } })
    : await db.dataset.findUnique({ where: where as { projectId_name: { projectId: string; name: string } }, include: { _count: { select: { sweeps: true } } } });
  if (!row) throw new NotFoundError('dataset', idOrName);
  const { _count, ...d } = row;
  return { ...d, sweeps: _count.sweeps };
}

/** The project's datasets of these names (those that exist). */
export async function datasetsNamed(db: Db, projectId: string, names: string[]): Promise<Dataset[]> {
  if (names.length === 0) return [];
  return db.dataset.findMany({ where: { projectId, name: { in: names } } });
}

/**
 * Deletes a dataset no sweep names (409 naming one that does). Returns its blob's sha256 and
 * storage when no other dataset shares the blob, for the caller to remove the file; a
 * Postgres blob goes in the same transaction.
 */
export async function deleteDataset(db: Db, projectId: string, id: string): Promise<{ sha256: string; storage: string; orphaned: boolean }> {
  const d = await findDataset(db, projectId, id);
  try {
    return await db.$transaction(async (tx) => {
      const using = await tx.sweepDataset.findMany({ where: { datasetId: d.id }, select: { sweepId: true }, take: 3 });
      if (using.length > 0)
        throw inUse(
          d,
          using.map((u) => u.sweepId),
        );
      await tx.dataset.delete({ where: { id: d.id } });
      const others = await tx.dataset.count({ where: { sha256: d.sha256 } });
      if (others === 0 && d.storage === 'postgres') await tx.datasetBlob.deleteMany({ where: { sha256: d.sha256 } });
      return { sha256: d.sha256, storage: d.storage, orphaned: others === 0 };
    });
  } catch (err) {
    // A sweep that named it between the check and the delete: the foreign key refuses.
    if ((err as { code?: string }).code === 'P2003') throw inUse(d, []);
    throw err;
  }
}

function inUse(d: Dataset, sweepIds: string[]): DomainError {
  return new ConflictError(`dataset "${d.name}" is used by ${sweepIds.length ? `sweep ${sweepIds.join(', ')}` : 'a sweep'}: delete the sweeps that name it first`);
}

/** Records that a sweep names these datasets (inside its creating transaction). */
export async function linkSweepDatasets(tx: Tx, sweepId: string, datasetIds: string[]): Promise<void> {
  if (datasetIds.length === 0) return;
  await tx.sweepDataset.createMany({ data: datasetIds.map((datasetId) => ({ sweepId, datasetId })), skipDuplicates: true });
}

/** The dataset of this name that a sweep names: what a worker fetches for its trial. */
export async function datasetOfSweep(db: Db, sweepId: string, name: string): Promise<Dataset | null> {
  const link = await db.sweepDataset.findFirst({ where: { sweepId, dataset: { name } }, include: { dataset: true } });
  return link?.dataset ?? null;
}
