export { buildApp } from './app.ts';
export { startApi, type RunningApi } from './server.ts';
export { loadApiConfig, ApiEnv, type ApiConfig } from './config.ts';
export type { ApiDeps } from './deps.ts';
