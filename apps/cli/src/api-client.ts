import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createModelspaceClient, type ApiErrorBody } from '@modelspace/client';
import { followSweepStream } from './sse-client.ts';
import { followTrialLog } from './logs.ts';

/** A non-2xx answer of the API (or no answer at all: status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { field: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface TrialView {
  id: string;
  index: number;
  name: string;
  status: string;
  model: import('@modelspace/core').ModelSpec;
  training: import('@modelspace/core').TrainingSettings;
  backend: string | null;
  bestValError: number | null;
  bestEpoch: number | null;
  testError: number | null;
  epochsRun: number | null;
  stopReason: string | null;
  durationMs: number | null;
  error: string | null;
}

export interface SweepView {
  id: string;
  name: string;
  status: string;
  method?: string;
  objective: string;
  createdAt?: string;
  bestValError?: number | null;
  /** The budget's cap on trials (null: none); a search creates its trials as it goes. */
  maxTrials?: number | null;
  trialCounts: Record<string, number>;
}

export type EpochView = import('@modelspace/core').EpochMetrics;

export interface BestView {
  metric: string;
  strategy?: string;
  value: number | null;
  epoch?: number | null;
  trial: TrialView | null;
  epochs?: EpochView[];
  reason?: string;
}

export interface ListOptions {
  limit?: number | string;
  offset?: number | string;
  status?: string;
  sort?: string;
  order?: string;
}

export const LIFECYCLE_ACTIONS = ['pause', 'resume', 'stop', 'cancel'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** fetch() hides the socket error in `cause`: that is the useful part ("connect ECONNREFUSED ..."). */
export function reason(err: unknown): string {
  const cause = (err as Error).cause as Error | undefined;
  return cause?.message ?? (err as Error).message;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * The CLI's calls, made through @modelspace/client (typed from the API's OpenAPI document):
 * every non-2xx answer becomes an ApiError with the API's code, message and issues.
 */
export function createClient(baseUrl: string, opts: { apiKey?: string } = {}) {
  const base = baseUrl.replace(/\/$/, '');
  // The key travels as a bearer token, for an API (or a proxy in front of it) that asks for one.
  const auth: Record<string, string> = opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {};
  const api = createModelspaceClient(base, { apiKey: opts.apiKey });

  async function unwrap<T>(call: Promise<Answer<T>>): Promise<NonNullable<T>> {
    let answer: Answer<T>;
    try {
      answer = await call;
    } catch (err) {
      throw new ApiError(0, 'UNREACHABLE', `cannot reach the API at ${base}: ${reason(err)}`);
    }
    const { response } = answer;
    if (!response.ok) {
      const body = answer.error as Partial<ApiErrorBody> | undefined;
      const e = typeof body === 'object' && body?.error ? body.error : { code: `HTTP_${response.status}`, message: `${response.status} ${response.statusText}` };
      throw new ApiError(response.status, e.code, e.message, 'issues' in e ? e.issues : undefined);
    }
    return answer.data as NonNullable<T>;
  }
  const path = (id: string) => ({ path: { id } });
  // Options from the command line go as given: the API validates them (a 400 names the field).
  const asQuery = (o: object) => o as never;
  const lifecycleCalls = {
    pause: (id: string) => api.POST('/sweeps/{id}/pause', { params: path(id) }),
    resume: (id: string) => api.POST('/sweeps/{id}/resume', { params: path(id) }),
    stop: (id: string) => api.POST('/sweeps/{id}/stop', { params: path(id) }),
    cancel: (id: string) => api.POST('/sweeps/{id}/cancel', { params: path(id) }),
  } satisfies Record<LifecycleAction, unknown>;

  return {
    baseUrl: base,
    submitText: async (text: string, type: string, o: { dryRun?: boolean } = {}) =>
      (await unwrap(
        api.POST('/sweeps', {
          params: { query: o.dryRun ? { dryRun: 'true' } : {} },
          // The definition goes as written (YAML or JSON): the API validates it.
          body: text as never,
          bodySerializer: (b: unknown) => b as string,
          headers: { 'content-type': type },
        }),
      )) as SweepView & { trialIds: string[] },
    async submitFile(file: string, o: { dryRun?: boolean } = {}) {
      let content: string;
      try {
        content = await readFile(file, 'utf8');
      } catch (err) {
        throw new ApiError(0, 'FILE', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const type = extname(file).toLowerCase() === '.json' ? 'application/json' : 'application/yaml';
      return this.submitText(content, type, o);
    },
    sweeps: (o: ListOptions = {}) => unwrap(api.GET('/sweeps', { params: { query: asQuery(dropEmpty(o)) } })),
    sweep: (id: string) => unwrap(api.GET('/sweeps/{id}', { params: path(id) })),
    trials: async (id: string, o: ListOptions = {}) =>
      (await unwrap(api.GET('/sweeps/{id}/trials', { params: { ...path(id), query: asQuery({ limit: 10_000, ...dropEmpty(o) }) } }))).items as unknown as TrialView[],
    epochs: async (trialId: string) => (await unwrap(api.GET('/trials/{id}/epochs', { params: path(trialId) }))).items,
    trialLog: (trialId: string) => unwrap(api.GET('/trials/{id}/logs', { params: path(trialId) })),
    followLog: (trialId: string, print: (line: string) => void) => followTrialLog(base, trialId, { headers: auth, print }),
    best: async (id: string, o: { metric?: string; strategy?: string } = {}) =>
      (await unwrap(api.GET('/sweeps/{id}/best', { params: { ...path(id), query: asQuery(dropEmpty(o)) } }))) as unknown as BestView,
    importance: (id: string, o: { seed?: string } = {}) => unwrap(api.GET('/sweeps/{id}/importance', { params: { ...path(id), query: asQuery(dropEmpty(o)) } })),
    timeline: (id: string) => unwrap(api.GET('/sweeps/{id}/timeline', { params: path(id) })),
    tableMarkdown: (id: string) => unwrap(api.GET('/sweeps/{id}/table.md', { params: path(id), parseAs: 'text' })),
    trialsCsv: (id: string) => unwrap(api.GET('/sweeps/{id}/trials.csv', { params: path(id), parseAs: 'text' })),
    trialsJson: (id: string) => unwrap(api.GET('/sweeps/{id}/trials.json', { params: path(id), parseAs: 'text' })) as Promise<string>,
    lifecycle: (id: string, action: LifecycleAction) =>
      unwrap<SweepView & { removedJobs?: number }>(lifecycleCalls[action](id) as Promise<Answer<SweepView & { removedJobs?: number }>>),
    cancel: (id: string) => unwrap(lifecycleCalls.cancel(id)),
    events: (id: string, o: { lastEventId?: string; signal?: AbortSignal } = {}) => followSweepStream(base, id, { ...o, headers: auth }),
  };
}

function dropEmpty(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}
export type ApiClient = ReturnType<typeof createClient>;
