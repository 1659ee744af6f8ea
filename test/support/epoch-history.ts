import type { Db } from '@modelspace/db';

/**
 * What a trial's epoch rows should be after any number of crashes and resumes: exactly
 * 1..epochsRun, each once. Returns the problems found (empty when the history is whole).
 */
export async function epochHistoryProblems(db: Db, sweepId: string): Promise<string[]> {
  const trials = await db.trial.findMany({ where: { sweepId }, select: { id: true, name: true, status: true, epochsRun: true }, orderBy: { index: 'asc' } });
  const problems: string[] = [];
  for (const t of trials) {
    const epochs = (await db.epochMetric.findMany({ where: { trialId: t.id }, select: { epoch: true }, orderBy: { epoch: 'asc' } })).map((e) => e.epoch);
    const expected = Array.from({ length: t.epochsRun ?? 0 }, (_, i) => i + 1);
    if (t.status !== 'completed') problems.push(`${t.name}: ${t.status}`);
    if (epochs.join() !== expected.join()) problems.push(`${t.name}: epochs [${epochs.join()}], expected 1..${t.epochsRun}`);
  }
  return problems;
}
