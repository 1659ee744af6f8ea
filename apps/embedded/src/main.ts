// `npm start`: the API and a worker together in one process.
import { pino } from 'pino';
import { onShutdownSignal } from '@modelspace/config';
import { loadEmbeddedConfig, startEmbedded } from './index.ts';

const config = (() => {
  try {
    return loadEmbeddedConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
})();
const log = pino({ level: config.LOG_LEVEL });
const running = await startEmbedded(config, log);
onShutdownSignal(log, (opts) => running.close(opts));
