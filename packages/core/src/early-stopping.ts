/**
 * Patience-based early stopping on a metric to minimise, as plain state: feed it one value
 * per epoch, it says whether that epoch is the best so far and whether to stop.
 */
export interface EarlyStoppingState {
  bestValue: number;
  bestEpoch: number;
  epochsWithoutImprovement: number;
}

/** `collapsed`: the error went back to chance after the net had learned (see `collapseAt`). */
export type StopReason = 'max_epochs' | 'patience' | 'stopped' | 'collapsed';

/**
 * A net that had learned (best error at or below LEARNED) and whose error is back at chance
 * (`collapseAt`) does not come back: a saturated tanh layer gives every image the same output
 * and passes no gradient (docs/reproduction.md, full budget: models 1 and 2 went from under
 * 2% to 90% in one epoch and stayed there). Waiting out the patience only spends epochs.
 */
export const LEARNED = 0.5;

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
/**
 * @param opts.collapseAt an error at which a net that had learned counts as collapsed (its
 *   chance level, a little under: 0.85 for ten balanced classes); absent, never
 */
export function observeEpoch(
  state: EarlyStoppingState,
  epoch: number,
  value: number,
  opts: { patience: number; maxEpochs: number; minDelta?: number; collapseAt?: number },
): EarlyStoppingStep {
  const improved = Number.isFinite(value) && value < state.bestValue - (opts.minDelta ?? 0);
  const next: EarlyStoppingState = improved
    ? { bestValue: value, bestEpoch: epoch, epochsWithoutImprovement: 0 }
    : { ...state, epochsWithoutImprovement: state.epochsWithoutImprovement + 1 };
  let stop: StopReason | null = null;
  if (epoch >= opts.maxEpochs) stop = 'max_epochs';
  else if (opts.collapseAt !== undefined && state.bestValue <= LEARNED && value >= opts.collapseAt) stop = 'collapsed';
  else if (next.epochsWithoutImprovement >= opts.patience) stop = 'patience';
  return { state: next, improved, stop };
}
