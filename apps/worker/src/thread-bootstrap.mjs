// Entry of every training thread: registers tsx's TypeScript hooks in the thread, then
// imports the real entry named in workerData.entry. Node 20 needed it (its threads did not
// get the main thread's hooks); on 24 and 26 they do, so this is now only a harmless second
// registration.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
