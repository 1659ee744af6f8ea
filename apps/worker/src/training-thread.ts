// Entry point of a training thread: trains one trial off the worker's event loop, so
// BullMQ keeps renewing the job lock however long an epoch takes.
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend, trainTrial, TrainingStoppedError } from '@modelspace/trainer';
import type { TrainingThreadInput, TrainingThreadMessage } from './training-protocol.ts';

const input = workerData as TrainingThreadInput;
const send = (m: TrainingThreadMessage) => parentPort!.postMessage(m);

try {
  send({ type: 'backend', info: await initBackend({ prefer: input.backend }) });
  const result = await trainTrial({
    model: input.model,
    training: input.training,
    data: input.data,
    onEpoch: (report) => send({ type: 'epoch', report }),
    shouldStop: () => Atomics.load(input.stopFlag, 0) === 1,
  });
  send({ type: 'done', result });
} catch (err) {
  if (err instanceof TrainingStoppedError) send({ type: 'stopped' });
  else send({ type: 'error', message: (err as Error).message ?? String(err), stack: (err as Error).stack });
}
