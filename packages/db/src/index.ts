export * from './client.ts';
export * from './database-url.ts';
export * from './migrate.ts';
export * from './sweeps.repository.ts';
export * from './trials.repository.ts';
export * from './schedule.repository.ts';
export * from './queries.repository.ts';
export * from './workers.repository.ts';
export type { Sweep, Trial, EpochMetric, SweepStatus, TrialStatus } from './generated/prisma/client.ts';
