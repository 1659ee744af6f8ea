/**
 * Patience-based early stopping on a metric to minimise, as plain state: feed it one value
 * per epoch, it says whether that epoch is the best so far and whether to stop.
 */
export interface EarlyStoppingState {
  bestValue: number;
  bestEpoch: number;
  epochsWithoutImprovement: number;
}

export type StopReason = 'max_epochs' | 'patience' | 'stopped';

export function initialEarlyStopping(): EarlyStoppingState {
  return { bestValue: Number.POSITIVE_INFINITY, bestEpoch: 0, epochsWithoutImprovement: 0 };
}

export interface EarlyStoppingStep {
  state: EarlyStoppingState;
  improved: boolean;
  stop: StopReason | null;
}

/**
 * @param epoch 1-based epoch that produced `value`
 * @param minDelta how much lower than the best a value must be to count as better
 */
export function observeEpoch(state: EarlyStoppingState, epoch: number, value: number, opts: { patience: number; maxEpochs: number; minDelta?: number }): EarlyStoppingStep {
  const improved = Number.isFinite(value) && value < state.bestValue - (opts.minDelta ?? 0);
  const next: EarlyStoppingState = improved
    ? { bestValue: value, bestEpoch: epoch, epochsWithoutImprovement: 0 }
    : { ...state, epochsWithoutImprovement: state.epochsWithoutImprovement + 1 };
  let stop: StopReason | null = null;
  if (epoch >= opts.maxEpochs) stop = 'max_epochs';
  else if (next.epochsWithoutImprovement >= opts.patience) stop = 'patience';
  return { state: next, improved, stop };
}
