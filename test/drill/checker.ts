/**
 * The drill's checker: what the final database and the recorded history must show after
 * any schedule of faults. Pure (the drill reads the rows and the workers' logs and hands
 * them in), so each rule is tested on its own (checker.test.ts).
 */

/** What the drill recorded while it ran. */
export interface DrillHistory {
  /** Every POST /sweeps the client sent: the answer's status (null: no answer) and the sweep it named. */
  submissions: Array<{ status: number | null; sweepId: string | null; variants: number }>;
  /** Every claim a worker logged: the trial, the claim's number (Trial.attempts) and the checkpoint's epoch it resumed after (0: from scratch). */
  claims: Array<{ trialId: string; attempt: number; resumedAfter: number; worker: string; at: number }>;
  /** Every completion a worker recorded (its statement changed the trial). */
  completions: Array<{ trialId: string; worker: string; at: number }>;
}

/** The final database, as the checker needs it. */
export interface DrillRows {
  sweeps: Array<{ id: string; status: string; trialCounts: Record<string, number> }>;
  trials: Array<{ id: string; sweepId: string; name: string; status: string; epochsRun: number | null }>;
  /** Every epoch row: its trial, epoch and the claim that wrote it. */
  epochs: Array<{ trialId: string; epoch: number; claim: number | null }>;
}

/** A resumed trial compared with an uninterrupted training of the same seed on the same backend. */
export interface ReferenceCheck {
  trialId: string;
  name: string;
  /** Empty when every epoch's metrics, the result and the stored weights' sha256 are equal. */
  differences: string[];
}

export type ViolationKind =
  | 'trial not final'
  | 'trial failed'
  | 'completed twice'
  | 'missing epoch'
  | 'extra epoch'
  | 'late write'
  | 'resume differs'
  | 'sweep counts'
  | 'sweep status'
  | 'lost acknowledged sweep'
  /** GET /workers names a worker's host wrongly (a loopback address, another host). */
  | 'worker host';

export interface Violation {
  kind: ViolationKind;
  detail: string;
}

/** Map.groupBy (ES2024, beyond the project's lib setting). */
export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

const FINAL_TRIAL = new Set(['completed', 'pruned', 'failed', 'cancelled']);
const FINAL_SWEEP = new Set(['completed', 'failed', 'stopped', 'cancelled']);

export function checkDrill(rows: DrillRows, history: DrillHistory, references: ReferenceCheck[]): Violation[] {
  return [
    ...trialStates(rows),
    ...completedTwice(history),
    ...epochHistories(rows),
    ...lateWrites(rows, history),
    ...references.flatMap((r) => r.differences.map((d) => ({ kind: 'resume differs' as const, detail: `${r.name} (${r.trialId}): ${d}` }))),
    ...sweepCounts(rows, history),
    ...lostSweeps(rows, history),
  ];
}

function trialStates(rows: DrillRows): Violation[] {
  return rows.trials.flatMap((t): Violation[] => {
    if (!FINAL_TRIAL.has(t.status)) return [{ kind: 'trial not final', detail: `${t.name} (${t.id}) is ${t.status}` }];
    // The drill cancels nothing and its trainings cannot diverge: a failure is a fault the system did not survive.
    if (t.status === 'failed') return [{ kind: 'trial failed', detail: `${t.name} (${t.id})` }];
    return [];
  });
}

function completedTwice(history: DrillHistory): Violation[] {
  const byTrial = groupBy(history.completions, (c) => c.trialId);
  return [...byTrial].flatMap(([trialId, cs]) => (cs.length > 1 ? [{ kind: 'completed twice' as const, detail: `${trialId} by ${cs.map((c) => c.worker).join(' and ')}` }] : []));
}

/** A finished trial has epochs 1..epochsRun, each once. */
function epochHistories(rows: DrillRows): Violation[] {
  const byTrial = groupBy(rows.epochs, (e) => e.trialId);
  return rows.trials.flatMap((t) => {
    if (t.status !== 'completed' && t.status !== 'pruned') return [];
    const epochs = (byTrial.get(t.id) ?? []).map((e) => e.epoch).sort((a, b) => a - b);
    const out: Violation[] = [];
    for (let e = 1; e <= (t.epochsRun ?? 0); e++) {
      const n = epochs.filter((x) => x === e).length;
      if (n === 0) out.push({ kind: 'missing epoch', detail: `${t.name} (${t.id}) epoch ${e}` });
      if (n > 1) out.push({ kind: 'extra epoch', detail: `${t.name} (${t.id}) epoch ${e} ${n} times` });
    }
    for (const e of new Set(epochs.filter((x) => x < 1 || x > (t.epochsRun ?? 0)))) out.push({ kind: 'extra epoch', detail: `${t.name} (${t.id}) epoch ${e} of ${t.epochsRun}` });
    return out;
  });
}

/**
 * Each epoch row must come from the claim that owned that epoch: claim k trains from its
 * checkpoint onwards (epochs after `resumedAfter`), until a later claim takes over from its
 * own checkpoint. So epoch e's writer is the latest claim that resumed before e; a row from an
 * older claim was written after that claim was taken over (or the take-over lost it).
 */
export function expectedWriter(claims: ReadonlyArray<{ attempt: number; resumedAfter: number }>, epoch: number): number | null {
  const owners = claims.filter((c) => c.resumedAfter < epoch).map((c) => c.attempt);
  return owners.length ? Math.max(...owners) : null;
}

function lateWrites(rows: DrillRows, history: DrillHistory): Violation[] {
  const claims = groupBy(history.claims, (c) => c.trialId);
  return rows.epochs.flatMap((row): Violation[] => {
    const expected = expectedWriter(claims.get(row.trialId) ?? [], row.epoch);
    if (row.claim === expected) return [];
    return [{ kind: 'late write', detail: `trial ${row.trialId} epoch ${row.epoch} written by claim ${row.claim}, owned by claim ${expected}` }];
  });
}

function sweepCounts(rows: DrillRows, history: DrillHistory): Violation[] {
  const trials = groupBy(rows.trials, (t) => t.sweepId);
  const variants = new Map(history.submissions.filter((s) => s.sweepId).map((s) => [s.sweepId!, s.variants]));
  return rows.sweeps.flatMap((s) => {
    const own = trials.get(s.id) ?? [];
    const out: Violation[] = [];
    const counted = groupBy(own, (t) => t.status);
    for (const [status, n] of Object.entries(s.trialCounts)) {
      const actual = status === 'total' ? own.length : (counted.get(status)?.length ?? 0);
      if (n !== actual) out.push({ kind: 'sweep counts', detail: `sweep ${s.id}: ${status} ${n}, its trials say ${actual}` });
    }
    const expected = variants.get(s.id);
    if (expected !== undefined && own.length !== expected) out.push({ kind: 'sweep counts', detail: `sweep ${s.id}: ${own.length} trials for ${expected} variants` });
    if (!FINAL_SWEEP.has(s.status)) out.push({ kind: 'sweep status', detail: `sweep ${s.id} is ${s.status}` });
    else if ((s.status === 'completed') !== own.some((t) => t.status === 'completed' || t.status === 'pruned'))
      out.push({ kind: 'sweep status', detail: `sweep ${s.id} is ${s.status}; trials ${own.map((t) => t.status).join(', ')}` });
    return out;
  });
}

function lostSweeps(rows: DrillRows, history: DrillHistory): Violation[] {
  const ids = new Set(rows.sweeps.map((s) => s.id));
  return history.submissions
    .filter((s) => s.status === 201 && !(s.sweepId && ids.has(s.sweepId)))
    .map((s) => ({ kind: 'lost acknowledged sweep' as const, detail: `201 for sweep ${s.sweepId}, not in the database` }));
}
