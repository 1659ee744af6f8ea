export { buildApp, type BuildOptions } from './app.ts';
export { DEFAULT_LIMITS, type RequestLimits } from './plugins/limits.ts';
export { KEY_COOKIE, type AuthMode, type RouteAccess } from './plugins/auth.ts';
export { startApi, type RunningApi } from './server.ts';
export { loadApiConfig, checkApiConfig, ApiEnv, type ApiConfig } from './config.ts';
export type { ApiDeps } from './deps.ts';
