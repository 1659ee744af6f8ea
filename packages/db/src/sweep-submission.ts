import { effectiveBudget, type SweepSpec } from '@modelspace/core';
import type { Db } from './client.ts';
import { linkSweepDatasets } from './datasets.repository.ts';
import { DEFAULT_PROJECT_ID } from './projects.repository.ts';
import { runScheduleStepIn, SCHEDULE_STEP_TX, type ScheduleResult } from './schedule.repository.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * The sweep row (its budgets resolved; no project: the default one), with the definition
 * sent as one JSON text: Prisma walks a Json value node by node to encode it, which for a
 * 10,000-variant definition (megabytes) costs a few hundred milliseconds. Timestamps in
 * UTC, as Prisma keeps them (the columns have no time zone).
 */
async function insertSweep(tx: Tx, input: { id: string; spec: SweepSpec; projectId?: string }): Promise<void> {
  const { id, spec } = input;
  const b = effectiveBudget(spec);
  await tx.$executeRaw`
    INSERT INTO "Sweep" (id, name, description, method, objective, goal, spec,
                         "maxTrials", "maxConcurrentTrials", "maxFailedTrials", "maxDurationSeconds",
                         "projectId", "createdAt", "updatedAt")
    VALUES (${id}::uuid, ${spec.name}, ${spec.description ?? null}, ${spec.method}, ${spec.objective.metric}, ${spec.objective.goal},
            ${JSON.stringify(spec)}::jsonb, ${b.maxTrials}::int, ${b.maxConcurrentTrials}::int, ${b.maxFailedTrials}::int,
            ${b.maxDurationSeconds}::int, ${input.projectId ?? DEFAULT_PROJECT_ID}::uuid, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`;
}

/**
 * A new sweep and its first trials, in one transaction: a database that fails half-way
 * leaves neither, never a sweep without trials that nothing would ever schedule. The step
 * runs inside this transaction.
 */
export async function createSweepWithFirstStep(db: Db, input: { id: string; spec: SweepSpec; projectId?: string; datasetIds?: string[] }): Promise<ScheduleResult> {
  return db.$transaction(async (tx) => {
    await insertSweep(tx, input);
    // The uploaded datasets it names cannot be deleted from now on (SweepDataset).
    await linkSweepDatasets(tx, input.id, input.datasetIds ?? []);
    return runScheduleStepIn(tx, input.id, new Date(), { spec: input.spec });
  }, SCHEDULE_STEP_TX);
}
