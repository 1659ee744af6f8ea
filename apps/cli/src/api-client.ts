import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

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
  objective: string;
  trialCounts: Record<string, number>;
}

export interface EpochView {
  epoch: number;
  trainLoss: number;
  trainError: number;
  valLoss: number;
  valError: number;
  durationMs: number;
  samplesPerSec: number;
}

export interface BestView {
  metric: string;
  value: number | null;
  trial: TrialView | null;
  reason?: string;
}

export function createClient(baseUrl: string) {
  const base = baseUrl.replace(/\/$/, '');
  async function call<T>(method: string, path: string, body?: { text: string; type: string }): Promise<T> {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: body ? { 'content-type': body.type } : {},
        body: body?.text,
      });
    } catch (err) {
      throw new ApiError(0, 'UNREACHABLE', `cannot reach the API at ${base}: ${(err as Error).cause ?? (err as Error).message}`);
    }
    const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; issues?: [] } };
    if (!res.ok) {
      const e = json.error ?? { code: `HTTP_${res.status}`, message: res.statusText };
      throw new ApiError(res.status, e.code, e.message, e.issues);
    }
    return json as T;
  }
  return {
    submitText: (text: string, type: string) => call<SweepView & { trialIds: string[] }>('POST', '/sweeps', { text, type }),
    async submitFile(file: string) {
      const text = await readFile(file, 'utf8');
      const type = extname(file).toLowerCase() === '.json' ? 'application/json' : 'application/yaml';
      return this.submitText(text, type);
    },
    sweep: (id: string) => call<SweepView>('GET', `/sweeps/${id}`),
    trials: (id: string) => call<{ items: TrialView[] }>('GET', `/sweeps/${id}/trials`).then((r) => r.items),
    epochs: (trialId: string) => call<{ items: EpochView[] }>('GET', `/trials/${trialId}/epochs`).then((r) => r.items),
    best: (id: string, metric?: string) =>
      call<BestView>('GET', `/sweeps/${id}/best${metric ? `?metric=${encodeURIComponent(metric)}` : ''}`),
    cancel: (id: string) => call<SweepView>('POST', `/sweeps/${id}/cancel`),
  };
}
export type ApiClient = ReturnType<typeof createClient>;
