/**
 * The report protocol's lines (docs/programs.md, section 4), built from a program's values and
 * checked before anything is sent: a bad value is the program's bug, better raised where it is
 * made than counted and skipped by the worker.
 */

export interface EpochReport {
  /** 1 for the first epoch, then up by one. */
  epoch: number;
  /** Fraction of the validation samples misclassified, 0..1. */
  valError: number;
  valLoss: number;
  trainLoss: number;
  trainError?: number;
  /** When absent the worker measures the time between reports. */
  durationMs?: number;
  samplesPerSec?: number;
  testError?: number;
  testLoss?: number;
}

export interface TestResult {
  testError: number;
  testLoss?: number;
}

type Check = 'epoch' | 'fraction' | 'finite' | 'nonnegative';
type Spec = ReadonlyArray<readonly [name: string, required: boolean, check: Check]>;

const EPOCH_FIELDS: Spec = [
  ['epoch', true, 'epoch'],
  ['valError', true, 'fraction'],
  ['valLoss', true, 'finite'],
  ['trainLoss', true, 'finite'],
  ['trainError', false, 'fraction'],
  ['durationMs', false, 'nonnegative'],
  ['samplesPerSec', false, 'nonnegative'],
  ['testError', false, 'fraction'],
  ['testLoss', false, 'finite'],
];
const RESULT_FIELDS: Spec = [
  ['testError', true, 'fraction'],
  ['testLoss', false, 'finite'],
];

export function epochLine(values: EpochReport): Record<string, unknown> {
  return line('epoch', EPOCH_FIELDS, values);
}

export function resultLine(values: TestResult): Record<string, unknown> {
  return line('result', RESULT_FIELDS, values);
}

/** The protocol object: `type` first, then the fields in the spec's order, absent optional ones left out. */
function line(kind: string, spec: Spec, given: object): Record<string, unknown> {
  if (typeof given !== 'object' || given === null) throw new RangeError(`${kind}: expected an object, got ${String(given)}`);
  const known = new Set(spec.map(([name]) => name));
  for (const [key, value] of Object.entries(given)) {
    if (key === 'type' && value === kind) continue;
    if (!known.has(key)) throw new RangeError(`${kind}: unknown field ${JSON.stringify(key)} (known: ${[...known].join(', ')})`);
  }
  const out: Record<string, unknown> = { type: kind };
  for (const [name, required, check] of spec) {
    const value = (given as Record<string, unknown>)[name];
    if (value === undefined || value === null) {
      if (required) throw new RangeError(`${kind}: ${name} is required`);
      continue;
    }
    out[name] = checked(kind, name, value, check);
  }
  return out;
}

function checked(kind: string, name: string, value: unknown, check: Check): number {
  if (typeof value !== 'number') throw new RangeError(`${kind}: ${name} must be a number, got ${JSON.stringify(value)}`);
  if (check === 'epoch') {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${kind}: epoch must be an integer >= 1, got ${value}`);
    return value;
  }
  if (!Number.isFinite(value)) throw new RangeError(`${kind}: ${name} must be finite, got ${value}`);
  if (check === 'fraction' && !(value >= 0 && value <= 1)) throw new RangeError(`${kind}: ${name} is a fraction of the samples (0..1), got ${value}`);
  if (check === 'nonnegative' && value < 0) throw new RangeError(`${kind}: ${name} must be >= 0, got ${value}`);
  return value;
}
