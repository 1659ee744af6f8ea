import { Command, Option } from 'commander';
import { resultsMarkdown, type TrialSummary } from '@modelspace/core';
import { ApiError, createClient, type ApiClient } from './api-client.ts';
import { watchSweep } from './watch.ts';

const DEFAULT_URL = 'http://127.0.0.1:3000';
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(2)}%`);

const program = new Command('modelspace')
  .description('Submit, follow and query hyperparameter sweeps.')
  .addOption(new Option('--url <url>', 'API base URL').env('MODELSPACE_URL').default(DEFAULT_URL))
  .option('--json', 'print JSON instead of text');

const client = (): ApiClient => createClient(program.opts().url as string);
const asJson = () => Boolean(program.opts().json);

async function printResults(c: ApiClient, sweepId: string) {
  const trials = await c.trials(sweepId);
  print(resultsMarkdown(trials as TrialSummary[]));
  const best = await c.best(sweepId);
  if (best.trial) {
    print(
      `\nBest by ${best.metric}: model ${best.trial.index + 1} "${best.trial.name}": ` +
        `val error ${pct(best.trial.bestValError)}, test error ${pct(best.trial.testError)} ` +
        `(epoch ${best.trial.bestEpoch} of ${best.trial.epochsRun}, ${best.trial.backend})`,
    );
  } else print(`\nNo best model: ${best.reason}`);
}

program
  .command('run')
  .description('submit a sweep, follow it to the end, print its results table and best model; ' +
    'without --url (or MODELSPACE_URL) it starts an embedded API and worker in this process')
  .argument('<file>', 'sweep definition, YAML or JSON')
  .action(async (file: string) => {
    // No URL given (or an empty MODELSPACE_URL): bring the service up here.
    const useEmbedded = program.getOptionValueSource('url') === 'default' || !program.opts().url;
    const embedded = useEmbedded ? await startEmbeddedStack() : null;
    try {
      const c = embedded ? createClient(embedded.url) : client();
      const sweep = await c.submitFile(file);
      print(`sweep ${sweep.id} "${sweep.name}": ${sweep.trialIds.length} trial(s) queued`);
      const status = await watchSweep(c, sweep.id, { print });
      print(`\nsweep ${sweep.id} ${status}\n`);
      await printResults(c, sweep.id);
      process.exitCode = status === 'completed' ? 0 : 1;
    } finally {
      await embedded?.close({ force: true });
    }
  });

program
  .command('submit')
  .description('submit a sweep definition and print its id')
  .argument('<file>', 'sweep definition, YAML or JSON')
  .action(async (file: string) => {
    const sweep = await client().submitFile(file);
    if (asJson()) print(JSON.stringify(sweep));
    else print(`sweep ${sweep.id} "${sweep.name}": ${sweep.trialIds.length} trial(s) queued`);
  });

program
  .command('status')
  .argument('<id>', 'sweep id')
  .action(async (id: string) => {
    const s = await client().sweep(id);
    if (asJson()) return print(JSON.stringify(s));
    const counts = Object.entries(s.trialCounts).map(([k, v]) => `${k} ${v}`).join(', ');
    print(`sweep ${s.id} "${s.name}": ${s.status} (${counts})`);
  });

program
  .command('watch')
  .argument('<id>', 'sweep id')
  .action(async (id: string) => {
    const status = await watchSweep(client(), id, { print });
    print(`sweep ${id} ${status}`);
  });

program
  .command('table')
  .description("the sweep's results table (Markdown) and its best model")
  .argument('<id>', 'sweep id')
  .action(async (id: string) => {
    if (asJson()) return print(JSON.stringify(await client().trials(id)));
    await printResults(client(), id);
  });

program
  .command('best')
  .argument('<id>', 'sweep id')
  .option('--metric <metric>', 'valError, testError or valLoss (default: the sweep objective)')
  .action(async (id: string, o: { metric?: string }) => {
    const best = await client().best(id, o.metric);
    if (asJson()) return print(JSON.stringify(best));
    if (!best.trial) return print(`no best model yet: ${best.reason}`);
    print(`${best.trial.name} (${best.trial.id}): ${best.metric} ${pct(best.value)}, test error ${pct(best.trial.testError)}`);
  });

program
  .command('cancel')
  .argument('<id>', 'sweep id')
  .action(async (id: string) => {
    const s = await client().cancel(id);
    print(asJson() ? JSON.stringify(s) : `sweep ${s.id} ${s.status}`);
  });

async function startEmbeddedStack() {
  const [{ pino }, { loadEmbeddedConfig, startEmbedded }] = await Promise.all([
    import('pino'),
    import('@modelspace/embedded'),
  ]);
  // An ephemeral port, so a running `npm start` does not collide with this one.
  const config = loadEmbeddedConfig({ LOG_LEVEL: 'warn', ...process.env, PORT: '0' });
  const log = pino({ level: config.LOG_LEVEL }, pino.destination(2));
  print('starting an embedded API and worker (set MODELSPACE_URL or --url to use a running API)');
  return startEmbedded(config, log);
}

try {
  await program.parseAsync();
} catch (err) {
  if (err instanceof ApiError) {
    console.error(`error: ${err.message}`);
    for (const i of err.issues) console.error(`  ${i.field || '(document)'}: ${i.reason}`);
  } else {
    console.error(`error: ${(err as Error).message}`);
  }
  process.exitCode = 1;
}
