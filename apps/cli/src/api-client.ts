import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { followSweepStream } from './sse-client.ts';

/** A thin typed client of the REST API; every non-2xx answer becomes an ApiError. */
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

function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function createClient(baseUrl: string, opts: { apiKey?: string } = {}) {
  const base = baseUrl.replace(/\/$/, '');
  // The key travels as a bearer token, for an API (or a proxy in front of it) that asks for one.
  const auth: Record<string, string> = opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {};

  async function send(method: string, path: string, body?: { text: string; type: string }): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: { ...auth, ...(body ? { 'content-type': body.type } : {}) },
        body: body?.text,
      });
    } catch (err) {
      throw new ApiError(0, 'UNREACHABLE', `cannot reach the API at ${base}: ${reason(err)}`);
    }
    if (!res.ok) {
      const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; issues?: [] } };
      const e = json.error ?? { code: `HTTP_${res.status}`, message: `${res.status} ${res.statusText}` };
      throw new ApiError(res.status, e.code, e.message, e.issues);
    }
    return res;
  }
  const call = async <T>(method: string, path: string, body?: { text: string; type: string }): Promise<T> =>
    (await send(method, path, body)).json() as Promise<T>;
  const text = async (path: string): Promise<string> => (await send('GET', path)).text();

  return {
    baseUrl: base,
    submitText: (text: string, type: string, o: { dryRun?: boolean } = {}) =>
      call<SweepView & { trialIds: string[] }>('POST', `/sweeps${o.dryRun ? '?dryRun=true' : ''}`, { text, type }),
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
    sweeps: (o: ListOptions = {}) =>
      call<{ items: SweepView[]; total: number }>('GET', `/sweeps${query({ ...o })}`),
    sweep: (id: string) => call<SweepView>('GET', `/sweeps/${encodeURIComponent(id)}`),
    trials: (id: string, o: ListOptions = {}) =>
      call<{ items: TrialView[] }>('GET', `/sweeps/${encodeURIComponent(id)}/trials${query({ limit: 10_000, ...o })}`).then((r) => r.items),
    epochs: (trialId: string) => call<{ items: EpochView[] }>('GET', `/trials/${encodeURIComponent(trialId)}/epochs`).then((r) => r.items),
    best: (id: string, o: { metric?: string; strategy?: string } = {}) =>
      call<BestView>('GET', `/sweeps/${encodeURIComponent(id)}/best${query(o)}`),
    tableMarkdown: (id: string) => text(`/sweeps/${encodeURIComponent(id)}/table.md`),
    trialsCsv: (id: string) => text(`/sweeps/${encodeURIComponent(id)}/trials.csv`),
    trialsJson: (id: string) => text(`/sweeps/${encodeURIComponent(id)}/trials.json`),
    lifecycle: (id: string, action: LifecycleAction) =>
      call<SweepView & { removedJobs?: number }>('POST', `/sweeps/${encodeURIComponent(id)}/${action}`),
    cancel: (id: string) => call<SweepView>('POST', `/sweeps/${encodeURIComponent(id)}/cancel`),
    events: (id: string, o: { lastEventId?: string; signal?: AbortSignal } = {}) =>
      followSweepStream(base, id, { ...o, headers: auth }),
  };
}
export type ApiClient = ReturnType<typeof createClient>;
