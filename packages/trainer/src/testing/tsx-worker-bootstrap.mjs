// Entry for a worker_threads Worker that must run TypeScript: registers tsx's loader hooks in
// the thread, then loads the real entry, whose URL arrives as workerData.entry. Node 20 needed
// it (tsx's hooks stayed on the main thread: "Unknown file extension .ts" in a worker); on 24
// and 26 a worker inherits them, so this is now only a harmless second registration.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
