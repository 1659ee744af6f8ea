// Entry of every training thread. On Node 20, tsx installs its TypeScript hooks on the
// main thread only (a thread started with execArgv ['--import', 'tsx'] cannot load .ts),
// so register them here, then import the real entry named in workerData.entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
