import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ConflictError, DomainError, type ObjectiveMetric } from '@modelspace/core';
import {
  artifactChecksum,
  createModelCache,
  decodeImages,
  loadArtifactConfig,
  MAX_PREDICT_IMAGES,
  packArchive,
  predictInputOf,
  readArtifact,
  readPredictBody,
  type ArtifactConfig,
  type ArtifactDeps,
  type PredictInput,
} from '@modelspace/artifacts';
import { bestTrialBy, datasetOfSweep, getSweep, getTrial } from '@modelspace/db';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ApiDeps } from '../deps.ts';
import { BestQuery, IdParams } from '../schemas/common.ts';

type BackendPreference = NonNullable<NonNullable<Parameters<typeof import('@modelspace/trainer').initBackend>[0]>['prefer']>;

/**
 * TensorFlow.js and its wasm backend load on the first predict, not when the API starts:
 * every other route stays as light as before. One promise, so concurrent first calls share it.
 */
let trainer: Promise<typeof import('@modelspace/trainer')> | null = null;
function loadTrainer(backend: ArtifactConfig['predictBackend']) {
  trainer ??= import('@modelspace/trainer').then(async (t) => {
    await t.initBackend({ prefer: backend as BackendPreference });
    return t;
  });
  trainer.catch(() => (trainer = null));
  return trainer;
}

const PREDICT_DESCRIPTION =
  `Body {"images": [...]}: 1 to ${MAX_PREDICT_IMAGES} images of the shape the model trained on (H x W x C; MNIST and Fashion-MNIST: ` +
  '28x28 grey, white digit on black). Each is H*W*C numbers, row-major in height, width, channel order (as the upload formats ' +
  'store them), H rows of W numbers (one channel) or of W arrays of C numbers, or, for a model of a uint8 dataset of 1, 3 or 4 ' +
  'channels, a base64 PNG of W x H (1 channel: luminance; 3: RGB; transparency over black; 4: RGBA as stored). Values are ' +
  'integers 0..255 for a uint8 dataset (scaled by 1/255, as in training), finite numbers for a float32 one (used as they are). ' +
  "Answers each image's class probabilities (one per class) and predicted class (`digit`, 0..classes-1). " +
  'metadata.json of the model (GET /trials/{id}/model) says its input: input.imageShape, input.dtype.';

/** A loaded model and the images it takes, cached together. */
interface LoadedModel {
  model: LayersModel;
  input: PredictInput;
  dispose(): void;
}

/** Trained models: download one as an archive, or ask it for predictions. */
export function modelRoutes({ db, artifacts }: ApiDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const store: ArtifactDeps = { db, config: artifacts ?? loadArtifactConfig({}) };
    const models = createModelCache<LoadedModel>(store.config.modelCacheSize);

    /** The best completed trial of a sweep by `metric` (default: the sweep objective). */
    const bestTrialId = async (sweepId: string, metric?: ObjectiveMetric): Promise<string> => {
      const sweep = await getSweep(db, sweepId);
      const by = metric ?? (sweep.objective as ObjectiveMetric);
      const best = await bestTrialBy(db, sweep.id, by, 'best-epoch');
      if (!best) throw new DomainError('NOT_FOUND', `sweep ${sweep.id} has no completed trial yet, so no best model`);
      return best.trial.id;
    };

    const sendArchive = async (trialId: string, reply: FastifyReply) => {
      const artifact = await readArtifact(store, trialId);
      return reply
        .type('application/x-tar')
        .header('content-disposition', `attachment; filename="model-${trialId}.tar"`)
        .header('x-modelspace-trial-id', trialId)
        .header('x-modelspace-sha256', artifact.sha256)
        .send(await packArchive(artifact));
    };

    const predict = async (trialId: string, body: unknown) => {
      readPredictBody(body); // before any loading: a malformed request costs nothing
      const sha256 = await artifactChecksum(db, trialId);
      if (!sha256) await readArtifact(store, trialId); // throws the 404 that says why
      const t = await loadTrainer(store.config.predictBackend);
      const { model, input } = await models.get(`${trialId}:${sha256}`, async () => {
        const a = await readArtifact(store, trialId);
        const format = (a.modelJson as { format?: unknown }).format;
        if (format === 'program-file')
          throw new ConflictError(`trial ${trialId}'s model is a file its program saved: it can be downloaded (GET /trials/${trialId}/model), not run by modelspace`);
        const weightData = a.weights.buffer.slice(a.weights.byteOffset, a.weights.byteOffset + a.weights.byteLength) as ArrayBuffer;
        const loaded = await t.loadArtifactModel({ modelJson: a.modelJson as never, weightData });
        try {
          // The images it takes: its input layer's shape, and the dtype of the dataset it trained on (older artifacts: looked up).
          const input = await predictInputOf(trialId, loaded.inputs[0]!.shape.slice(1), a.metadata, async (name) => (await datasetOfSweep(db, a.sweepId, name))?.dtype ?? null);
          return { model: loaded, input, dispose: () => loaded.dispose() };
        } catch (err) {
          loaded.dispose();
          throw err;
        }
      });
      const images = decodeImages(body, input);
      const predictions = t.predictImages(model, images.pixels, images.count, { padded: input.padded });
      return { trialId, sha256, predictions };
    };

    app.get(
      '/trials/:id/model',
      { schema: { summary: "The trial's trained model (best-validation weights) as a tar: model.json, weights.bin, metadata.json, modelspace-layers.js", params: IdParams } },
      async (request, reply) => sendArchive((await getTrial(db, request.params.id)).id, reply),
    );

    // The two files on their own, so a browser can tf.loadLayersModel('<api>/trials/ID/model/model.json'):
    // it fetches weights.bin beside it, as the manifest names it.
    app.get(
      '/trials/:id/model/model.json',
      { schema: { summary: "The trial's model.json, for tf.loadLayersModel over HTTP", params: IdParams } },
      async (request) => (await readArtifact(store, (await getTrial(db, request.params.id)).id)).modelJson,
    );
    app.get('/trials/:id/model/weights.bin', { schema: { summary: "The trial's weights.bin (checksum-verified)", params: IdParams } }, async (request, reply) => {
      const a = await readArtifact(store, (await getTrial(db, request.params.id)).id);
      return reply.type('application/octet-stream').header('x-modelspace-sha256', a.sha256).send(Buffer.from(a.weights));
    });

    app.get(
      '/sweeps/:id/best/model',
      { schema: { summary: "The best trial's trained model as a tar (best by ?metric, default the sweep objective)", params: IdParams, querystring: BestQuery } },
      async (request, reply) => sendArchive(await bestTrialId(request.params.id, request.query.metric), reply),
    );

    app.post(
      '/trials/:id/predict',
      { schema: { summary: "Predict classes with the trial's trained model", description: PREDICT_DESCRIPTION, params: IdParams } },
      async (request) => predict((await getTrial(db, request.params.id)).id, request.body),
    );

    app.post(
      '/sweeps/:id/best/predict',
      { schema: { summary: "Predict classes with the sweep's best model", description: PREDICT_DESCRIPTION, params: IdParams, querystring: BestQuery } },
      async (request) => predict(await bestTrialId(request.params.id, request.query.metric), request.body),
    );
  };
}
