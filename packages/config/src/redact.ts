/**
 * What pino must never write (docs/security.md): API keys in the Authorization header or
 * the dashboard's cookie, and the connection URLs, whose passwords are secrets. Passed as
 * `redact` to every process's logger.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'apiKey',
  'key',
  'DATABASE_URL',
  'REDIS_URL',
  '*.DATABASE_URL',
  '*.REDIS_URL',
  'config.DATABASE_URL',
  'config.REDIS_URL',
];
