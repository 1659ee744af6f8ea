/**
 * How long a sweep still has to run, estimated from the epochs it has trained: what the CLI's
 * `watch` and the dashboard show beside the bars of a sweep that runs for hours.
 *
 * Estimates are upper bounds: a trial is assumed to run to its `maxEpochs`, while early
 * stopping or pruning may end it sooner. A trial's time per epoch is the mean of its last few
 * epochs (the first epoch of a resumed or freshly started trial is no slower than the rest
 * here, and a recent window follows a machine whose load changes). A queued trial, which has
 * no epochs of its own yet, is assumed to take the sweep's mean time per epoch.
 */

/** Epochs whose durations make a trial's time per epoch. */
export const EPOCH_WINDOW = 3;

export interface TrialProgressInput {
  status: string;
  /** Epochs finished so far (0 when none). */
  epoch: number;
  maxEpochs: number;
  /** Durations of its most recent epochs in ms, oldest first (any number; the last EPOCH_WINDOW count). */
  recentEpochMs: readonly number[];
}

export interface TrialEta {
  secondsPerEpoch: number;
  remainingEpochs: number;
  etaSeconds: number;
}

export interface SweepEta {
  /** Seconds until every created trial has ended, were each to run to its maxEpochs. */
  etaSeconds: number;
  /** Trials the estimate covers: running and queued ones. */
  trialsLeft: number;
  /** Slots the estimate assumes: trials running now, at least one. */
  slots: number;
}

const RUNNING = new Set(['running']);
const WAITING = new Set(['queued']);

/** Mean of the last EPOCH_WINDOW durations in seconds; null with none. */
export function secondsPerEpoch(recentEpochMs: readonly number[]): number | null {
  const window = recentEpochMs.slice(-EPOCH_WINDOW).filter((ms) => Number.isFinite(ms) && ms >= 0);
  if (window.length === 0) return null;
  return window.reduce((a, b) => a + b, 0) / window.length / 1000;
}

/** A running trial's time left, or null before its first epoch has ended. */
export function trialEta(t: TrialProgressInput): TrialEta | null {
  const perEpoch = secondsPerEpoch(t.recentEpochMs);
  if (perEpoch == null) return null;
  const remainingEpochs = Math.max(0, t.maxEpochs - t.epoch);
  return { secondsPerEpoch: perEpoch, remainingEpochs, etaSeconds: remainingEpochs * perEpoch };
}

/**
 * The sweep's time left: running trials keep their slots until their own ETA, then each queued
 * trial (in the order given) takes the slot that frees first. Null until some epoch has ended.
 */
export function sweepEta(trials: readonly TrialProgressInput[]): SweepEta | null {
  const known = trials.map((t) => secondsPerEpoch(t.recentEpochMs)).filter((s): s is number => s != null);
  if (known.length === 0) return null;
  const meanPerEpoch = known.reduce((a, b) => a + b, 0) / known.length;
  const running = trials.filter((t) => RUNNING.has(t.status));
  const waiting = trials.filter((t) => WAITING.has(t.status));
  const slotsFreeAt = running.map((t) => trialEta(t)?.etaSeconds ?? t.maxEpochs * meanPerEpoch);
  if (slotsFreeAt.length === 0) slotsFreeAt.push(0);
  for (const t of waiting) {
    const first = slotsFreeAt.indexOf(Math.min(...slotsFreeAt));
    slotsFreeAt[first]! += t.maxEpochs * meanPerEpoch;
  }
  return { etaSeconds: Math.max(...slotsFreeAt), trialsLeft: running.length + waiting.length, slots: Math.max(1, running.length) };
}

/** "35 s", "4 min 10 s", "2 h 05 min": for people, not for parsing. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A time per epoch: tenths of a second below 10 s ("2.4 s"), else as formatDuration. */
export function formatEpochTime(seconds: number): string {
  return seconds < 10 ? `${Math.max(0, seconds).toFixed(1)} s` : formatDuration(seconds);
}
