// `npm run api`: the REST API alone.
import { pino } from 'pino';
import { loadApiConfig } from './config.ts';
import { startApi } from './server.ts';
import { configOrExit, onShutdownSignal, LOG_REDACT_PATHS } from '@modelspace/config';

const config = configOrExit(loadApiConfig);
const log = pino({ level: config.LOG_LEVEL, redact: LOG_REDACT_PATHS });
const api = await startApi(config, log);
onShutdownSignal(log, () => api.close());
