import type { Redis } from 'ioredis';
import type { ArtifactConfig } from '@modelspace/artifacts';
import type { DatasetLimits } from '@modelspace/core';
import type { Db } from '@modelspace/db';
import type { QueueNames, TrialQueue } from '@modelspace/queue';
import type { RequestLimits } from './plugins/limits.ts';

/** What the routes need, built once at startup and passed down explicitly. */
export interface ApiDeps {
  db: Db;
  trialQueue: TrialQueue;
  /** A plain (non-subscriber) connection for publishing cancel notices. */
  redis: Redis;
  names: QueueNames;
  /** Where trained models are; defaults to ARTIFACT_* defaults when absent. */
  artifacts?: ArtifactConfig;
  /** What an uploaded dataset may be (docs/datasets.md); DEFAULT_DATASET_LIMITS when absent. */
  datasetLimits?: DatasetLimits;
}

/** The sweep routes also check definitions against the request limits. */
export type SweepRouteDeps = ApiDeps & { limits: RequestLimits };
