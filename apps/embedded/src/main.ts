// `npm start`: the API and a worker together in one process.
import { pino } from 'pino';
import { configOrExit, onShutdownSignal, LOG_REDACT_PATHS } from '@modelspace/config';
import { loadEmbeddedConfig, startEmbedded } from './index.ts';

const config = configOrExit(loadEmbeddedConfig);
const log = pino({ level: config.LOG_LEVEL, redact: LOG_REDACT_PATHS });
const running = await startEmbedded(config, log);
onShutdownSignal(log, (opts) => running.close(opts));
