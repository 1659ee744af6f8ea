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
    INSERT INTO "TrialLog" ("trialId", text, "droppedLines", final, "updatedAt")
    SELECT $1::uuid, $2::text, $3::int, $5::boolean, now()
     WHERE EXISTS (SELECT 1 FROM "Trial" WHERE id = $1::uuid AND attempts = $4::int)
    ON CONFLICT ("trialId") DO UPDATE SET text = EXCLUDED.text, "droppedLines" = EXCLUDED."droppedLines", final = EXCLUDED.final, "updatedAt" = now()`,
};

/** `final`: the attempt has ended (its last save). */
export async function saveTrialLog(db: Db, trialId: string, claim: number, log: { text: string; droppedLines: number; final: boolean }): Promise<void> {
  await db.$sql.rows(SAVE, [trialId, log.text, log.droppedLines, claim, log.final]);
}

export interface TrialLogRow {
  text: string;
  droppedLines: number;
  final: boolean;
  updatedAt: Date;
}

export async function getTrialLog(db: Db, trialId: string): Promise<TrialLogRow | null> {
  return db.trialLog.findUnique({ where: { trialId }, select: { text: true, droppedLines: true, final: true, updatedAt: true } });
}
