import type { Logger } from 'pino';
import { ApiEnv, checkApiConfig, startApi, type ApiConfig } from '@modelspace/api';
import { programsOf, startWorker, WorkerEnv, type WorkerConfig } from '@modelspace/worker';
import { parseEnv } from '@modelspace/config';

/** The API and a worker in one process: the default way to run modelspace on one machine. */
export const EmbeddedEnv = ApiEnv.extend(WorkerEnv.shape);
export type EmbeddedConfig = ApiConfig & WorkerConfig;

/**
 * One machine, one user: no API keys unless API_AUTH=required is set, and then the API
 * listens on 127.0.0.1 only (checkApiConfig refuses another HOST).
 */
export function loadEmbeddedConfig(env: NodeJS.ProcessEnv = process.env): EmbeddedConfig {
  const config = checkApiConfig(parseEnv(EmbeddedEnv, { API_AUTH: 'off', ...env }));
  return { ...config, programs: programsOf(config.WORKER_PROGRAMS, env) };
}

export interface RunningEmbedded {
  url: string;
  close(opts?: { force?: boolean }): Promise<void>;
}

export async function startEmbedded(config: EmbeddedConfig, log: Logger): Promise<RunningEmbedded> {
  const worker = await startWorker(config, log.child({ process: 'worker' }));
  const api = await startApi(config, log.child({ process: 'api' }));
  return {
    url: api.url,
    async close(opts) {
      await api.close();
      await worker.close(opts);
    },
  };
}
