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
}

export interface SweepWatchState {
  sweepId: string;
  name: string;
  status: string;
  trials: Map<string, TrialInfo>;
  /** The lowest validation error seen so far, of any trial. */
  best: { trialId: string; name: string; index: number; valError: number } | null;
}

/** A way of showing a watched sweep: progress bars, plain lines, or JSON lines. */
export interface WatchView {
  start(state: SweepWatchState): void;
  /** Called after the state has taken the event in. */
  event(state: SweepWatchState, type: string, data: any, id: string | undefined): void;
  stop(state: SweepWatchState): void;
}

export const pct = (v: number | null | undefined) => (v == null ? 'n/a' : `${(v * 100).toFixed(2)}%`);

export function trialLabel(state: SweepWatchState, t: { index: number; name: string }): string {
  const total = Math.max(state.trials.size, t.index + 1);
  return `[${t.index + 1}/${total}] ${t.name}`;
}
