// `npm run drill`: the multi-host fault drill (test/drill/drill.ts). Flags:
//   --seed N       the nemesis's seed (default: the time); a failing run is repeated with its seed
//   --rounds N     times each fault kind is injected (default 2; the drill's length)
//   --workers N    worker hosts (default 3)
//   --references N resumed trials compared with an uninterrupted training (default 4)
// Needs root (network namespaces), iproute2, Postgres's and Redis's server programs.
import { parseArgs } from 'node:util';
import { printReport, runDrill } from './drill.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    rounds: { type: 'string', default: '2' },
    workers: { type: 'string', default: '3' },
    references: { type: 'string', default: '4' },
    'lock-ms': { type: 'string', default: '5000' },
  },
});
const report = await runDrill({
  seed: values.seed ? Number(values.seed) : Date.now() % 1_000_000,
  rounds: Number(values.rounds),
  workers: Number(values.workers),
  references: Number(values.references),
  lockMs: Number(values['lock-ms']),
  drainMs: 240_000,
});
printReport(report);
process.exit(report.ok ? 0 : 1);
