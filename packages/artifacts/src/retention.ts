import type { ArtifactDeps } from './store.ts';
import { removeFolder } from './store.ts';

/**
 * Keeps the artifacts of a sweep's best K trials and deletes the rest; returns the trial ids
 * whose artifacts went. Run after every save, so at the moment a sweep ends exactly its best
 * K remain (results never change once recorded), and a long sweep never holds more than
 * K + (trials finishing at once). Completed trials rank before pruned ones, each by the
 * sweep objective (lower is better), ties to the earlier trial, as GET /sweeps/:id/best does.
 * A per-sweep advisory lock serialises workers finishing trials of one sweep at once.
 */
export async function applyRetention(deps: ArtifactDeps, sweepId: string): Promise<string[]> {
  const { db, config } = deps;
  if (config.keep === 0) return [];
  const dropped = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`artifacts:${sweepId}`}))`;
    const rows = await tx.artifact.findMany({
      where: { sweepId },
      select: { trialId: true, storage: true, path: true, objectiveValue: true, trial: { select: { status: true, index: true } } },
    });
    const rank = (r: (typeof rows)[number]) => [r.trial.status === 'completed' ? 0 : 1, r.objectiveValue ?? Number.POSITIVE_INFINITY, r.trial.index];
    rows.sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return 0;
    });
    const drop = rows.slice(config.keep);
    if (drop.length) await tx.artifact.deleteMany({ where: { trialId: { in: drop.map((r) => r.trialId) } } });
    return drop;
  });
  // Files after the commit: a failed transaction must not have removed weights a row still names.
  for (const r of dropped) if (r.storage === 'directory' && r.path) await removeFolder(config.dir, r.path);
  return dropped.map((r) => r.trialId);
}
