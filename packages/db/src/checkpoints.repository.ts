import type { Db } from './client.ts';
import type { Statement } from './sql.ts';
import type { EpochInput } from './trials.repository.ts';

/**
 * Checkpoints: where a trial resumes after its last finished epoch. The row is written in
 * the statement that writes that epoch's metrics, so the two never disagree: a worker
 * that dies between epochs leaves epoch k's row and epoch k's checkpoint, nothing later.
 */

/** Where a checkpoint's bytes are: in the row, or in a file the row names. */
export type CheckpointPayload = { storage: 'postgres'; data: Uint8Array } | { storage: 'directory'; path: string; sizeBytes: number };

export interface StoredCheckpoint {
  epoch: number;
  payload: CheckpointPayload;
}

/** What an epoch write found: whether it was saved (the claim held), and the trial's and sweep's status. */
export interface EpochWrite {
  saved: boolean;
  trial: string | null;
  sweep: string | null;
}

// Each row names the claim that wrote it, so a write that slipped past the fence would show (the fault drill checks it).
const EPOCH_COLUMNS = `"trialId", epoch, "trainLoss", "trainError", "valLoss", "valError", "durationMs", "samplesPerSec", claim`;
const EPOCH_VALUES = `id, $3::int, $4::float8, $5::float8, $6::float8, $7::float8, $8::int, $9::float8, $2::int`;
const EPOCH_UPDATE = `"trainLoss" = EXCLUDED."trainLoss", "trainError" = EXCLUDED."trainError", "valLoss" = EXCLUDED."valLoss",
  "valError" = EXCLUDED."valError", "durationMs" = EXCLUDED."durationMs", "samplesPerSec" = EXCLUDED."samplesPerSec", claim = EXCLUDED.claim, "createdAt" = now()`;
// The trial row is locked first, so a concurrent claim waits for this write.
const HELD = `held AS (SELECT id FROM "Trial" WHERE id = $1::uuid AND status = 'running' AND attempts = $2::int FOR UPDATE)`;
// Read after the write: what the epoch boundary checks next (cancelled? sweep stopping?).
const STATUSES = `SELECT (SELECT count(*) FROM e)::int AS saved, t.status::text AS trial, s.status::text AS sweep
  FROM "Trial" t JOIN "Sweep" s ON s.id = t."sweepId" WHERE t.id = $1::uuid`;

const EPOCH: Statement = {
  name: 'epoch-write',
  text: `WITH ${HELD}, e AS (
    INSERT INTO "EpochMetric" (${EPOCH_COLUMNS}) SELECT ${EPOCH_VALUES} FROM held
    ON CONFLICT ("trialId", epoch) DO UPDATE SET ${EPOCH_UPDATE} RETURNING 1
  ) ${STATUSES}`,
};

const EPOCH_AND_CHECKPOINT: Statement = {
  name: 'epoch-checkpoint-write',
  text: `WITH ${HELD}, e AS (
    INSERT INTO "EpochMetric" (${EPOCH_COLUMNS}) SELECT ${EPOCH_VALUES} FROM held
    ON CONFLICT ("trialId", epoch) DO UPDATE SET ${EPOCH_UPDATE} RETURNING 1
  ), c AS (
    INSERT INTO "Checkpoint" ("trialId", epoch, storage, data, path, "sizeBytes", "updatedAt")
    SELECT id, $3::int, $10::text, $11::bytea, $12::text, $13::int, now() FROM held
    ON CONFLICT ("trialId") DO UPDATE SET epoch = EXCLUDED.epoch, storage = EXCLUDED.storage, data = EXCLUDED.data,
      path = EXCLUDED.path, "sizeBytes" = EXCLUDED."sizeBytes", "updatedAt" = now()
    RETURNING 1
  ) ${STATUSES}`,
};

/**
 * Writes epoch `report.epoch`'s metrics, and the checkpoint taken after it if there is one,
 * in one statement, only while this claim still holds the trial (it is `running` and its
 * `attempts` is still `claim`: a later claim by another worker bumps it). Re-reporting an
 * epoch (a resumed attempt) overwrites its row: one row per epoch, always. Not saved when
 * the claim was lost (another worker took the trial over, or it was cancelled): nothing is
 * written. Answers the trial's and sweep's status as well, so an epoch boundary costs one
 * round trip.
 */
export async function recordEpochWithCheckpoint(db: Db, trialId: string, claim: number, report: EpochInput, checkpoint: CheckpointPayload | null): Promise<EpochWrite> {
  const r = report;
  const values: unknown[] = [trialId, claim, r.epoch, r.trainLoss, r.trainError, r.valLoss, r.valError, Math.round(r.durationMs), r.samplesPerSec];
  if (checkpoint) {
    const data = checkpoint.storage === 'postgres' ? Buffer.from(checkpoint.data.buffer, checkpoint.data.byteOffset, checkpoint.data.byteLength) : null;
    values.push(checkpoint.storage, data, checkpoint.storage === 'directory' ? checkpoint.path : null, data ? data.byteLength : (checkpoint as { sizeBytes: number }).sizeBytes);
  }
  const [row] = await db.$sql.rows<{ saved: number; trial: string; sweep: string }>(checkpoint ? EPOCH_AND_CHECKPOINT : EPOCH, values);
  return { saved: (row?.saved ?? 0) > 0, trial: row?.trial ?? null, sweep: row?.sweep ?? null };
}

export async function loadCheckpoint(db: Db, trialId: string): Promise<StoredCheckpoint | null> {
  const row = await db.checkpoint.findUnique({ where: { trialId } });
  if (!row) return null;
  if (row.storage === 'directory') return { epoch: row.epoch, payload: { storage: 'directory', path: row.path!, sizeBytes: row.sizeBytes } };
  return { epoch: row.epoch, payload: { storage: 'postgres', data: row.data! } };
}

export async function deleteCheckpoint(db: Db, trialId: string): Promise<void> {
  await db.checkpoint.deleteMany({ where: { trialId } });
}

/**
 * Drops epoch rows after `epoch`: a trial resumed from epoch k's checkpoint (or from
 * scratch, k = 0) trains k+1 onwards again, and rows an earlier attempt left beyond its
 * checkpoint (a metric written without one by an older worker) must not linger.
 */
export async function dropEpochsAfter(db: Db, trialId: string, epoch: number): Promise<number> {
  const { count } = await db.epochMetric.deleteMany({ where: { trialId, epoch: { gt: epoch } } });
  return count;
}
