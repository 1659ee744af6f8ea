// Entry point of a training thread: trains one trial off the worker's event loop, so
// BullMQ keeps renewing the job lock however long an epoch takes.
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend, trainTrial, TrainingStoppedError } from '@modelspace/trainer';
import type { TrainingThreadInput, TrainingThreadMessage } from './training-protocol.ts';

const input = workerData as TrainingThreadInput;
const send = (m: TrainingThreadMessage) => parentPort!.postMessage(m);

/**
 * Returns once the worker has handled epoch `epoch`, or once it asks the training to stop.
 * Blocking is fine: this thread has nothing else to do, and both signals are shared memory.
 */
function handled(epoch: number): void {
  const { epochAck, stopFlag } = input;
  for (;;) {
    const seen = Atomics.load(epochAck, 0);
    if (seen >= epoch || Atomics.load(stopFlag, 0) === 1) return;
    // Woken by the worker's acknowledgement (or its stop); the timeout is only a safety net.
    Atomics.wait(epochAck, 0, seen, 1000);
  }
}

try {
  send({ type: 'backend', info: await initBackend({ prefer: input.backend }) });
  const { artifact, ...result } = await trainTrial({
    artifact: true,
    model: input.model,
    training: input.training,
    data: input.data,
    onEpoch: (report) => {
      send({ type: 'epoch', report });
      handled(report.epoch);
    },
    shouldStop: () => Atomics.load(input.stopFlag, 0) === 1,
  });
  const done: TrainingThreadMessage = { type: 'done', result, artifact };
  parentPort!.postMessage(done, artifact ? [artifact.weightData] : []);
} catch (err) {
  if (err instanceof TrainingStoppedError) send({ type: 'stopped' });
  else send({ type: 'error', message: (err as Error).message ?? String(err), stack: (err as Error).stack });
}
