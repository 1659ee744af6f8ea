import createFetchClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema.ts';

/**
 * The typed client of the modelspace API: request and response types generated from its
 * OpenAPI document (schema.ts, by scripts/generate-client.ts), calls made by openapi-fetch.
 *
 *   const api = createModelspaceClient('http://127.0.0.1:3000', { apiKey });
 *   const { data, error } = await api.GET('/sweeps/{id}', { params: { path: { id } } });
 */
export type { components, operations, paths };
export type ModelspaceClient = Client<paths>;

/** Every error the API answers: a stable code, a message, and each bad field with its reason. */
export type ApiErrorBody = components['schemas']['Error'];
export type Sweep = components['schemas']['Sweep'];
export type Trial = components['schemas']['Trial'];
export type Epoch = components['schemas']['Epoch'];
export type Best = components['schemas']['Best'];

export interface ClientOptions {
  /** An API key (ms_…), sent as a bearer token. */
  apiKey?: string;
  /** A fetch of your own (a proxy agent, a test double); the global one by default. */
  fetch?: typeof fetch;
}

export function createModelspaceClient(baseUrl: string, opts: ClientOptions = {}): ModelspaceClient {
  return createFetchClient<paths>({
    baseUrl: baseUrl.replace(/\/$/, ''),
    headers: opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {},
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
}
