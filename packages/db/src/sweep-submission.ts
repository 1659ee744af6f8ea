import type { SweepSpec } from '@modelspace/core';
import type { Db } from './client.ts';
import { runScheduleStepIn, SCHEDULE_STEP_TX, type ScheduleResult } from './schedule.repository.ts';
import { createSweep } from './sweeps.repository.ts';

/**
 * A new sweep and its first trials, in one transaction: a database that fails half-way
 * leaves neither, never a sweep without trials that nothing would ever schedule. The step
 * runs inside this transaction.
 */
export async function createSweepWithFirstStep(db: Db, input: Parameters<typeof createSweep>[1]): Promise<ScheduleResult> {
  return db.$transaction(async (tx) => {
    await createSweep(tx as unknown as Db, input);
    return runScheduleStepIn(tx, input.id, new Date(), { spec: input.spec });
  }, SCHEDULE_STEP_TX);
}
