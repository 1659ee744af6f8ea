import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { openSweepIds, type Db } from '@modelspace/db';
import { createControlQueue, enqueueScheduleCoalesced, type QueueNames } from '@modelspace/queue';

/**
 * After Redis comes back, a scheduling step for every open sweep. A Redis that restarted
 * without persistence, or a failover to a replica that missed the last writes, has lost
 * jobs: a queued trial without a job would wait for ever. The step is the one that runs
 * when a trial ends; it gives every queued trial a job again (jobId = trial id, so a job
 * that survived is not doubled). Every worker does this; the steps are coalesced per sweep.
 */
export function scheduleOpenSweepsOnReconnect(connection: Redis, deps: { db: Db; names: QueueNames; log: Logger }): () => Promise<void> {
  const queue = createControlQueue(connection, deps.names);
  let lost = false;
  const onClose = () => (lost = true);
  const onReady = () => {
    if (!lost) return;
    lost = false;
    void (async () => {
      const open = await openSweepIds(deps.db);
      for (const id of open) await enqueueScheduleCoalesced(queue, connection, deps.names, { sweepId: id, trigger: 'Redis reconnected' });
      deps.log.info({ sweeps: open.length }, 'Redis is back: a scheduling step for each open sweep re-enqueues any lost job');
    })().catch((err) => deps.log.warn({ err: (err as Error).message }, 'could not schedule the open sweeps after Redis came back'));
  };
  connection.on('close', onClose);
  connection.on('ready', onReady);
  return async () => {
    connection.off('close', onClose);
    connection.off('ready', onReady);
    await queue.close();
  };
}
