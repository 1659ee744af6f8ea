import type { Logger } from 'pino';
import { inputSizeOf, type ModelSpec } from '@modelspace/core';
import { applyRetention, saveArtifact, type ArtifactConfig, type UploadedDatasetInfo } from '@modelspace/artifacts';
import { trialStatus, type Db } from '@modelspace/db';
import type { ModelArtifact } from '@modelspace/trainer';

/**
 * Stores the model a training handed back, once the trial's result is recorded, then keeps
 * only the sweep's best K. A model that cannot be stored is logged, never a failed trial:
 * the metrics are the trial's result, the model a by-product.
 */
export async function keepArtifact(
  deps: { db: Db; log: Logger; config: ArtifactConfig },
  trial: { id: string; sweepId: string; model: unknown },
  artifact: Promise<ModelArtifact | null>,
  /** The uploaded dataset the trial trained on (null: a built-in one). */
  dataset: UploadedDatasetInfo | null,
): Promise<void> {
  try {
    const model = await artifact;
    if (!model || deps.config.store === 'none') return;
    // Only a recorded result has metrics to put beside the model (a cancel may have won the race).
    const status = await trialStatus(deps.db, trial.id);
    if (status !== 'completed' && status !== 'pruned') return;
    // The metadata's input side on a built-in dataset (32 when augmented); an uploaded one's shape, dtype and classes.
    const side = inputSizeOf((trial.model as ModelSpec).augmentation);
    const saved = await saveArtifact(
      { db: deps.db, config: deps.config },
      { trialId: trial.id, modelJson: model.modelJson, weights: new Uint8Array(model.weightData), inputSide: side, ...(dataset ? { dataset } : {}) },
    );
    const dropped = await applyRetention({ db: deps.db, config: deps.config }, trial.sweepId);
    deps.log.info({ storage: saved?.storage, sha256: saved?.sha256, bytes: model.weightData.byteLength, retentionDropped: dropped.length }, 'model stored');
  } catch (err) {
    deps.log.warn({ err }, 'the trained model could not be stored');
  }
}
