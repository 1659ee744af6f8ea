import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { send } from './channel.ts';
import { recordEpoch } from './environment.ts';
import { type EpochReport, epochLine, resultLine, type TestResult } from './lines.ts';

/**
 * @modelspace/report: a training program's side of docs/programs.md. Each call reads the
 * environment when it runs; outside modelspace the reports go to stderr as the same lines.
 */
export { MAX_LINE_BYTES } from './channel.ts';
export { checkpointDir, EPOCH_FILE, maxEpochs, params, resuming, seed, shouldStop, startEpoch, trialId } from './environment.ts';
export type { EpochReport, TestResult } from './lines.ts';

/**
 * Sends one epoch's metrics. Throws a RangeError on a missing, unknown or non-finite value, an
 * epoch that is not an integer >= 1, or an error outside 0..1. Save the program's state in
 * checkpointDir() before calling it: the worker saves that folder after each report.
 */
export function report(values: EpochReport): void {
  const line = epochLine(values);
  recordEpoch(line.epoch as number);
  send(line);
}

/** Sends the test metrics of the model the program keeps. */
export function finish(values: TestResult): void {
  send(resultLine(values));
}

/** Makes `path` the trial's model; the worker copies the file at once. */
export function saveModel(path: string): void {
  const absolute = resolve(path);
  if (!statSync(absolute, { throwIfNoEntry: false })?.isFile()) throw new Error(`saveModel: no file at ${absolute}`);
  send({ type: 'model', path: absolute });
}
