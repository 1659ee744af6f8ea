// `npm run worker`: one worker process pulling trial jobs.
import { pino } from 'pino';
import { configOrExit, onShutdownSignal, LOG_REDACT_PATHS } from '@modelspace/config';
import { loadWorkerConfig } from './config.ts';
import { startWorker } from './worker.ts';

const config = configOrExit(loadWorkerConfig);
const log = pino({ level: config.LOG_LEVEL, redact: LOG_REDACT_PATHS });
const worker = await startWorker(config, log);

onShutdownSignal(log, (opts) => worker.close(opts));
