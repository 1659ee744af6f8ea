// The overhead bench's command trial: reports one epoch and exits, after appending when its
// process started (performance.timeOrigin) and when its code first ran to BENCH_STARTS_FILE,
// so the bench can say where the time from enqueue to program start goes. Plain node, no SDK.
import { appendFileSync, writeSync } from 'node:fs';

const ranAt = Date.now();
appendFileSync(process.env.BENCH_STARTS_FILE, `${process.env.MODELSPACE_TRIAL_ID} ${performance.timeOrigin} ${ranAt}\n`);
writeSync(Number(process.env.MODELSPACE_REPORT_FD), `${JSON.stringify({ type: 'epoch', epoch: 1, valError: 0.5, valLoss: 1, trainLoss: 1 })}\n`);
