import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UnrecoverableError } from 'bullmq';
import type { BuiltInDataset } from '@modelspace/core';
import { loadDatasetBlob, sha256, type ArtifactConfig } from '@modelspace/artifacts';
import { datasetOfSweep, type Db } from '@modelspace/db';
import { loadDataset, trainingDataFromBlob, type DatasetDirs, type MnistData, type TrainingData } from '@modelspace/trainer';

/**
 * The built-in datasets other than MNIST, each loaded into shared memory the first time a
 * trial asks for it and kept for the worker's life (about 55 MB each): every training thread
 * reads the one copy. A dataset this worker cannot load throws, naming what to install.
 */
export function datasetCache(dirs: DatasetDirs): (name: BuiltInDataset) => MnistData {
  const loaded = new Map<BuiltInDataset, MnistData>();
  return (name) => {
    let data = loaded.get(name);
    if (!data) {
      data = loadDataset(name, { dirs, shared: true });
      loaded.set(name, data);
    }
    return data;
  };
}

export interface UploadedDatasetDeps {
  db: Db;
  /** Where the API stored the blobs (the worker reads the same directory or database). */
  artifacts: ArtifactConfig;
  /** This worker's copies, one file per sha256: fetched from the store once per machine. */
  cacheDir: string;
}

/**
 * Uploaded datasets (docs/datasets.md) as training data, by the sweep that names them: the
 * blob is fetched from the artifact store once (then read from this worker's disk cache), its
 * sha256 checked against the one recorded at upload, and loaded into one SharedArrayBuffer
 * that every training thread reads in place; kept for the worker's life, shared by
 * concurrent trials. A checksum that does not match fails the trial, naming both.
 */
export function uploadedDatasets(deps: UploadedDatasetDeps): (sweepId: string, name: string) => Promise<TrainingData> {
  const loaded = new Map<string, Promise<TrainingData>>();
  return async (sweepId, name) => {
    const row = await datasetOfSweep(deps.db, sweepId, name);
    if (!row) throw new UnrecoverableError(`dataset "${name}" is not one sweep ${sweepId} names (it was checked when the sweep was submitted)`);
    let data = loaded.get(row.sha256);
    if (!data) {
      data = fetchShared(deps, row);
      loaded.set(row.sha256, data);
      // A failed fetch is tried afresh by the next trial, not remembered.
      data.catch(() => loaded.delete(row.sha256));
    }
    return data;
  };
}

async function fetchShared(deps: UploadedDatasetDeps, row: { sha256: string; storage: string; name: string }): Promise<TrainingData> {
  const bytes = await cachedBlob(deps, row);
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  return trainingDataFromBlob(shared);
}

/** The blob from this worker's cache if it is there and intact, else from the store (then cached). */
async function cachedBlob(deps: UploadedDatasetDeps, row: { sha256: string; storage: string; name: string }): Promise<Uint8Array> {
  const file = join(deps.cacheDir, `${row.sha256}.msds`);
  const cached = await readFile(file).catch(() => null);
  if (cached) {
    const actual = sha256(cached);
    if (actual === row.sha256) return cached;
    // Loudly: a cache that rots is a disk problem to know about. The bad copy goes, so a retry fetches afresh.
    await rm(file, { force: true });
    throw new UnrecoverableError(`dataset "${row.name}": the cached copy ${file} is corrupt (sha256 ${actual}, recorded ${row.sha256}); removed, a retry fetches it again`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await loadDatasetBlob({ db: deps.db, config: deps.artifacts }, row);
  } catch (err) {
    // A corrupt or missing blob will not mend itself: no retry.
    throw new UnrecoverableError((err as Error).message);
  }
  await mkdir(deps.cacheDir, { recursive: true });
  const staging = `${file}.${process.pid}.tmp`;
  await writeFile(staging, bytes);
  await rename(staging, file);
  return bytes;
}
