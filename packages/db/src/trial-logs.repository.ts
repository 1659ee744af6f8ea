import type { Db } from './client.ts';
import type { Statement } from './sql.ts';

/**
 * A program trial's captured output (docs/programs.md): one row per trial, replaced as the
 * program runs. Fenced on the claim, as epochs are: a worker whose trial was taken over
 * writes no more of its log.
 */
const SAVE: Statement = {
  name: 'trial-log-save',
  text: `
    INSERT INTO "TrialLog" ("trialId", text, "droppedLines", "updatedAt")
    SELECT $1::uuid, $2::text, $3::int, now()
     WHERE EXISTS (SELECT 1 FROM "Trial" WHERE id = $1::uuid AND attempts = $4::int)
    ON CONFLICT ("trialId") DO UPDATE SET text = EXCLUDED.text, "droppedLines" = EXCLUDED."droppedLines", "updatedAt" = now()`,
};

export async function saveTrialLog(db: Db, trialId: string, claim: number, text: string, droppedLines: number): Promise<void> {
  await db.$sql.rows(SAVE, [trialId, text, droppedLines, claim]);
}

export interface TrialLogRow {
  text: string;
  droppedLines: number;
  updatedAt: Date;
}

export async function getTrialLog(db: Db, trialId: string): Promise<TrialLogRow | null> {
  return db.trialLog.findUnique({ where: { trialId }, select: { text: true, droppedLines: true, updatedAt: true } });
}
