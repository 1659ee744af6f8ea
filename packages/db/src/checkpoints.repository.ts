import type { Db } from './client.ts';
import type { EpochInput } from './trials.repository.ts';

/**
 * Checkpoints: where a trial resumes after its last finished epoch. The row is written in
 * the transaction that writes that epoch's metrics, so the two never disagree: a worker
 * that dies between epochs leaves epoch k's row and epoch k's checkpoint, nothing later.
 */

/** Where a checkpoint's bytes are: in the row, or in a file the row names. */
export type CheckpointPayload = { storage: 'postgres'; data: Uint8Array } | { storage: 'directory'; path: string; sizeBytes: number };

export interface StoredCheckpoint {
  epoch: number;
  payload: CheckpointPayload;
}

/**
 * Writes epoch `report.epoch`'s metrics and the checkpoint taken after it, in one
 * transaction, only while this claim still holds the trial (it is `running` and its
 * `attempts` is still `claim`: a later claim by another worker bumps it). The trial row is
 * locked first, so a concurrent claim waits for this commit. Re-reporting an epoch (a
 * resumed attempt) overwrites its row: one row per epoch, always. False when the claim
 * was lost (another worker took the trial over, or it was cancelled): nothing is written.
 */
export async function recordEpochWithCheckpoint(
  db: Db,
  trialId: string,
  claim: number,
  report: EpochInput,
  checkpoint: CheckpointPayload,
): Promise<boolean> {
  const { epoch, ...values } = report;
  const row = {
    epoch,
    storage: checkpoint.storage,
    data: checkpoint.storage === 'postgres' ? (checkpoint.data as Uint8Array<ArrayBuffer>) : null,
    path: checkpoint.storage === 'directory' ? checkpoint.path : null,
    sizeBytes: checkpoint.storage === 'postgres' ? checkpoint.data.byteLength : checkpoint.sizeBytes,
    updatedAt: new Date(),
  };
  return db.$transaction(async (tx) => {
    const held = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM "Trial" WHERE "id" = ${trialId}::uuid AND "status" = 'running' AND "attempts" = ${claim} FOR UPDATE`;
    if (!held.length) return false;
    await tx.epochMetric.upsert({
      where: { trialId_epoch: { trialId, epoch } },
      create: { trialId, epoch, ...values },
      update: values,
    });
    await tx.checkpoint.upsert({ where: { trialId }, create: { trialId, ...row }, update: row });
    return true;
  }, CHECKPOINT_TRANSACTION);
}

/** A large model's checkpoint is megabytes: more time than Prisma's 5 s default, on a busy server. */
const CHECKPOINT_TRANSACTION = { timeout: 60_000, maxWait: 10_000 };

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
