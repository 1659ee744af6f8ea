import { Piscina } from 'piscina';
import type { ImportanceAnswer } from '@modelspace/core';
import type { ImportanceTask } from './importance-thread.ts';

/**
 * Importance fits in one worker thread, so a forest over 500 trials (seconds on a loaded
 * machine) does not stall every other request on the API's event loop. Requests for the same
 * key while a fit runs share it (the dashboard asks at every refresh). The thread starts on the
 * first fit and stops when idle.
 */
export class ImportancePool {
  private readonly pool = new Piscina<ImportanceTask, ImportanceAnswer>({
    filename: new URL('./importance-thread.ts', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 30_000,
  });
  private readonly running = new Map<string, Promise<ImportanceAnswer>>();

  fit(key: string, task: ImportanceTask): Promise<ImportanceAnswer> {
    const running = this.running.get(key);
    if (running) return running;
    const fit = this.pool.run(task).finally(() => this.running.delete(key));
    this.running.set(key, fit);
    return fit;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
