import type { Db } from './client.ts';
import type { Statement } from './sql.ts';

/** One bar of the timeline: a trial's attempt, from its claim to its end (null while it runs). */
export interface TimelineAttempt {
  trialId: string;
  index: number;
  name: string;
  trialStatus: string;
  attempt: number;
  workerId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  /** completed | pruned | failed | cancelled | retried | handed back | lost; null while it runs. */
  outcome: string | null;
}

const TIMELINE: Statement = {
  name: 'sweep-timeline',
  text: `
    SELECT t.id AS "trialId", t.index, t.name, t.status::text AS "trialStatus", a.attempt, a."workerId",
           a."startedAt" AT TIME ZONE 'UTC' AS "startedAt", a."endedAt" AT TIME ZONE 'UTC' AS "endedAt", a.outcome
      FROM "TrialAttempt" a JOIN "Trial" t ON t.id = a."trialId"
     WHERE t."sweepId" = $1::uuid
    UNION ALL
    -- Trials trained before attempts were recorded: one bar, from their last claim.
    SELECT t.id, t.index, t.name, t.status::text, t.attempts, t."workerId",
           t."startedAt" AT TIME ZONE 'UTC', t."finishedAt" AT TIME ZONE 'UTC',
           CASE WHEN t.status IN ('running', 'queued') THEN NULL ELSE t.status::text END
      FROM "Trial" t
     WHERE t."sweepId" = $1::uuid AND t."startedAt" IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "TrialAttempt" a WHERE a."trialId" = t.id)
     ORDER BY "startedAt", index, attempt`,
};

// Timestamps are stored without a zone, in UTC (as Prisma writes them): read as such whatever the process's zone.
/** Every attempt of the sweep's trials, in the order they started (what the timeline draws). */
export async function sweepTimeline(db: Db, sweepId: string): Promise<TimelineAttempt[]> {
  return db.$sql.rows<TimelineAttempt>(TIMELINE, [sweepId]);
}
