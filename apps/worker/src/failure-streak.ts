/**
 * Failed trial attempts in a row on this worker. A host that fails everything it touches (a
 * broken GPU, a full disk) stops taking work after `limit` of them instead of failing a
 * whole sweep; one success starts the count again. `limit` 0: never.
 */
export interface FailureStreak {
  success(): void;
  /** Counts a failure; true when this one reaches the limit. */
  failure(): boolean;
  readonly count: number;
}

export function createFailureStreak(limit: number): FailureStreak {
  let count = 0;
  return {
    success() {
      count = 0;
    },
    failure() {
      count += 1;
      return limit > 0 && count === limit;
    },
    get count() {
      return count;
    },
  };
}
