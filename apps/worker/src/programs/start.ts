import { mkdir } from 'node:fs/promises';
import { saveTrialLog, type Db } from '@modelspace/db';
import type { WorkerConfig } from '../config.ts';
import { createProgramTrainer } from './program-trainer.ts';
import { reapOrphans } from './reaper.ts';
import { spawnerLauncher } from './program-process.ts';
import type { Logger } from 'pino';

/** The largest model file a program may hand over with save_model. */
const MAX_MODEL_BYTES = 512 * 1024 * 1024;

/** The program trainer of a worker with a programs file: its scratch folder made, orphans ended, programs started by the spawner, logs kept in Postgres. */
export async function startProgramTrainer(config: WorkerConfig, db: Db, gpus: number, log: Logger) {
  await mkdir(config.WORKER_PROGRAM_DIR, { recursive: true });
  // Programs a dead worker on this host left running end now; their trials were handed on.
  const reaped = await reapOrphans(config.WORKER_PROGRAM_DIR);
  if (reaped) log.warn({ programs: reaped }, 'ended programs left running by a worker that died');
  const launcher = spawnerLauncher();
  const trainer = createProgramTrainer({
    registry: config.programs,
    launcher,
    workDir: config.WORKER_PROGRAM_DIR,
    gpus,
    maxLogBytes: config.PROGRAM_LOG_BYTES,
    maxModelBytes: MAX_MODEL_BYTES,
    saveLog: (trialId, claim, log, final) => saveTrialLog(db, trialId, claim, { text: log.text(), droppedLines: log.dropped, final }),
  });
  return { trainer, close: () => launcher.close() };
}
