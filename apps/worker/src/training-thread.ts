// Entry point of a training thread: trains one trial at a time, off the worker's event
// loop, so BullMQ keeps renewing job locks however long an epoch takes. The thread lives
// across trials: TensorFlow.js and its backend start once per thread, not once per trial.
import { parentPort, workerData } from 'node:worker_threads';
import { decodeCheckpoint, encodeCheckpoint, initBackend, trainTrial, TrainingStoppedError } from '@modelspace/trainer';
import type { TrainingJob, TrainingThreadInit, TrainingThreadMessage } from './training-protocol.ts';

const init = workerData as TrainingThreadInit;
const send = (m: TrainingThreadMessage) => parentPort!.postMessage(m);
const backend = initBackend({ prefer: init.backend });
// Tells the pool the thread is warm; a backend that fails to start fails the first job instead.
backend.then(
  (info) => send({ type: 'ready', info }),
  () => send({ type: 'ready', info: null }),
);

/**
 * Returns once the worker has handled epoch `epoch`, or once it asks the training to stop.
 * Blocking is fine: this thread has nothing else to do, and both signals are shared memory.
 */
function handled(job: TrainingJob, epoch: number): void {
  for (;;) {
    const seen = Atomics.load(job.epochAck, 0);
    if (seen >= epoch || Atomics.load(job.stopFlag, 0) === 1) return;
    // Woken by the worker's acknowledgement (or its stop); the timeout is only a safety net.
    Atomics.wait(job.epochAck, 0, seen, 1000);
  }
}

async function train(job: TrainingJob): Promise<void> {
  try {
    send({ type: 'backend', info: await backend });
    const { artifact, ...result } = await trainTrial({
      artifact: true,
      model: job.model,
      training: job.training,
      data: job.data ?? init.data,
      resume: job.resume ? decodeCheckpoint(job.resume) : undefined,
      onEpoch: (report, checkpoint) => {
        // Encoded here, off the worker's event loop; the buffer moves, it is not copied.
        const bytes = encodeCheckpoint(checkpoint());
        const message: TrainingThreadMessage = { type: 'epoch', report, checkpoint: bytes };
        parentPort!.postMessage(message, [bytes.buffer as ArrayBuffer]);
        handled(job, report.epoch);
      },
      shouldStop: () => Atomics.load(job.stopFlag, 0) === 1,
    });
    const done: TrainingThreadMessage = { type: 'done', result, artifact };
    parentPort!.postMessage(done, artifact ? [artifact.weightData] : []);
  } catch (err) {
    if (err instanceof TrainingStoppedError) send({ type: 'stopped' });
    else send({ type: 'error', message: (err as Error).message ?? String(err), stack: (err as Error).stack });
  }
}

// The pool posts one job at a time and waits for its last message before the next.
parentPort!.on('message', (job: TrainingJob) => void train(job));
