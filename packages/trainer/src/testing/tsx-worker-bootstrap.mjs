// Entry for a worker_threads Worker that must run TypeScript. On Node 20, tsx (4.x) registers
// its loader hooks on the main thread only — `execArgv: ['--import', 'tsx']` leaves a worker
// unable to load .ts ("Unknown file extension .ts") — so register them here, then load the
// real entry, whose URL arrives as workerData.entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
