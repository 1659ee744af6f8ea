import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UnrecoverableError } from 'bullmq';
import { initialEarlyStopping, observeEpoch, programArgs, type EarlyStoppingState, type ProgramModel, type StopReason, type TrainingSettings } from '@modelspace/core';
import type { EpochReport, ModelArtifact, TrialResult } from '@modelspace/trainer';
import type { TrainingHandle, TrainingHandlers } from '../training-pool.ts';
import { recordOwner } from './reaper.ts';
import { signalGroup } from './process-group.ts';
import type { ProgramLauncher, ProgramProcess } from './program-process.ts';
import { decodeProgramCheckpoint, encodeProgramCheckpoint, packDirectory, unpackDirectory } from './checkpoint-dir.ts';
import { OutputLog, MAX_LOG_LINE_BYTES, type LogLine } from './output-log.ts';
import type { ProgramRegistry, RegisteredProgram } from './registry.ts';
import { LineSplitter, MAX_REPORT_LINE_BYTES, parseReportLine, type EpochLine } from './report-line.ts';

/** Who the program runs for: its environment names them. */
export interface ProgramTrial {
  id: string;
  sweepId: string;
  attempt: number;
}

export interface ProgramJob {
  model: ProgramModel;
  training: TrainingSettings;
  resume?: Uint8Array;
  trial: ProgramTrial;
}

export interface ProgramTrainerOptions {
  registry: ProgramRegistry;
  /** Starts the programs: through the spawner process (program-process.ts), or directly. */
  launcher: ProgramLauncher;
  /** Scratch space: one folder per running trial (params file, checkpoint folder), removed when it ends. */
  workDir: string;
  /** GPUs on this host: a gpu program's slot k gets device k mod gpus (CUDA_VISIBLE_DEVICES). */
  gpus: number;
  /** The bound on a trial's kept output. */
  maxLogBytes: number;
  /** The largest model file a program may hand over (save_model). */
  maxModelBytes: number;
  /** Each captured output line, as it comes (live logs). */
  onLog?: (trialId: string, line: LogLine) => void;
  /** Keeps the trial's log (GET /trials/:id/logs): called every few seconds while it runs, at each epoch and at the end. */
  saveLog?: (trialId: string, claim: number, log: OutputLog, final: boolean) => Promise<void>;
}

const LOG_SAVE_MS = 1500;

/** What a program trial's handle adds: its captured output, for GET /trials/:id/logs. */
export interface ProgramHandle extends TrainingHandle {
  log: OutputLog;
}

/** The worker's own state in a program's checkpoint: where early stopping and the best epoch stood. */
interface ProgramRunState {
  lastEpoch: number;
  earlyStopping: EarlyStoppingState;
  best: EpochLine | null;
  trainMs: number;
}

const STDERR_TAIL_LINES = 20;
/** Where the SDKs keep the last epoch they reported, in the checkpoint folder (docs/programs.md). */
const EPOCH_RECORD = '.modelspace_epoch';

/**
 * Runs a registered program for one trial (docs/programs.md): no shell, one `--name=value`
 * argument per param, its reports read from their own pipe and handed on as epochs with the
 * program's checkpoint folder, early stopping decided here, a stop carried out as stop file,
 * SIGTERM, then SIGKILL, to the program's whole process group.
 */
export function createProgramTrainer(opts: ProgramTrainerOptions) {
  const slots = new Set<number>();
  return (job: ProgramJob, on: TrainingHandlers): ProgramHandle => {
    const program = opts.registry.get(job.model.program);
    const log = new OutputLog(opts.maxLogBytes, (line) => opts.onLog?.(job.trial.id, line));
    let stopRequested: StopReason | null = null;
    let running: { pid: number; ended: boolean } | null = null;
    let killTimer: NodeJS.Timeout | null = null;
    let modelFile: string | null = null;
    let artifact: ModelArtifact | null = null;
    let testMetrics: { testError: number; testLoss?: number } | null = null;
    let saving: Promise<void> = Promise.resolve();
    const saveLog = (final = false) => (saving = saving.then(() => opts.saveLog?.(job.trial.id, job.trial.attempt, log, final)).catch(() => {}));

    const signalProgram = (signal: NodeJS.Signals) => {
      if (running && !running.ended) signalGroup(running.pid, signal);
    };
    let stopFile: string | null = null;
    const requestStop = (reason: StopReason) => {
      if (stopRequested) return;
      stopRequested = reason;
      if (stopFile) void writeFile(stopFile, `${reason}\n`).catch(() => {});
      signalProgram('SIGTERM');
      killTimer = setTimeout(() => signalProgram('SIGKILL'), program?.stopGraceMs ?? 0);
    };

    const run = async (): Promise<TrialResult | null> => {
      if (!program) throw new UnrecoverableError(`program "${job.model.program}" is not registered on this worker (WORKER_PROGRAMS)`);
      const dir = await mkdtemp(join(opts.workDir, `trial-${job.trial.id}-`));
      // The log is saved while the program runs (a worker that dies keeps what was saved) and once more at the end.
      const saver = setInterval(() => void saveLog(), LOG_SAVE_MS);
      try {
        return await runIn(program, dir);
      } catch (err) {
        log.add('modelspace', `trial attempt failed: ${(err as Error).message.split('\n')[0]}`);
        throw err;
      } finally {
        clearInterval(saver);
        if (killTimer) clearTimeout(killTimer);
        await saveLog(true);
        await rm(dir, { recursive: true, force: true }).catch(() => {});
      }
    };

    const runIn = async (program: RegisteredProgram, dir: string): Promise<TrialResult | null> => {
      const checkpointDir = join(dir, 'checkpoint');
      await mkdir(checkpointDir);
      let state: ProgramRunState = { lastEpoch: 0, earlyStopping: initialEarlyStopping(), best: null, trainMs: 0 };
      if (job.resume) {
        const saved = decodeProgramCheckpoint<ProgramRunState>(job.resume);
        state = saved.state;
        await unpackDirectory(saved.folder, checkpointDir);
        // The SDKs' start_epoch() reads this record; the folder may have been packed after the
        // program had already written the next epoch's: the worker's own count is the one that holds.
        await writeFile(join(checkpointDir, EPOCH_RECORD), `${state.lastEpoch}\n`);
        log.add('modelspace', `resuming after epoch ${state.lastEpoch} (attempt ${job.trial.attempt})`);
      }
      const paramsFile = join(dir, 'params.json');
      await writeFile(paramsFile, `${JSON.stringify(job.model.params)}\n`);
      stopFile = join(dir, 'stop');
      const slot = takeSlot(slots);
      const env: Record<string, string> = {
        ...inherited(process.env),
        ...program.env,
        MODELSPACE_TRIAL_ID: job.trial.id,
        MODELSPACE_SWEEP_ID: job.trial.sweepId,
        MODELSPACE_ATTEMPT: String(job.trial.attempt),
        MODELSPACE_PARAMS_FILE: paramsFile,
        MODELSPACE_CHECKPOINT_DIR: checkpointDir,
        MODELSPACE_RESUME: job.resume ? '1' : '0',
        MODELSPACE_REPORT_FD: '3',
        MODELSPACE_STOP_FILE: stopFile,
        MODELSPACE_MAX_EPOCHS: String(job.training.maxEpochs),
        MODELSPACE_SEED: String(job.training.seed),
        ...(program.pool === 'gpu' && opts.gpus > 0 ? { CUDA_VISIBLE_DEVICES: String(slot % opts.gpus) } : {}),
      };
      const started = Date.now();
      let proc: ProgramProcess;
      try {
        proc = await opts.launcher.start({ file: program.executable, args: [...program.args, ...programArgs(job.model.params)], cwd: program.cwd, env });
      } catch (err) {
        releaseSlot(slots, slot);
        throw new UnrecoverableError(`program "${program.name}" could not start: ${(err as Error).message}`);
      }
      running = { pid: proc.pid, ended: false };
      void proc.exited.then(() => (running!.ended = true));
      await recordOwner(dir, proc.pid);
      if (stopRequested) signalProgram('SIGTERM');
      let timedOut = false;
      const timeout = setTimeout(() => {
        timedOut = true;
        log.add('modelspace', `still running after its timeout (${program.timeoutMs / 1000} s): killed`);
        signalProgram('SIGKILL');
      }, program.timeoutMs);
      let lastReportAt = started;
      let problems = 0;

      const problem = (text: string) => {
        problems += 1;
        log.add('modelspace', `report line ignored: ${text}`);
      };
      // Reports are handled one after the other: each epoch is written before the next is looked at.
      let handling: Promise<void> = Promise.resolve();
      const onReport = (text: string) => {
        const parsed = parseReportLine(text);
        if (!parsed.ok) return problem(parsed.problem);
        const line = parsed.line;
        handling = handling.then(async () => {
          if (line.type === 'result') testMetrics = { testError: line.testError, ...(line.testLoss !== undefined ? { testLoss: line.testLoss } : {}) };
          else if (line.type === 'model') {
            const kept = await keepModelFile(line.path, program.cwd, dir, opts.maxModelBytes).catch((err: Error) => void problem(err.message));
            if (kept) modelFile = kept;
          } else await onEpoch(line);
        });
      };
      const onEpoch = async (line: EpochLine) => {
        if (line.epoch <= state.lastEpoch) return void log.add('modelspace', `epoch ${line.epoch} already recorded: ignored`);
        if (line.epoch !== state.lastEpoch + 1) return problem(`epoch ${line.epoch} after epoch ${state.lastEpoch} (epochs go up by one)`);
        if (stopRequested) return; // reported after the stop: the trial's record ends where it was stopped
        if (line.epoch > job.training.maxEpochs) {
          problem(`epoch ${line.epoch} is past the trial's maxEpochs (${job.training.maxEpochs}): the program is stopped`);
          return requestStop('max_epochs');
        }
        const now = Date.now();
        const durationMs = line.durationMs ?? now - lastReportAt;
        lastReportAt = now;
        const step = observeEpoch(state.earlyStopping, line.epoch, line.valError, { patience: job.training.patience, maxEpochs: job.training.maxEpochs });
        state = { lastEpoch: line.epoch, earlyStopping: step.state, best: step.improved ? line : state.best, trainMs: state.trainMs + durationMs };
        const report: EpochReport = {
          epoch: line.epoch,
          trainLoss: line.trainLoss,
          trainError: line.trainError ?? null,
          valLoss: line.valLoss,
          valError: line.valError,
          durationMs,
          samplesPerSec: line.samplesPerSec ?? 0,
        };
        const checkpoint = encodeProgramCheckpoint(state, await packDirectory(checkpointDir));
        await on.epoch(report, checkpoint);
        void saveLog();
        // Patience: the program is asked to end; the trial keeps its best epoch. At its last
        // epoch it ends by itself (and may still send its test result and model).
        if (step.stop === 'patience') requestStop('patience');
      };

      const reports = new LineSplitter(MAX_REPORT_LINE_BYTES, onReport, (bytes) => problem(`a line of ${bytes} bytes (at most ${MAX_REPORT_LINE_BYTES})`));
      const output = (stream: 'stdout' | 'stderr') =>
        new LineSplitter(
          MAX_LOG_LINE_BYTES,
          (text) => log.add(stream, text),
          (bytes) => log.add(stream, `[a line of ${bytes} bytes, not kept]`),
        );
      const stdout = output('stdout');
      const stderr = output('stderr');
      proc.stdout.on('data', (c: Buffer) => stdout.push(c));
      proc.stderr.on('data', (c: Buffer) => stderr.push(c));
      proc.reports.on('data', (c: Buffer) => reports.push(c));
      for (const stream of [proc.stdout, proc.stderr, proc.reports]) {
        stream.on('error', () => {});
        stream.resume(); // a spawner's socket arrives paused
      }

      const first = await proc.exited;
      clearTimeout(timeout);
      releaseSlot(slots, slot);
      // Whatever the program left running in its group ends with it.
      signalGroup(proc.pid, 'SIGKILL');
      // The streams drain after the exit: the last reports still count.
      await Promise.all([streamEnd(proc.stdout), streamEnd(proc.stderr), streamEnd(proc.reports)]);
      stdout.end();
      stderr.end();
      reports.end();
      await handling;
      if (problems) log.add('modelspace', `${problems} report line(s) ignored`);
      const { code, signal } = first;
      log.add('modelspace', `program ended: ${signal ? `signal ${signal}` : `exit code ${code}`}`);
      if (timedOut) throw new UnrecoverableError(`timeout: the program ran past its ${program.timeoutMs / 1000} s`);
      if (!stopRequested && code !== 0) {
        const tail = log.tail('stderr', STDERR_TAIL_LINES);
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        throw new Error(`program "${program.name}" ${how}${tail.length ? `; last stderr lines:\n${tail.join('\n')}` : ' (no stderr output)'}`);
      }
      if (!state.best) {
        if (stopRequested) return null;
        throw new Error(`program "${program.name}" exited with code 0 without reporting an epoch${problems ? ` (${problems} report line(s) ignored: see its log)` : ''}`);
      }
      // Read now: the trial's folder (and the copy in it) goes when the run ends.
      if (modelFile) artifact = await programArtifact(job.model, modelFile);
      const best = state.best;
      const test = testMetrics ?? (best.testError !== undefined ? { testError: best.testError, testLoss: best.testLoss } : null);
      return {
        bestValError: best.valError,
        bestValLoss: best.valLoss,
        bestEpoch: best.epoch,
        testError: test?.testError ?? Number.NaN,
        testLoss: test?.testLoss ?? Number.NaN,
        epochsRun: state.lastEpoch,
        stopReason: stopRequested ?? (state.lastEpoch >= job.training.maxEpochs ? 'max_epochs' : 'stopped'),
        durationMs: Date.now() - started + (job.resume ? state.trainMs : 0),
        backend: `program:${program.name}`,
        paramCount: Number.NaN,
      };
    };

    const result = run();
    result.catch(() => {});
    return {
      result,
      artifact: result.then(
        (r) => (r ? artifact : null),
        () => null,
      ),
      log,
      stop: () => requestStop('stopped'),
      kill: async () => {
        signalProgram('SIGKILL');
        await result.catch(() => {});
      },
    };
  };
}

/** The environment a program inherits from the worker: enough to find its interpreter, no more. */
function inherited(env: NodeJS.ProcessEnv): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'];
  return Object.fromEntries(keep.flatMap((k) => (env[k] !== undefined ? [[k, env[k]!]] : [])));
}

async function streamEnd(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return;
  await Promise.race([once(stream, 'end'), once(stream, 'close')]).catch(() => {});
}

/** The lowest free slot number: a program's GPU device. */
function takeSlot(slots: Set<number>): number {
  let k = 0;
  while (slots.has(k)) k += 1;
  slots.add(k);
  return k;
}
function releaseSlot(slots: Set<number>, k: number): void {
  slots.delete(k);
}

/** Copies the file a program named with save_model now: it may overwrite it later. */
async function keepModelFile(path: string, cwd: string, dir: string, maxBytes: number): Promise<string> {
  const source = path.startsWith('/') ? path : join(cwd, path);
  const info = await stat(source).catch(() => null);
  if (!info?.isFile()) throw new Error(`model: ${path} is not a file`);
  if (info.size > maxBytes) throw new Error(`model: ${path} has ${info.size} bytes (at most ${maxBytes})`);
  const kept = join(dir, `model-${Date.now()}-${baseName(source)}`);
  await copyFile(source, kept);
  return kept;
}

const baseName = (p: string) => p.split('/').pop() || 'model';

/** A program's model as a stored artifact: the file as weights.bin, model.json naming what it is. */
async function programArtifact(model: ProgramModel, file: string): Promise<ModelArtifact | null> {
  if (!existsSync(file)) return null;
  const data = await readFile(file);
  const name = baseName(file).replace(/^model-\d+-/, '');
  return {
    modelJson: { format: 'program-file', program: model.program, fileName: name } as unknown as ModelArtifact['modelJson'],
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
  };
}
