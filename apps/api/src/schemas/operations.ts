import { z } from 'zod';
import * as R from './responses.ts';
import * as D from './datasets.ts';

/**
 * What each operation answers when it succeeds, its operationId, and the errors only it can
 * give (409, a public route's 401): the OpenAPI document's responses are built from this
 * and from each route's access class and schemas (plugins/openapi.ts adds the errors every
 * route of its kind can give). Keyed by "METHOD /url" as the route is registered; a route
 * missing here fails the document test.
 */
export interface Success {
  status: 200 | 201 | 204;
  description: string;
  /** Media type → body schema (a string for text and binary bodies); none for 204. */
  content?: Record<string, z.ZodType>;
}

export interface OperationDoc {
  operationId: string;
  success: Success[];
  /** When the operation answers 409 CONFLICT. */
  conflict?: string;
  /** Errors beyond those of its kind of route: a public route's 401, the login's 429. */
  errors?: number[];
  /** Other answers with their own bodies (the readiness probe's 503). */
  other?: Record<number, Success | { description: string; content: Record<string, z.ZodType> }>;
  /** A body the handler validates itself (the predict images), for the document only. */
  body?: z.ZodType;
  /** Request media types beyond JSON. */
  consumes?: string[];
  /** The body is only of the `consumes` types, never JSON (an upload). */
  notJson?: boolean;
  /** No Postgres or Redis behind it: never a 503. */
  noStorage?: boolean;
}

const json = (schema: z.ZodType, description: string, status: 200 | 201 = 200): Success => ({ status, description, content: { 'application/json': schema } });
const text = (mediaType: string, description: string, schema: z.ZodType = z.string()): Success => ({ status: 200, description, content: { [mediaType]: schema } });
const binary = (mediaType: string, description: string) => text(mediaType, description, z.string().meta({ format: 'binary' }));

const LOG_SSE = z.string().describe('text/event-stream: `retry:`, then frames `event: log` with `data: {"trialId", "lines": [...]}`, and a last `event: end`');
const SSE = z.string().describe("text/event-stream: `retry:`, then frames `id: <stream id>`, `event: trial|epoch|sweep`, `data: <JSON>`; ends after the sweep's final event");
const LIFECYCLE_CONFLICT = 'the sweep is not in a state this change applies to';

export const OPERATIONS: Record<string, OperationDoc> = {
  'POST /datasets': {
    operationId: 'uploadDataset',
    success: [json(D.Dataset, 'The dataset was stored (Location: /datasets/{id})', 201)],
    conflict: 'a dataset of this name exists in the project',
    body: D.DatasetUploadBody,
    consumes: ['multipart/form-data'],
    notJson: true,
  },
  'GET /datasets': { operationId: 'listDatasets', success: [json(D.DatasetList, "The project's uploaded datasets, newest first")] },
  'GET /datasets/:id': { operationId: 'getDataset', success: [json(D.Dataset, 'One dataset, by id or name')] },
  'DELETE /datasets/:id': {
    operationId: 'deleteDataset',
    success: [json(D.DatasetDeleted, 'The dataset and (when no other names it) its stored blob are gone')],
    conflict: 'a sweep names the dataset',
  },
  'GET /health': { operationId: 'getHealth', success: [json(R.Health, 'The process is up')], noStorage: true },
  'GET /ready': {
    operationId: 'getReadiness',
    success: [json(R.Readiness, 'Postgres and Redis answer')],
    other: { 503: { description: 'Postgres or Redis does not answer (with Retry-After)', content: { 'application/json': R.Readiness } } },
  },
  'POST /auth/login': { operationId: 'login', success: [json(R.Identity, 'The dashboard cookie is set')], errors: [401, 429] },
  'POST /auth/logout': { operationId: 'logout', success: [json(R.LoggedOut, 'The dashboard cookie is cleared')], noStorage: true },
  'GET /auth/whoami': { operationId: 'whoAmI', success: [json(R.WhoAmI, 'The key this request presents')] },
  'POST /sweeps': {
    operationId: 'createSweep',
    success: [
      json(R.SweepCreated, 'The sweep was created and its first trials queued (Location: /sweeps/{id})', 201),
      json(R.DryRun, 'A dry run (?dryRun=true): what the definition expands to; nothing is created'),
    ],
    consumes: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'],
  },
  'GET /sweeps': { operationId: 'listSweeps', success: [json(R.SweepList, 'A page of sweeps')] },
  'GET /sweeps/:id': { operationId: 'getSweep', success: [json(R.SweepWithSpec, 'The sweep (with its definition for ?include=spec)')] },
  'GET /sweeps/:id/spec': { operationId: 'getSweepSpec', success: [json(R.SweepSpecDocument, 'The sweep definition')] },
  'PATCH /sweeps/:id': { operationId: 'updateSweep', success: [json(R.Sweep, 'The sweep after the change')], conflict: 'the sweep was cancelled' },
  'POST /sweeps/:id/pause': { operationId: 'pauseSweep', success: [json(R.Sweep, 'The paused sweep')], conflict: LIFECYCLE_CONFLICT },
  'POST /sweeps/:id/resume': { operationId: 'resumeSweep', success: [json(R.Sweep, 'The resumed sweep')], conflict: LIFECYCLE_CONFLICT },
  'POST /sweeps/:id/stop': { operationId: 'stopSweep', success: [json(R.SweepChanged, 'The stopping or stopped sweep')], conflict: LIFECYCLE_CONFLICT },
  'POST /sweeps/:id/cancel': { operationId: 'cancelSweep', success: [json(R.SweepChanged, 'The cancelled sweep')], conflict: 'the sweep has already ended' },
  'GET /sweeps/:id/path': { operationId: 'getSweepPath', success: [json(R.ModelSpacePath, 'The path through model space')] },
  'GET /sweeps/:id/trials': { operationId: 'listSweepTrials', success: [json(R.TrialList, 'A page of trials')] },
  'GET /sweeps/:id/best': { operationId: 'getBestTrial', success: [json(R.Best, 'The best trial, or null with the reason')] },
  'GET /sweeps/:id/events': {
    operationId: 'streamSweepEvents',
    success: [
      text('text/event-stream', 'The live events (history first, unless resuming)', SSE),
      { status: 204, description: 'The watcher has seen the final event: an EventSource stops reconnecting' },
    ],
  },
  'GET /sweeps/:id/trials.csv': { operationId: 'exportTrialsCsv', success: [text('text/csv', 'The results table as CSV (RFC 4180)')] },
  'GET /sweeps/:id/trials.json': { operationId: 'exportTrialsJson', success: [json(R.TrialsExport, 'Every trial with its learning curve')] },
  'GET /sweeps/:id/table.md': { operationId: 'getResultsMarkdown', success: [text('text/markdown', 'The results table in Markdown')] },
  'GET /sweeps/:id/table': { operationId: 'getResultsTable', success: [json(R.ResultsTable, 'The results table as columns and rows')] },
  'GET /sweeps/:id/importance': { operationId: 'getSweepImportance', success: [json(R.Importance, "Each parameter's importance, or why there is none yet")] },
  'GET /sweeps/:id/timeline': { operationId: 'getSweepTimeline', success: [json(R.Timeline, "Every attempt of the sweep's trials")] },
  'GET /sweeps/:id/epochs': { operationId: 'listSweepEpochs', success: [json(R.SweepEpochs, 'Every epoch of every trial, by trial')] },
  'GET /trials/:id': { operationId: 'getTrial', success: [json(R.Trial.extend({ waitingReason: z.string().nullable() }), 'The trial')] },
  'GET /trials/:id/epochs': { operationId: 'listTrialEpochs', success: [json(R.EpochList, "The trial's epochs")] },
  'GET /trials/:id/logs': { operationId: 'getTrialLogs', success: [json(R.TrialLog, "The program's captured output (empty for a built-in trial)")] },
  'GET /trials/:id/logs/events': {
    operationId: 'streamTrialLogs',
    success: [text('text/event-stream', 'New output lines as they are saved, then an end event once the trial has ended', LOG_SSE)],
  },
  'GET /workers': { operationId: 'listWorkers', success: [json(R.WorkerList, 'Live workers and what they train')] },
  'GET /trials/:id/model': { operationId: 'downloadTrialModel', success: [binary('application/x-tar', 'The model archive')] },
  'GET /trials/:id/model/model.json': { operationId: 'getTrialModelJson', success: [json(R.ModelJson, 'model.json')] },
  'GET /trials/:id/model/weights.bin': { operationId: 'getTrialModelWeights', success: [binary('application/octet-stream', 'weights.bin')] },
  'GET /sweeps/:id/best/model': { operationId: 'downloadBestModel', success: [binary('application/x-tar', "The best trial's model archive")] },
  'POST /trials/:id/predict': {
    operationId: 'predictWithTrial',
    success: [json(R.Predictions, 'The predictions')],
    body: R.PredictBody,
    conflict:
      "the trial's model is a file its program saved, which modelspace does not run, or its uploaded dataset is no longer recorded (an older model whose pixel scale is unknown)",
  },
  'POST /sweeps/:id/best/predict': {
    operationId: 'predictWithBest',
    success: [json(R.Predictions, 'The predictions')],
    body: R.PredictBody,
    conflict:
      "the best trial's model is a file its program saved, which modelspace does not run, or its uploaded dataset is no longer recorded (an older model whose pixel scale is unknown)",
  },
  'GET /metrics': { operationId: 'getMetrics', success: [text('text/plain', 'Prometheus text exposition format 0.0.4')] },
};
