import { z } from 'zod';
import { MAX_PREDICT_IMAGES } from '@modelspace/artifacts';
import { SWEEP_STATUS_VALUES, TRIAL_STATUS_VALUES } from '@modelspace/db';

/**
 * What the API answers, as zod schemas: the OpenAPI document's responses and component
 * schemas are generated from them, and the test app checks every answer of the test suite
 * against that document. Objects are loose (a new field is not a break); every field listed
 * is one a client may rely on. Timestamps are ISO strings; metrics that can be NaN in the
 * database (a diverged loss) are null in JSON.
 */
const Timestamp = z.string().describe('ISO 8601 timestamp');
const Uuid = z.string().describe('UUID');
const Metric = z.number().nullable();
const Json = z.unknown();

export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z
        .string()
        .describe(
          'Stable error code: INVALID_SPEC, INVALID_REQUEST, NOT_FOUND, CONFLICT, UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, URI_TOO_LONG, DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE, UNAVAILABLE, INTERNAL',
        ),
      message: z.string(),
      issues: z
        .array(z.strictObject({ field: z.string().describe('Dotted path of the field ("variants.1.model.kind"); "" or "(body)" for the whole body'), reason: z.string() }))
        .optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every error: a stable code, a message, and each bad field with its reason.' });

export const TrialCounts = z.record(z.string(), z.int()).meta({ id: 'TrialCounts', description: 'Trials by state, and total.' });

export const Sweep = z
  .looseObject({
    id: Uuid,
    name: z.string(),
    description: z.string().nullable(),
    method: z.string(),
    status: z.enum(SWEEP_STATUS_VALUES),
    objective: z.string(),
    goal: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
    maxTrials: z.int().nullable(),
    maxConcurrentTrials: z.int().nullable(),
    maxFailedTrials: z.int().nullable(),
    maxDurationSeconds: z.int().nullable(),
    statusReason: z.string().nullable(),
    projectId: Uuid,
    trialCounts: TrialCounts,
  })
  .meta({ id: 'Sweep', description: 'A sweep: its state, budget and trial counts (the definition only with ?include=spec).' });

export const SweepSpecDocument = z.looseObject({ name: z.string() }).meta({ id: 'SweepDefinition', description: 'The sweep definition as validated, defaults filled in.' });

export const Trial = z
  .looseObject({
    id: Uuid,
    sweepId: Uuid,
    index: z.int(),
    name: z.string(),
    status: z.enum(TRIAL_STATUS_VALUES),
    model: Json,
    training: Json,
    params: Json.describe('The search parameters that chose it (null for explicit variants)'),
    parentId: Uuid.nullable(),
    pool: z.string(),
    backend: z.string().nullable(),
    workerId: z.string().nullable(),
    attempts: z.int(),
    bestValError: Metric,
    bestValLoss: Metric,
    bestEpoch: z.int().nullable(),
    testError: Metric,
    testLoss: Metric,
    epochsRun: z.int().nullable(),
    stopReason: z.string().nullable(),
    durationMs: z.int().nullable(),
    error: z.string().nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Trial', description: 'One trial: its variant, state and result.' });

const TrialWithWaiting = Trial.extend({ waitingReason: z.string().nullable().describe('Why a queued trial waits (no worker of its pool), else null') });

export const Epoch = z
  .looseObject({
    trialId: Uuid,
    epoch: z.int(),
    trainLoss: Metric,
    trainError: Metric.describe('null when a program trial does not report it'),
    valLoss: Metric,
    valError: Metric,
    durationMs: z.int(),
    samplesPerSec: Metric,
    createdAt: Timestamp,
  })
  .meta({ id: 'Epoch', description: 'The metrics of one trained epoch.' });

const Page = { total: z.int(), limit: z.int(), offset: z.int(), sort: z.string(), order: z.enum(['asc', 'desc']) };

export const SweepList = z.looseObject({ items: z.array(Sweep.extend({ bestValError: Metric })), ...Page });
export const TrialList = z.looseObject({ items: z.array(TrialWithWaiting), ...Page });
export const SweepCreated = Sweep.extend({ trialIds: z.array(Uuid).describe('The trials created now, in order') });
export const SweepWithSpec = Sweep.extend({ spec: SweepSpecDocument.optional() });
export const SweepChanged = Sweep.extend({ removedJobs: z.int().describe('Queued jobs withdrawn') });

export const DryRun = z
  .looseObject({
    dryRun: z.literal(true),
    method: z.string(),
    budget: z.looseObject({ maxTrials: z.int().nullable(), maxConcurrentTrials: z.int().nullable(), maxFailedTrials: z.int().nullable(), maxDurationSeconds: z.int().nullable() }),
    trials: z.int().nullable().describe('Trials the definition expands to; null when it depends on results'),
    proposals: z.array(z.looseObject({ order: z.int(), name: z.string(), model: Json, training: Json })),
  })
  .meta({ id: 'DryRun', description: 'What a definition expands to; nothing is created.' });

export const Best = z
  .looseObject({
    sweepId: Uuid,
    metric: z.string(),
    strategy: z.string(),
    value: Metric,
    epoch: z.int().nullable().optional().describe('The epoch the value belongs to'),
    trial: Trial.nullable(),
    variant: z.looseObject({ name: z.string(), model: Json, training: Json }).optional(),
    epochs: z.array(Epoch).optional().describe("The trial's learning curve"),
    reason: z.string().optional().describe('Why there is no best trial yet'),
  })
  .meta({ id: 'Best', description: 'The best trial by a metric, or null with the reason.' });

export const ModelSpacePath = z
  .looseObject({
    sweepId: Uuid,
    method: z.string(),
    metric: z.string(),
    nodes: z.array(z.looseObject({ id: Uuid, order: z.int(), name: z.string(), state: z.string(), metric: Metric, variant: Json })),
    edges: z.array(z.looseObject({ from: Uuid, to: Uuid, label: z.string(), changes: Json })),
    order: z.array(Uuid),
  })
  .meta({ id: 'ModelSpacePath', description: 'The path through model space: each trial and the one it was derived from.' });

export const EpochList = z.looseObject({ items: z.array(Epoch) });
export const TrialLog = z
  .looseObject({
    trialId: Uuid,
    text: z.string().describe("The program's newest output lines: stdout as is, stderr and modelspace's own notes marked [stderr] and [modelspace]"),
    droppedLines: z.int().describe('Older lines not kept (the log is bounded, PROGRAM_LOG_BYTES)'),
    final: z.boolean().describe('True once the attempt that wrote it has ended'),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'TrialLog', description: "A program trial's captured output." });
export const SweepEpochs = z.looseObject({ items: z.array(z.looseObject({ trialId: Uuid, epochs: z.array(Epoch) })) });
export const ResultsTable = z.looseObject({ columns: z.array(z.string()), rows: z.array(z.array(z.string())), trialIds: z.array(Uuid) });
export const TrialsExport = z.looseObject({ sweep: Sweep, trials: z.array(Trial.extend({ epochs: z.array(Epoch) })) });

export const Importance = z
  .looseObject({
    objective: z.string().describe('The metric the importance is for (the sweep objective)'),
    status: z
      .enum(['ok', 'too-few-trials', 'nothing-varies'])
      .describe('"too-few-trials": fewer completed trials than `minimum`, so no numbers (a forest over them would fit noise)'),
    method: z.literal('fanova').optional().describe("fANOVA over a random forest (as Optuna's default evaluator)"),
    trials: z.int().describe('Completed trials with a value of the objective'),
    used: z.int().optional().describe('Trials the forest was fitted to (a seeded sample of at most 500)'),
    minimum: z.int().optional().describe('Trials needed for an answer'),
    reason: z.string().optional().describe('Why there are no numbers'),
    trees: z.int().optional(),
    seed: z.int().optional(),
    parameters: z
      .array(
        z.looseObject({
          name: z.string().describe('Parameter path ("model.activation")'),
          label: z.string().describe('As the search names trials ("activation")'),
          importance: z.number().describe("Main-effect share normalised over the parameters (sums to 1); Optuna's number"),
          mainEffect: z.number().describe("Share of the objective's variance the parameter explains alone"),
          std: z.number().describe('Standard deviation of that share over the trees'),
        }),
      )
      .describe('Most important first'),
    interactions: z
      .array(
        z.looseObject({
          a: z.string(),
          b: z.string(),
          label: z.string(),
          share: z.number().describe("Share of the objective's variance the pair explains beyond their main effects"),
        }),
      )
      .describe('Pairs of parameters, largest joint effect first'),
  })
  .meta({ id: 'Importance', description: "Each parameter's importance for the sweep objective, or why there is none yet." });

export const Timeline = z
  .looseObject({
    sweepId: Uuid,
    now: Timestamp.describe("The server's time: an attempt still running ends here"),
    attempts: z
      .array(
        z.looseObject({
          trialId: Uuid,
          index: z.int(),
          name: z.string(),
          trialStatus: z.string(),
          attempt: z.int().describe("The trial's attempt number (1 for its first claim; above 1 it resumed from its checkpoint when it had one)"),
          workerId: z.string().nullable(),
          startedAt: Timestamp.describe('When the worker claimed the trial'),
          endedAt: Timestamp.nullable().describe('null while it runs'),
          outcome: z
            .string()
            .nullable()
            .describe('completed, pruned, failed, cancelled, retried (failed and tried again), handed back (its worker shut down), lost (its worker died); null while it runs'),
        }),
      )
      .describe('In the order they started'),
  })
  .meta({ id: 'Timeline', description: "Where a sweep's time went: one entry per trial attempt." });

export const WorkerList = z.looseObject({
  items: z.array(
    z.looseObject({
      id: z.string(),
      hostname: z.string(),
      address: z.string().nullable().optional().describe('The network address the worker reaches Redis from: its host (hostnames repeat across containers)'),
      pid: z.int(),
      pools: z.array(z.string()),
      programs: z
        .array(z.looseObject({ name: z.string(), pool: z.string() }))
        .optional()
        .describe('The programs it runs for program trials (WORKER_PROGRAMS)'),
      running: z.array(Json),
      samplesPerSec: z.number().nullable(),
    }),
  ),
});

export const Health = z.looseObject({ status: z.literal('ok') });
export const Readiness = z.looseObject({ status: z.enum(['ready', 'unavailable']), postgres: z.boolean(), redis: z.boolean() });
export const Identity = z.looseObject({ prefix: z.string().nullable(), projectId: Uuid, role: z.string() });
export const WhoAmI = Identity.extend({ auth: z.string(), project: z.string().nullable() });
export const LoggedOut = z.looseObject({ ok: z.literal(true) });

/**
 * The predict body, for the document: decodeImages (packages/artifacts) validates it against
 * the model's own shape and dtype, naming each bad image.
 */
const PredictImage = z.union([
  z.array(z.number()).describe('H*W*C numbers, row-major (height, width, channel): integers 0..255 for a uint8 dataset, finite numbers for a float32 one'),
  z.array(z.array(z.number())).describe('H rows of W numbers (one channel)'),
  z.array(z.array(z.array(z.number()))).describe('H rows of W pixels of C numbers'),
  z.string().describe('A base64 PNG of W x H (uint8 models of 1, 3 or 4 channels; a data: URL prefix is accepted)'),
]);
export const PredictBody = z.strictObject({ images: z.array(PredictImage).min(1).max(MAX_PREDICT_IMAGES) }).meta({
  id: 'PredictRequest',
  description:
    `1 to ${MAX_PREDICT_IMAGES} images of the shape the model trained on (H x W x C; MNIST: 28x28 grey, 784 integers 0..255). ` +
    'uint8 values are scaled by 1/255 and float32 values used as they are, as in training.',
});
export const Predictions = z
  .looseObject({
    trialId: Uuid,
    sha256: z.string(),
    predictions: z.array(
      z.looseObject({
        digit: z.int().min(0).max(255).describe('The predicted class, 0..classes-1 (a digit on MNIST)'),
        probabilities: z.array(z.number()).min(2).max(256).describe('One per class, in class order'),
      }),
    ),
  })
  .meta({ id: 'Predictions', description: "Each image's class probabilities (10 on MNIST) and predicted class." });

export const ModelJson = z.looseObject({}).describe('A TensorFlow.js model.json (topology and weights manifest)');
