import { dropArtifactsBeyond } from '@modelspace/db';
import type { ArtifactDeps } from './store.ts';
import { removeFolder } from './store.ts';

/**
 * Keeps the artifacts of a sweep's best K trials and deletes the rest; returns the trial ids
 * whose artifacts went. Run after every save, so at the moment a sweep ends exactly its best
 * K remain (results never change once recorded), and a long sweep never holds more than
 * K + (trials finishing at once). Completed trials rank before pruned ones, each by the
 * sweep objective (lower is better), ties to the earlier trial, as GET /sweeps/:id/best does.
 */
export async function applyRetention(deps: ArtifactDeps, sweepId: string): Promise<string[]> {
  const { db, config } = deps;
  if (config.keep === 0) return [];
  const dropped = await dropArtifactsBeyond(db, sweepId, config.keep);
  // Files after the commit: a failed transaction must not have removed weights a row still names.
  for (const r of dropped) if (r.storage === 'directory' && r.path) await removeFolder(config.dir, r.path);
  return dropped.map((r) => r.trialId);
}
