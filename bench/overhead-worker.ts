// A worker process with the trivial trainer, for bench/overhead.ts (same env as `npm run worker`).
import { pino } from 'pino';
import { onShutdownSignal } from '@modelspace/config';
import { loadWorkerConfig, startWorker } from '@modelspace/worker';
import { trivialTrainer } from './trivial-trainer.ts';

const config = loadWorkerConfig();
const log = pino({ level: config.LOG_LEVEL });
const worker = await startWorker(config, log, { train: trivialTrainer });
onShutdownSignal(log, (opts) => worker.close(opts));
