import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { ApiError, LIFECYCLE_ACTIONS, createClient, type ApiClient } from './api-client.ts';
import { registerAdminCommand } from './commands/admin.ts';
import { registerAnalysisCommands } from './commands/analysis.ts';
import { registerDatasetsCommand } from './commands/datasets.ts';
import { registerDownloadCommand } from './commands/download.ts';
import { StreamError } from './sse-client.ts';
import { exitQuietlyOnClosedPipe } from './closed-pipe.ts';
import { defaultWatchMode, watchSweep } from './watch.ts';
import { LOG_REDACT_PATHS } from '@modelspace/config';

const DEFAULT_URL = 'http://127.0.0.1:3000';
exitQuietlyOnClosedPipe();
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const pct = (v: number | null | undefined) => (v == null ? 'n/a' : `${(v * 100).toFixed(2)}%`);

const program = new Command('modelspace')
  .description('Submit, follow and query hyperparameter sweeps.')
  .addOption(new Option('--url <url>', 'API base URL').env('MODELSPACE_URL').default(DEFAULT_URL))
  .addOption(new Option('--api-key <key>', 'API key, sent as a bearer token').env('MODELSPACE_API_KEY'))
  .option('--json', 'print JSON instead of text (one object per line for watch)')
  .showHelpAfterError('(run with --help for usage)');

const client = (): ApiClient => createClient(program.opts().url as string, { apiKey: program.opts().apiKey as string | undefined });
const asJson = () => Boolean(program.opts().json);

async function printResults(c: ApiClient, sweepId: string) {
  print((await c.tableMarkdown(sweepId)).trimEnd());
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
  .description(
    'submit a sweep, follow it live to the end, print its results table and best model; ' +
      'without --url (or MODELSPACE_URL) it starts an embedded API and worker in this process',
  )
  .argument('<file>', 'sweep definition, YAML or JSON')
  .action(async (file: string) => {
    // No URL given (or an empty MODELSPACE_URL): bring the service up here.
    const useEmbedded = program.getOptionValueSource('url') === 'default' || !program.opts().url;
    const embedded = useEmbedded ? await startEmbeddedStack() : null;
    try {
      const c = embedded ? createClient(embedded.url, { apiKey: program.opts().apiKey as string | undefined }) : client();
      const sweep = await c.submitFile(file);
      print(`sweep ${sweep.id} "${sweep.name}": ${sweep.trialIds.length} trial(s) queued`);
      const status = await watchSweep(c, sweep.id, { print, mode: defaultWatchMode(false) });
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
  .option('--dry-run', 'validate and show what the sweep would train, creating nothing')
  .action(async (file: string, o: { dryRun?: boolean }) => {
    const answer = await client().submitFile(file, { dryRun: o.dryRun });
    if (asJson()) return print(JSON.stringify(answer));
    if (o.dryRun) {
      const d = answer as unknown as { method: string; trials: number | null; proposals: { name: string }[] };
      print(`valid: method ${d.method}, ${d.trials ?? 'an adaptive number of'} trial(s); first proposals:`);
      for (const p of d.proposals) print(`  - ${p.name}`);
      return;
    }
    print(`sweep ${answer.id} "${answer.name}": ${answer.trialIds.length} trial(s) queued`);
  });

program
  .command('list')
  .description('list sweeps, newest first')
  .option('--status <status>', 'only sweeps in this state')
  .option('--limit <n>', 'at most this many', '50')
  .option('--offset <n>', 'skip this many', '0')
  .option('--sort <field>', 'createdAt, name, status, startedAt or finishedAt')
  .option('--order <dir>', 'asc or desc')
  .action(async (o: { status?: string; limit: string; offset: string; sort?: string; order?: string }) => {
    const page = await client().sweeps(o);
    if (asJson()) return print(JSON.stringify(page));
    if (!page.items.length) return print('no sweeps');
    for (const s of page.items) {
      print(`${s.id}  ${s.status.padEnd(9)}  ${String(s.trialCounts?.total ?? '').padStart(4)} trials  best ${pct(s.bestValError).padStart(7)}  ${s.name}`);
    }
    if (page.total > page.items.length) print(`(${page.items.length} of ${page.total}; use --offset for more)`);
  });

program
  .command('status')
  .description("a sweep's state and trial counts")
  .argument('<id>', 'sweep id')
  .action(async (id: string) => {
    const s = await client().sweep(id);
    if (asJson()) return print(JSON.stringify(s));
    const counts = Object.entries(s.trialCounts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    print(`sweep ${s.id} "${s.name}": ${s.status} (${counts})`);
  });

program
  .command('watch')
  .description('follow a sweep live until it ends: a progress bar per running trial, the overall progress and the best so far')
  .argument('<id>', 'sweep id')
  .action(async (id: string) => {
    const status = await watchSweep(client(), id, { print, mode: defaultWatchMode(asJson()) });
    if (!asJson()) print(`sweep ${id} ${status}`);
    // For scripts: a sweep that ended with results is a success; failed or cancelled is not.
    process.exitCode = status === 'completed' || status === 'stopped' ? 0 : 1;
  });

program
  .command('logs')
  .description("a program trial's output (its newest lines); --follow prints new lines as they come until the trial ends")
  .argument('<trial>', 'trial id')
  .option('-f, --follow', 'follow the output live')
  .action(async (trialId: string, o: { follow?: boolean }) => {
    const c = client();
    if (o.follow) {
      const status = await c.followLog(trialId, print);
      if (status && !asJson()) print(`trial ${trialId} ${status}`);
      return;
    }
    const log = await c.trialLog(trialId);
    if (asJson()) return print(JSON.stringify(log));
    process.stdout.write(log.text);
  });

program
  .command('table')
  .description("the sweep's results table, as in the seed study")
  .argument('<id>', 'sweep id')
  .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'csv']).default('markdown'))
  .action(async (id: string, o: { format: 'markdown' | 'csv' }) => {
    const c = client();
    if (asJson()) return print(JSON.stringify(await c.trials(id)));
    if (o.format === 'csv') {
      process.stdout.write(await c.trialsCsv(id));
      return;
    }
    await printResults(c, id);
  });

program
  .command('best')
  .description('the best trial, its variant, numbers and learning curve')
  .argument('<id>', 'sweep id')
  .addOption(new Option('--metric <metric>', 'default: the sweep objective').choices(['valError', 'testError', 'valLoss']))
  .addOption(new Option('--strategy <strategy>', 'judge trials at their best or last epoch').choices(['best-epoch', 'last-epoch']).default('best-epoch'))
  .action(async (id: string, o: { metric?: string; strategy: string }) => {
    const best = await client().best(id, { metric: o.metric, strategy: o.strategy });
    if (asJson()) return print(JSON.stringify(best));
    if (!best.trial) return print(`no best model yet: ${best.reason}`);
    const t = best.trial;
    print(`model ${t.index + 1} "${t.name}" (${t.id})`);
    print(`  ${best.metric} ${pct(best.value)} at ${best.epoch ? `epoch ${best.epoch}` : 'the end'} (${best.strategy}); test error ${pct(t.testError)}`);
    print(`  model: ${JSON.stringify(t.model)}`);
    print(`  curve (val error by epoch): ${(best.epochs ?? []).map((e) => pct(e.valError)).join(' ')}`);
  });

for (const action of LIFECYCLE_ACTIONS) {
  const what = {
    pause: 'start no new trials (running ones finish)',
    resume: 'start trials again after a pause',
    stop: 'end running trials at their next epoch boundary, keeping their results',
    cancel: 'remove queued jobs and kill running trials',
  }[action];
  program
    .command(action)
    .description(what)
    .argument('<id>', 'sweep id')
    .action(async (id: string) => {
      const s = await client().lifecycle(id, action);
      print(asJson() ? JSON.stringify(s) : `sweep ${s.id} ${s.status}`);
    });
}

program
  .command('export')
  .description("write a sweep's trials to a file (or stdout)")
  .argument('<id>', 'sweep id')
  .addOption(new Option('--format <format>', 'file format').choices(['csv', 'json', 'markdown']).default('csv'))
  .option('-o, --output <file>', 'write here instead of stdout')
  .action(async (id: string, o: { format: 'csv' | 'json' | 'markdown'; output?: string }) => {
    const c = client();
    const body = await { csv: () => c.trialsCsv(id), json: () => c.trialsJson(id), markdown: () => c.tableMarkdown(id) }[o.format]();
    if (!o.output) {
      process.stdout.write(body);
      return;
    }
    await writeFile(o.output, body);
    print(`wrote ${o.output} (${body.length} bytes)`);
  });

registerDownloadCommand(program, print);
registerDatasetsCommand(program, print);
registerAnalysisCommands(program, { client, print, asJson });
registerAdminCommand(program, print);

async function startEmbeddedStack() {
  const [{ pino }, { loadEmbeddedConfig, startEmbedded }] = await Promise.all([import('pino'), import('@modelspace/embedded')]);
  // An ephemeral port, so a running `npm start` does not collide with this one.
  // Loopback only: without keys (API_AUTH=off, the default here) nothing else may reach it.
  const config = loadEmbeddedConfig({ LOG_LEVEL: 'warn', ...process.env, PORT: '0', HOST: '127.0.0.1' });
  const log = pino({ level: config.LOG_LEVEL, redact: LOG_REDACT_PATHS }, pino.destination(2));
  print('starting an embedded API and worker (set MODELSPACE_URL or --url to use a running API)');
  return startEmbedded(config, log);
}

try {
  await program.parseAsync();
} catch (err) {
  if (err instanceof ApiError) {
    console.error(`error: ${err.message}`);
    for (const i of err.issues) console.error(`  ${i.field || '(document)'}: ${i.reason}`);
  } else if (err instanceof StreamError) {
    console.error(`error: ${err.message}`);
  } else {
    console.error(`error: ${(err as Error).message}`);
  }
  process.exitCode = 1;
}
