import { mkdir } from 'node:fs/promises';
import { saveTrialLog, type Db } from '@modelspace/db';
import type { WorkerConfig } from '../config.ts';
import { createProgramTrainer } from './program-trainer.ts';

/** The largest model file a program may hand over with save_model. */
const MAX_MODEL_BYTES = 512 * 1024 * 1024;

/** The program trainer of a worker with a programs file: its scratch folder made, logs kept in Postgres. */
export async function startProgramTrainer(config: WorkerConfig, db: Db, gpus: number) {
  await mkdir(config.WORKER_PROGRAM_DIR, { recursive: true });
  return createProgramTrainer({
    registry: config.programs,
    workDir: config.WORKER_PROGRAM_DIR,
    gpus,
    maxLogBytes: config.PROGRAM_LOG_BYTES,
    maxModelBytes: MAX_MODEL_BYTES,
    saveLog: (trialId, claim, log, final) => saveTrialLog(db, trialId, claim, { text: log.text(), droppedLines: log.dropped, final }),
  });
}
