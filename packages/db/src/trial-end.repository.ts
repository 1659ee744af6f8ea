import type { Db } from './client.ts';
import type { Sweep } from './generated/prisma/client.ts';
import { sqlList, type Statement } from './sql.ts';
import { OPEN_TRIAL_STATES, RESULT_TRIAL_STATES, SCHEDULING_SWEEP_STATES, sweepEnd, sweepOutcome } from '@modelspace/core';

/** What a trial's end did to its sweep: whether a scheduling step must follow, and the sweep's status now. */
export interface TrialEndSettlement {
  step: boolean;
  status: Sweep['status'] | null;
}

const SETTLE: Statement = {
  name: 'trial-end-settle',
  text: `
    WITH s AS (
      SELECT id, status, "stepOnTrialEnd"
          OR ("maxFailedTrials" IS NOT NULL
              AND (SELECT count(*) FROM "Trial" t WHERE t."sweepId" = $1::uuid AND t.status = 'failed') > "maxFailedTrials")
          OR ("maxDurationSeconds" IS NOT NULL AND now() >= "createdAt" + "maxDurationSeconds" * interval '1 second') AS step
        FROM "Sweep" WHERE id = $1::uuid
    ), ended AS (
      UPDATE "Sweep" w
         SET status = (CASE WHEN w.status = 'stopping' THEN ${sqlList([sweepEnd('stopping', [])!])}
                            WHEN EXISTS (SELECT 1 FROM "Trial" t WHERE t."sweepId" = w.id AND t.status IN (${sqlList(RESULT_TRIAL_STATES)})) THEN ${sqlList([sweepOutcome(RESULT_TRIAL_STATES)])}
                            ELSE ${sqlList([sweepOutcome([])])} END)::"SweepStatus",
             "statusReason" = CASE WHEN w.status = 'stopping' THEN w."statusReason" ELSE $2::text END,
             "finishedAt" = now(), "updatedAt" = now()
        FROM s
       WHERE w.id = s.id
         AND (w.status = 'stopping' OR (w.status IN (${sqlList(SCHEDULING_SWEEP_STATES)}) AND NOT s.step))
         AND NOT EXISTS (SELECT 1 FROM "Trial" t WHERE t."sweepId" = w.id AND t.status IN (${sqlList(OPEN_TRIAL_STATES)}))
      RETURNING w.status
    )
    SELECT s.step, COALESCE((SELECT status FROM ended), s.status)::text AS status FROM s`,
};

/**
 * At a trial's end, instead of a scheduling step when the sweep needs none (see
 * `stepOnTrialEnd` in packages/core): one statement that ends the sweep by core's rule
 * (sweepEnd): once no trial is queued or running, completed if one completed or was
 * pruned, else failed; `stopping` becomes `stopped`. It asks for a step when the sweep needs one, when failures passed
 * maxFailedTrials, or when the time budget is spent (queued trials must be dropped). It
 * runs after the trial's end committed (not in the same statement): two workers ending
 * the last two trials at once then see both ends in the later statement, and the row lock
 * lets only one make the transition.
 */
export async function settleTrialEnd(db: Db, sweepId: string, reason: string): Promise<TrialEndSettlement> {
  const [row] = await db.$sql.rows<{ step: boolean; status: Sweep['status'] }>(SETTLE, [sweepId, reason]);
  return row ? { step: row.step, status: row.status } : { step: false, status: null };
}
