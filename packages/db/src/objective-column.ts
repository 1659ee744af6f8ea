import type { ObjectiveMetric } from '@modelspace/core';
import type { Trial } from './generated/prisma/client.ts';

/**
 * The Trial column that holds each objective metric's result: the best epoch's value for
 * the validation metrics, the one test measurement for testError. Everything that ranks or
 * reads trials by a sweep's objective goes through this map.
 */
export const OBJECTIVE_COLUMN = {
  valError: 'bestValError',
  testError: 'testError',
  valLoss: 'bestValLoss',
} as const satisfies Record<ObjectiveMetric, keyof Trial>;

export type ObjectiveColumn = (typeof OBJECTIVE_COLUMN)[ObjectiveMetric];

/** The column of a sweep's stored objective (a string column); an unknown one reads as valError. */
export function objectiveColumn(objective: string): ObjectiveColumn {
  return OBJECTIVE_COLUMN[objective as ObjectiveMetric] ?? OBJECTIVE_COLUMN.valError;
}
