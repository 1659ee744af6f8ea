// `npm run api`: the REST API alone.
import { pino } from 'pino';
import { loadApiConfig } from './config.ts';
import { startApi } from './server.ts';
import { onShutdownSignal } from '@modelspace/config';

const config = (() => {
  try {
    return loadApiConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
})();
const log = pino({ level: config.LOG_LEVEL });
const api = await startApi(config, log);
onShutdownSignal(log, () => api.close());
