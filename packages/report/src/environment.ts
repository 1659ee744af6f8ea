import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What the worker tells the program through MODELSPACE_* variables (docs/programs.md, section 3),
 * read at each call, with the values a program run by hand gets instead.
 */

/** The last epoch reported, kept in the checkpoint folder so a resumed attempt knows where to go on. */
export const EPOCH_FILE = '.modelspace_epoch';

/** An environment variable, with an empty value counting as unset. */
function variable(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function integer(name: string, fallback: number): number {
  const raw = variable(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** The trial's hyperparameters (MODELSPACE_PARAMS_FILE), or {} outside modelspace. */
export function params(): Record<string, string | number | boolean> {
  const file = variable('MODELSPACE_PARAMS_FILE');
  return file === undefined ? {} : JSON.parse(readFileSync(file, 'utf8'));
}

/** The trial's id, or undefined outside modelspace. */
export function trialId(): string | undefined {
  return variable('MODELSPACE_TRIAL_ID');
}

/** The trial's maxEpochs (MODELSPACE_MAX_EPOCHS), else `fallback`. */
export function maxEpochs(fallback = 10): number {
  return integer('MODELSPACE_MAX_EPOCHS', fallback);
}

/** The trial's seed (MODELSPACE_SEED), else `fallback`. */
export function seed(fallback = 0): number {
  return integer('MODELSPACE_SEED', fallback);
}

/** True when the checkpoint folder holds the state of an earlier attempt of this trial. */
export function resuming(): boolean {
  return variable('MODELSPACE_RESUME') === '1';
}

/** True once modelspace asked the trial to stop (pruned, patience, cancelled): end soon. */
export function shouldStop(): boolean {
  const file = variable('MODELSPACE_STOP_FILE');
  return file !== undefined && existsSync(file);
}

let ownCheckpointDir: string | undefined;

/**
 * The folder for the program's own state (MODELSPACE_CHECKPOINT_DIR); outside modelspace a
 * temporary folder made once per process. The worker saves it after each report, so write the
 * state here before calling report().
 */
export function checkpointDir(): string {
  const dir = variable('MODELSPACE_CHECKPOINT_DIR');
  if (dir === undefined) {
    ownCheckpointDir ??= mkdtempSync(join(tmpdir(), 'modelspace-checkpoint-'));
    return ownCheckpointDir;
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The first epoch to train: 1, or after a resume the epoch after the last one reported. */
export function startEpoch(): number {
  if (!resuming()) return 1;
  try {
    const last = Number.parseInt(readFileSync(join(checkpointDir(), EPOCH_FILE), 'utf8'), 10);
    return Number.isInteger(last) && last >= 0 ? last + 1 : 1;
  } catch {
    return 1;
  }
}

/** Written (atomically) before the epoch's report, so the worker's snapshot after it holds the epoch. */
export function recordEpoch(epoch: number): void {
  const dir = checkpointDir();
  const tmp = join(dir, `${EPOCH_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, `${epoch}\n`);
  renameSync(tmp, join(dir, EPOCH_FILE));
}
