import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { DomainError } from '@modelspace/core';
import { artifactSha256, findArtifact, trialForArtifact, upsertArtifact, type ArtifactRow, type Db } from '@modelspace/db';
import { sha256 } from './checksum.ts';
import type { ArtifactConfig } from './config.ts';
import { artifactMetadata, type ArtifactMetadata, type UploadedDatasetInfo } from './metadata.ts';

export interface ArtifactDeps {
  db: Db;
  config: ArtifactConfig;
}

/** What a training hands over: model.json (as an object) and the bytes of weights.bin. */
export interface ArtifactInput {
  trialId: string;
  modelJson: object;
  weights: Uint8Array;
  /** The side of the images the model takes (28, or 32 when trained with augmentation) on a built-in dataset. */
  inputSide: number;
  /** The uploaded dataset it trained on (absent: a built-in one, named by the trial's `training.dataset`). */
  dataset?: UploadedDatasetInfo;
}

export interface StoredArtifact {
  trialId: string;
  sweepId: string;
  storage: 'directory' | 'postgres';
  sha256: string;
  modelJson: object;
  weights: Uint8Array;
  metadata: ArtifactMetadata;
}

export const FILES = { modelJson: 'model.json', weights: 'weights.bin', metadata: 'metadata.json' } as const;

/**
 * Saves a finished trial's model beside its recorded metrics. The trial row must already hold
 * its result (completeTrial ran): metadata.json is built from it. Saving again (a retried
 * trial) replaces the earlier artifact.
 */
export async function saveArtifact(deps: ArtifactDeps, input: ArtifactInput): Promise<{ storage: 'directory' | 'postgres'; sha256: string } | null> {
  const { db, config } = deps;
  if (config.store === 'none') return null;
  const { trial, objectiveValue } = await trialForArtifact(db, input.trialId);
  const checksum = sha256(input.weights);
  const metadata = artifactMetadata(trial, { sha256: checksum, bytes: input.weights.byteLength }, input.inputSide, input.dataset);
  const storage: ArtifactRow['storage'] = config.store === 'postgres' && input.weights.byteLength <= config.postgresMaxBytes ? 'postgres' : 'directory';
  const path = storage === 'directory' ? await writeFiles(config.dir, trial.sweepId, trial.id, input, metadata) : null;
  const row = {
    sweepId: trial.sweepId,
    storage,
    path,
    weights: storage === 'postgres' ? new Uint8Array(input.weights) : null,
    sha256: checksum,
    sizeBytes: input.weights.byteLength,
    modelJson: input.modelJson as object,
    metadata: metadata as unknown as object,
    objectiveValue,
  };
  const previous = await upsertArtifact(db, trial.id, row);
  // A retry that moved the weights into Postgres leaves no stale folder behind.
  if (previous?.path && previous.path !== path) await removeFolder(config.dir, previous.path);
  return { storage, sha256: checksum };
}

/** Writes the three files into a fresh folder, then swaps it in: readers never see half a model. */
async function writeFiles(dir: string, sweepId: string, trialId: string, input: ArtifactInput, metadata: ArtifactMetadata): Promise<string> {
  const path = join(sweepId, trialId);
  const final = resolve(dir, path);
  const staging = resolve(dir, sweepId, `.staging-${trialId}-${randomUUID().slice(0, 8)}`);
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(join(staging, FILES.weights), input.weights);
    await writeFile(join(staging, FILES.modelJson), JSON.stringify(input.modelJson));
    await writeFile(join(staging, FILES.metadata), `${JSON.stringify(metadata, null, 2)}\n`);
    await rm(final, { recursive: true, force: true });
    await rename(staging, final);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return path;
}

/** Removes a folder the store wrote, refusing any path that would leave ARTIFACT_DIR. */
export async function removeFolder(dir: string, path: string): Promise<void> {
  const target = resolve(dir, path);
  const rel = relative(dir, target);
  if (!rel || rel.startsWith('..') || rel.startsWith(sep)) return;
  await rm(target, { recursive: true, force: true });
}

/** The stored model of a trial, its weights checked against their sha256. */
export async function readArtifact(deps: ArtifactDeps, trialId: string): Promise<StoredArtifact> {
  const row = await findArtifact(deps.db, trialId);
  if (!row) {
    throw new DomainError(
      'NOT_FOUND',
      `trial ${trialId} has no stored model: it has not finished, finished without a result, or was not among its sweep's best ${deps.config.keep || 'K'} (ARTIFACT_KEEP)`,
    );
  }
  let weights: Uint8Array;
  if (row.storage === 'postgres') {
    if (!row.weights) throw new DomainError('UNAVAILABLE', `the stored model of trial ${trialId} has no weights`);
    weights = row.weights;
  } else {
    const file = resolve(deps.config.dir, row.path ?? '', FILES.weights);
    try {
      weights = await readFile(file);
    } catch (err) {
      throw new DomainError(
        'UNAVAILABLE',
        `the weights of trial ${trialId} are not readable at ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): does this process share the worker's ARTIFACT_DIR?`,
      );
    }
  }
  const actual = sha256(weights);
  if (actual !== row.sha256) {
    throw new DomainError('UNAVAILABLE', `the stored weights of trial ${trialId} are corrupt: sha256 ${actual}, recorded ${row.sha256}`);
  }
  return {
    trialId,
    sweepId: row.sweepId,
    storage: row.storage as 'directory' | 'postgres',
    sha256: row.sha256,
    modelJson: row.modelJson as object,
    weights,
    metadata: row.metadata as unknown as ArtifactMetadata,
  };
}

/** The checksum of a trial's stored model, or null: a cheap check for caches. */
export async function artifactChecksum(db: Db, trialId: string): Promise<string | null> {
  return artifactSha256(db, trialId);
}
