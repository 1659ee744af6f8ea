/**
 * A sweep's trials as a table of parameters: which parameters vary over the sweep, their
 * kind (numeric or categorical, log-scaled or not) and each trial's values. Importance
 * (GET /sweeps/:id/importance) and the dashboard's slices, contour, comparison and short
 * names all read the same table, so this module imports nothing: the dashboard runs it
 * as it is (served with its types stripped, as progress.ts is).
 */

/** What the table needs of a trial (a Trial row from the API or the database). */
export interface ParameterTrial {
  name: string;
  /** The search parameters that chose it ({"model.activation": "relu"}); null for an explicit variant. */
  params?: unknown;
  model?: unknown;
  training?: unknown;
}

/** What the table needs of a search space's parameter (packages/core SearchSpace). */
export interface SpaceParameter {
  type: string;
  log?: boolean;
}

export interface ParameterColumn {
  /** The dotted path ("model.activation", "model.params.lr"). */
  name: string;
  /** As people write it: "activation", "lr". */
  label: string;
  kind: 'numeric' | 'categorical';
  log: boolean;
}

type Values = Record<string, unknown>;

function leaves(value: unknown, prefix: string, out: Values): Values {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Values)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) out[prefix] = value;
  return out;
}

/**
 * A trial's parameter values by path: its search parameters when it has them, else every
 * leaf of its variant (explicit variants say what they are only through their fields). A
 * missing path is a parameter inactive for that trial.
 */
export function trialValues(trial: ParameterTrial): Values {
  if (trial.params && typeof trial.params === 'object' && !Array.isArray(trial.params)) return { ...(trial.params as Values) };
  return leaves({ model: trial.model, training: trial.training }, '', {});
}

const key = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

/** "model.params.lr" → "lr", "training.learningRate" → "learningRate" (as the search names trials). */
export function shortLabel(path: string): string {
  return path.startsWith('model.params.') ? path.slice('model.params.'.length) : path.replace(/^(model|training)\./, '');
}

/**
 * The parameters that take at least two values over `trials` (an inactive one counts as a
 * value), in the order first seen. Kinds come from the search space when given (categorical
 * stays categorical even with numeric values; loguniform and log ints are log-scaled);
 * otherwise numbers are numeric, log-scaled when positive and spanning 100× or more.
 */
export function parameterColumns(trials: ParameterTrial[], space?: { parameters: Record<string, SpaceParameter> } | null): ParameterColumn[] {
  const rows = trials.map(trialValues);
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const p of Object.keys(r))
      if (!seen.has(p)) {
        seen.add(p);
        paths.push(p);
      }
  const varying = paths.filter((p) => new Set(rows.map((r) => key(r[p]))).size > 1);
  const labels = varying.map(shortLabel);
  return varying.map((name, i) => {
    const declared = space?.parameters[name];
    const present = rows.map((r) => r[name]).filter((v) => v !== undefined);
    const numbers = present.every((v) => typeof v === 'number' && Number.isFinite(v));
    const kind: ParameterColumn['kind'] = declared
      ? declared.type === 'categorical' || declared.type === 'fixed' || !numbers
        ? 'categorical'
        : 'numeric'
      : numbers
        ? 'numeric'
        : 'categorical';
    const nums = present as number[];
    const log =
      kind === 'numeric' &&
      (declared ? declared.type === 'loguniform' || (declared.type === 'int' && declared.log === true) : Math.min(...nums) > 0 && Math.max(...nums) / Math.min(...nums) >= 100);
    // A short label two paths share ("model.lr" and "training.lr") stays the full path.
    const label = labels.filter((l) => l === labels[i]).length > 1 ? name : labels[i]!;
    return { name, label, kind, log };
  });
}

/** A value as the search writes it in a trial's name: 0.0123, relu, [64,64]. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
  if (v === null) return 'none';
  if (Array.isArray(v)) return `[${v.join(',')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v as Values)
      .map(([k, x]) => `${k}:${x}`)
      .join(',')}}`;
  return String(v);
}

/**
 * A search trial's name cut to the parameters that vary over the sweep ("lr=0.01 width=16"
 * instead of every parameter, most at the sweep's fixed values); an explicit variant keeps
 * its own name.
 */
export function shortTrialName(trial: ParameterTrial, columns: ParameterColumn[]): string {
  if (!trial.params || typeof trial.params !== 'object') return trial.name;
  const values = trial.params as Values;
  const parts = columns.filter((c) => c.name in values).map((c) => `${c.label}=${formatValue(values[c.name])}`);
  return parts.join(' ') || trial.name;
}
