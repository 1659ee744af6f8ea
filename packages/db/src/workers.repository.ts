import type { Db } from './client.ts';

export interface RunningTrialProgress {
  trialId: string;
  sweepId: string;
  name: string;
  backend: string | null;
  epoch: number | null;
  maxEpochs: number | null;
  samplesPerSec: number | null;
}

/** What the given trials are doing now: their latest epoch and its throughput. */
export async function runningTrialProgress(db: Db, trialIds: string[]): Promise<RunningTrialProgress[]> {
  if (!trialIds.length) return [];
  const trials = await db.trial.findMany({
    where: { id: { in: trialIds } },
    select: {
      id: true,
      sweepId: true,
      name: true,
      backend: true,
      training: true,
      epochs: { orderBy: { epoch: 'desc' }, take: 1, select: { epoch: true, samplesPerSec: true } },
    },
  });
  return trials.map((t) => ({
    trialId: t.id,
    sweepId: t.sweepId,
    name: t.name,
    backend: t.backend,
    epoch: t.epochs[0]?.epoch ?? null,
    maxEpochs: (t.training as { maxEpochs?: number } | null)?.maxEpochs ?? null,
    samplesPerSec: t.epochs[0]?.samplesPerSec ?? null,
  }));
}
