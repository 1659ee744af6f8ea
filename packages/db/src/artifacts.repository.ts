import type { Db } from './client.ts';
import type { Artifact, Trial } from './generated/prisma/client.ts';
import { objectiveColumn } from './objective-column.ts';

/** The row of a stored model, as saveArtifact writes it (packages/artifacts owns the files). */
export interface ArtifactRow {
  sweepId: string;
  storage: 'directory' | 'postgres';
  path: string | null;
  weights: Uint8Array<ArrayBuffer> | null;
  sha256: string;
  sizeBytes: number;
  modelJson: object;
  metadata: object;
  objectiveValue: number | null;
}

/** A finished trial as an artifact is built from: its row, and its value of the sweep's objective. */
export async function trialForArtifact(db: Db, trialId: string): Promise<{ trial: Trial; objectiveValue: number | null }> {
  const { sweep, ...trial } = await db.trial.findUniqueOrThrow({ where: { id: trialId }, include: { sweep: { select: { objective: true } } } });
  return { trial, objectiveValue: trial[objectiveColumn(sweep.objective)] };
}

/**
 * Writes (or replaces) a trial's artifact row; returns where the one it replaced kept its
 * files, so the caller can remove a folder no row names any more.
 */
export async function upsertArtifact(db: Db, trialId: string, row: ArtifactRow): Promise<{ storage: string; path: string | null } | null> {
  const previous = await db.artifact.findUnique({ where: { trialId }, select: { storage: true, path: true } });
  await db.artifact.upsert({ where: { trialId }, create: { trialId, ...row }, update: { ...row, createdAt: new Date() } });
  return previous;
}

export async function findArtifact(db: Db, trialId: string): Promise<Artifact | null> {
  return db.artifact.findUnique({ where: { trialId } });
}

/** The checksum of a trial's stored model, or null: a cheap check for caches. */
export async function artifactSha256(db: Db, trialId: string): Promise<string | null> {
  const row = await db.artifact.findUnique({ where: { trialId }, select: { sha256: true } });
  return row?.sha256 ?? null;
}

/**
 * Keeps the artifact rows of a sweep's best `keep` trials and deletes the rest; returns the
 * deleted ones (their files are the caller's to remove, after this commits). Completed
 * trials rank before pruned ones, each by the objective value (lower is better), ties to
 * the earlier trial. A per-sweep advisory lock serialises workers finishing trials of one
 * sweep at once.
 */
export async function dropArtifactsBeyond(db: Db, sweepId: string, keep: number): Promise<{ trialId: string; storage: string; path: string | null }[]> {
  return db.$transaction(async (tx) => {
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
    const drop = rows.slice(keep);
    if (drop.length) await tx.artifact.deleteMany({ where: { trialId: { in: drop.map((r) => r.trialId) } } });
    return drop.map(({ trialId, storage, path }) => ({ trialId, storage, path }));
  });
}
