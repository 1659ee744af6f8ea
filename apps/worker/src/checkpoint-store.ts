import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deleteCheckpoint, dropEpochsAfter, loadCheckpoint, recordEpochWithCheckpoint, type Db, type EpochInput, type EpochWrite } from '@modelspace/db';

/** CHECKPOINT_STORE / CHECKPOINT_DIR: in Postgres (the default), or as files in a folder every worker sees. */
export interface CheckpointConfig {
  storage: 'postgres' | 'directory';
  dir: string;
}

export interface CheckpointStore {
  /**
   * Epoch metrics + checkpoint (if the trainer sent one), one statement, fenced on the
   * claim: not saved when the claim was lost. Answers the trial's and sweep's status.
   */
  save(trialId: string, claim: number, report: EpochInput, bytes: Uint8Array | null): Promise<EpochWrite>;
  /** The checkpoint to resume from (its bytes in a buffer of their own), or null to start at epoch 1. */
  load(trialId: string): Promise<{ epoch: number; bytes: Uint8Array } | null>;
  /** After the trial ended: its row (if still there) and its files. */
  remove(trialId: string): Promise<void>;
  /** After completeTrial, which dropped the row: the files, if any. */
  dropFiles(trialId: string): Promise<void>;
  /** Epoch rows past the checkpoint an attempt resumes from. */
  dropEpochsAfter(trialId: string, epoch: number): Promise<number>;
}

export function createCheckpointStore(db: Db, config: CheckpointConfig): CheckpointStore {
  const folder = (trialId: string) => join(config.dir, trialId);
  const dropFiles = async (trialId: string) => {
    if (config.storage === 'directory') await rm(folder(trialId), { recursive: true, force: true });
  };
  return {
    async save(trialId, claim, report, bytes) {
      if (!bytes) return recordEpochWithCheckpoint(db, trialId, claim, report, null);
      if (config.storage === 'postgres') {
        return recordEpochWithCheckpoint(db, trialId, claim, report, { storage: 'postgres', data: bytes });
      }
      // A file per epoch, renamed into place when complete: the row only ever names a whole
      // file, and a crash before the commit leaves the previous epoch's file and row intact.
      const name = `epoch-${report.epoch}.ckpt`;
      const path = join(trialId, name);
      await mkdir(folder(trialId), { recursive: true });
      const temp = join(config.dir, `${path}.${process.pid}.tmp`);
      await writeFile(temp, bytes);
      await rename(temp, join(config.dir, path));
      const saved = await recordEpochWithCheckpoint(db, trialId, claim, report, { storage: 'directory', path, sizeBytes: bytes.byteLength });
      if (saved.saved && report.epoch > 1) await rm(join(folder(trialId), `epoch-${report.epoch - 1}.ckpt`), { force: true });
      return saved;
    },
    async load(trialId) {
      const stored = await loadCheckpoint(db, trialId);
      if (!stored) return null;
      const p = stored.payload;
      const bytes = p.storage === 'postgres' ? new Uint8Array(p.data) : new Uint8Array(await readFile(join(config.dir, p.path)));
      return { epoch: stored.epoch, bytes };
    },
    dropFiles,
    async remove(trialId) {
      await deleteCheckpoint(db, trialId);
      await dropFiles(trialId);
    },
    dropEpochsAfter: (trialId, epoch) => dropEpochsAfter(db, trialId, epoch),
  };
}
