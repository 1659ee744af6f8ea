import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RESULT_COLUMNS, resultRows, resultsMarkdown, type TrialSummary } from '@modelspace/core';
import { getSweep, listTrials, sweepEpochs, type EpochMetric, type Trial } from '@modelspace/db';
import type { ApiDeps } from '../deps.ts';
import { IdParams } from '../schemas/common.ts';

/** RFC 4180: quote a cell that holds a comma, a quote or a line break; double its quotes. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toCsv(header: readonly string[], rows: string[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The seed-style results table (packages/core/results-table.ts) with each trial's id first. */
function table(trials: Trial[]): { columns: string[]; rows: string[][]; trialIds: string[] } {
  const sorted = [...trials].sort((a, b) => a.index - b.index);
  return {
    columns: ['Trial id', ...RESULT_COLUMNS],
    rows: resultRows(sorted as unknown as TrialSummary[]).map((r, i) => [sorted[i]!.id, ...r]),
    trialIds: sorted.map((t) => t.id),
  };
}

function groupEpochs(epochs: EpochMetric[]): Map<string, EpochMetric[]> {
  const byTrial = new Map<string, EpochMetric[]>();
  for (const e of epochs) byTrial.set(e.trialId, [...(byTrial.get(e.trialId) ?? []), e]);
  return byTrial;
}

/** Exports of a sweep's results: CSV, JSON, the Markdown table, and every learning curve at once. */
export function exportRoutes({ db }: ApiDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const load = async (id: string) => {
      const sweep = await getSweep(db, id);
      return { sweep, trials: await listTrials(db, sweep.id) };
    };

    app.get('/sweeps/:id/trials.csv', { schema: { summary: "The results table as CSV (the seed's columns, one row per trial)", params: IdParams } }, async (request, reply) => {
      const { sweep, trials } = await load(request.params.id);
      const t = table(trials);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="sweep-${sweep.id}-trials.csv"`).send(toCsv(t.columns, t.rows));
    });

    app.get(
      '/sweeps/:id/trials.json',
      { schema: { summary: 'Every trial with its variant, result and learning curve, as one JSON document', params: IdParams } },
      async (request, reply) => {
        const { sweep, trials } = await load(request.params.id);
        const curves = groupEpochs(await sweepEpochs(db, sweep.id));
        return reply
          .header('content-disposition', `attachment; filename="sweep-${sweep.id}-trials.json"`)
          .send({ sweep, trials: trials.map((t) => ({ ...t, epochs: curves.get(t.id) ?? [] })) });
      },
    );

    app.get('/sweeps/:id/table.md', { schema: { summary: 'The results table in Markdown, as in the seed study', params: IdParams } }, async (request, reply) => {
      const { trials } = await load(request.params.id);
      return reply.type('text/markdown; charset=utf-8').send(`${resultsMarkdown(trials as unknown as TrialSummary[])}\n`);
    });

    app.get('/sweeps/:id/table', { schema: { summary: 'The results table as JSON columns and rows (what the dashboard shows)', params: IdParams } }, async (request) =>
      table((await load(request.params.id)).trials),
    );

    app.get('/sweeps/:id/epochs', { schema: { summary: 'Every epoch of every trial of the sweep, grouped by trial (learning curves)', params: IdParams } }, async (request) => {
      const sweep = await getSweep(db, request.params.id);
      const curves = groupEpochs(await sweepEpochs(db, sweep.id));
      return { items: [...curves].map(([trialId, epochs]) => ({ trialId, epochs })) };
    });
  };
}
