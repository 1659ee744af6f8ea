import type { Command } from 'commander';
import type { ApiClient } from '../api-client.ts';

type Importance = Awaited<ReturnType<ApiClient['importance']>>;
type Timeline = Awaited<ReturnType<ApiClient['timeline']>>;

const BAR = 30;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const bar = (share: number) => '█'.repeat(Math.round(Math.max(0, Math.min(1, share)) * BAR)).padEnd(BAR, '·');

/** The importance answer as text: one bar per parameter (its main effect), then the largest interactions. */
export function importanceText(a: Importance): string[] {
  if (a.status !== 'ok') return [`no importance for ${a.objective} yet: ${a.reason ?? a.status}`];
  const width = Math.max(...a.parameters.map((p) => p.label.length), 9);
  const lines = [`importance for ${a.objective} (fANOVA over a random forest of ${a.used ?? a.trials} of ${a.trials} completed trials; share of the variance explained)`];
  for (const p of a.parameters) lines.push(`  ${p.label.padEnd(width)}  ${bar(p.mainEffect)} ${pct(p.mainEffect).padStart(6)} ± ${pct(p.std)}`);
  const pairs = a.interactions.filter((i) => i.share >= 0.005).slice(0, 5);
  if (pairs.length) {
    lines.push('  interactions (beyond the main effects):');
    for (const i of pairs) lines.push(`    ${i.label}: ${pct(i.share)}`);
  }
  return lines;
}

const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
};

/**
 * Where the sweep's time went, per worker: attempts by outcome, busy time (attempts overlap on a
 * worker with several slots, so busy time can exceed the span), and the span from the first
 * claim to the last end (or now, while attempts run).
 */
export function timelineText(t: Timeline): string[] {
  if (!t.attempts.length) return ['no trial has been claimed yet'];
  const now = Date.parse(t.now);
  const end = (a: Timeline['attempts'][number]) => (a.endedAt ? Date.parse(a.endedAt) : now);
  const start = Math.min(...t.attempts.map((a) => Date.parse(a.startedAt)));
  const last = Math.max(...t.attempts.map(end));
  const byWorker = new Map<string, Timeline['attempts']>();
  for (const a of t.attempts) {
    const key = a.workerId ?? '(unknown worker)';
    byWorker.set(key, [...(byWorker.get(key) ?? []), a]);
  }
  const lines = [`${t.attempts.length} attempts on ${byWorker.size} worker(s) over ${duration(last - start)}`];
  for (const [worker, attempts] of [...byWorker].sort(([a], [b]) => a.localeCompare(b))) {
    const outcomes = new Map<string, number>();
    for (const a of attempts) outcomes.set(a.outcome ?? 'running', (outcomes.get(a.outcome ?? 'running') ?? 0) + 1);
    const busy = attempts.reduce((sum, a) => sum + end(a) - Date.parse(a.startedAt), 0);
    const counts = [...outcomes].map(([o, n]) => `${n} ${o}`).join(', ');
    lines.push(`  ${worker}: ${attempts.length} attempts (${counts}), busy ${duration(busy)}`);
  }
  const resumed = t.attempts.filter((a) => a.attempt > 1).length;
  if (resumed) lines.push(`  ${resumed} attempt(s) took a trial over after an earlier attempt ended without a result`);
  return lines;
}

/** `modelspace importance ID` and `modelspace timeline ID`: the dashboard's two analyses as text. */
export function registerAnalysisCommands(program: Command, deps: { client: () => ApiClient; print: (line: string) => void; asJson: () => boolean }): void {
  const { client, print, asJson } = deps;
  program
    .command('importance')
    .description("each searched parameter's share of the objective's variance (fANOVA over the completed trials)")
    .argument('<id>', 'sweep id')
    .option('--seed <n>', "the forest's seed")
    .action(async (id: string, o: { seed?: string }) => {
      const answer = await client().importance(id, o);
      if (asJson()) return print(JSON.stringify(answer));
      for (const line of importanceText(answer)) print(line);
    });
  program
    .command('timeline')
    .description("where the sweep's time went: every attempt of its trials, summed per worker")
    .argument('<id>', 'sweep id')
    .action(async (id: string) => {
      const timeline = await client().timeline(id);
      if (asJson()) return print(JSON.stringify(timeline));
      for (const line of timelineText(timeline)) print(line);
    });
}
