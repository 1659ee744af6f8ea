import { FINISHED_SWEEP_STATES, formatDuration, formatEpochTime, sweepEta, trialEta, type TrialProgressInput } from '@modelspace/core';

/** What the live views know of a sweep while watching it, kept up to date from its events. */
export interface TrialInfo {
  id: string;
  index: number;
  name: string;
  status: string;
  maxEpochs: number;
  bestValError: number | null;
  epoch?: number;
  valError?: number;
  bestSoFar?: number;
  /** Durations of its latest epochs in ms, oldest first (the ETA's input). */
  recentEpochMs: number[];
  /** Training samples per second in its latest epoch. */
  samplesPerSec?: number;
}

export interface SweepWatchState {
  sweepId: string;
  name: string;
  status: string;
  trials: Map<string, TrialInfo>;
  /** The budget's cap on trials, when a search may create more than exist yet. */
  maxTrials?: number | null;
  /** The lowest validation error seen so far, of any trial. */
  best: { trialId: string; name: string; index: number; valError: number } | null;
}

/** A way of showing a watched sweep: progress bars, plain lines, or JSON lines. */
export interface WatchView {
  start(state: SweepWatchState): void;
  /** Called after the state has taken the event in. */
  // biome-ignore lint/suspicious/noExplicitAny: an event's JSON payload, shaped by `type`
  event(state: SweepWatchState, type: string, data: any, id: string | undefined): void;
  stop(state: SweepWatchState): void;
}

/** "12.3 s/epoch, ≤ 4 min 10 s left" for a trial with an ended epoch, else "". Upper bounds: early stopping may end it sooner. */
export function trialEtaText(t: TrialInfo | undefined): string {
  const eta = t && trialEta(progressInput(t));
  return eta ? `${formatEpochTime(eta.secondsPerEpoch)}/epoch, ≤ ${formatDuration(eta.etaSeconds)} left` : '';
}

/**
 * "≤ 1 h 05 min" for the sweep's created trials still to run, else "". A search creates its
 * trials as it goes: while it may create more, the figure says it covers only those it has.
 */
export function sweepEtaText(state: SweepWatchState): string {
  const eta = sweepEta([...state.trials.values()].map(progressInput));
  if (!eta || eta.trialsLeft === 0) return '';
  const more = state.maxTrials != null && state.maxTrials > state.trials.size && !FINISHED_SWEEP.has(state.status);
  return `≤ ${formatDuration(eta.etaSeconds)}${more ? ` for the ${state.trials.size} trials so far (of up to ${state.maxTrials})` : ''}`;
}

const FINISHED_SWEEP = new Set<string>(FINISHED_SWEEP_STATES);

/** "1,137 samples/s" from the trial's latest epoch, else "". */
export function speedText(t: TrialInfo | undefined): string {
  return t?.samplesPerSec ? `${Math.round(t.samplesPerSec).toLocaleString('en-US')} samples/s` : '';
}

function progressInput(t: TrialInfo): TrialProgressInput {
  return { status: t.status, epoch: t.epoch ?? 0, maxEpochs: t.maxEpochs, recentEpochMs: t.recentEpochMs };
}

export const pct = (v: number | null | undefined) => (v == null ? 'n/a' : `${(v * 100).toFixed(2)}%`);

export function trialLabel(state: SweepWatchState, t: { index: number; name: string }): string {
  const total = Math.max(state.trials.size, t.index + 1);
  return `[${t.index + 1}/${total}] ${t.name}`;
}
