// `npm run bench -- dashboard-scale [--trials N]`: the dashboard's sweep page on a sweep of
// 10,000 completed trials (a grid, results and 5 epochs per trial written with bulk SQL, and
// one attempt per trial spread over 4 workers of 2 slots), in Debian's Chromium: the time
// from navigation to the page fully drawn (table, path, curves, parallel coordinates,
// importance, contour, slices, timeline), the time of one full redraw as the page measures
// it, and the API answers the page waits for (importance cold and cached, timeline).
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { loadApiConfig, startApi } from '@modelspace/api';
import { launchBrowser } from '../test/support/browser.ts';
import { startStack } from '../test/support/stack.ts';

const { values: args } = parseArgs({ options: { trials: { type: 'string', default: '10000' } } });
const TRIALS = Number(args.trials);
const EPOCHS = 5;
const LEARNING_RATES = 100;
const BATCH_SIZES = Math.ceil(TRIALS / (2 * LEARNING_RATES));

const r1 = (x: number) => Math.round(x * 10) / 10;
const stack = await startStack({ label: 'dashscale', env: { MAX_GRID_SIZE: String(TRIALS) } });
const sql = new pg.Client({ connectionString: stack.database.url });
await sql.connect();
const browser = await launchBrowser({ width: 1400, height: 1000 });
let api: Awaited<ReturnType<typeof startApi>> | null = null;
try {
  // A grid of kind × batch size × learning rate: every trial created (and enqueued) at once.
  const created = await stack.http('POST', '/sweeps', {
    name: `dashboard at ${TRIALS} trials`,
    method: 'grid',
    training: { maxEpochs: EPOCHS },
    space: {
      base: { model: { kind: 'softmax' } },
      parameters: {
        'model.kind': { values: ['softmax', 'logistic'] },
        'training.batchSize': { type: 'int', min: 1, max: BATCH_SIZES },
        'training.learningRate': { type: 'uniform', min: 0.01, max: LEARNING_RATES / 100, step: 0.01 },
      },
    },
  });
  if (created.status !== 201) throw new Error(`POST /sweeps: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const { rows } = await sql.query('SELECT count(*)::int AS n FROM "Trial" WHERE "sweepId" = $1', [id]);
  const n = rows[0].n as number;
  // Results as if trained: the error depends on the kind and the learning rate (not the batch
  // size); 4 workers × 2 slots ran them back to back, about 30 s each.
  await sql.query('ALTER TABLE "Trial" DISABLE TRIGGER "Trial_record_attempt"');
  await sql.query(
    `UPDATE "Trial" SET status = 'completed', attempts = 1, "workerId" = 'bench-worker-' || (index % 4),
       "bestValError" = 0.02 + CASE WHEN params->>'model.kind' = 'logistic' THEN 0.05 ELSE 0 END
                        + 0.1 * ((params->>'training.learningRate')::float8 - 0.4) ^ 2 + 0.005 * random(),
       "bestValLoss" = 0.1 + random() * 0.1, "testError" = 0.03 + random() * 0.05, "testLoss" = 0.2, "bestEpoch" = ${EPOCHS}, "epochsRun" = ${EPOCHS},
       "lastEpoch" = ${EPOCHS}, "stopReason" = 'max_epochs', "durationMs" = 25000 + (random() * 10000)::int, backend = 'bench', "paramCount" = 7850,
       "startedAt" = now() - interval '1 day' + (index / 8) * interval '30 seconds' + random() * interval '2 seconds',
       "finishedAt" = now() - interval '1 day' + (index / 8 + 1) * interval '30 seconds' - random() * interval '3 seconds'
     WHERE "sweepId" = $1`,
    [id],
  );
  await sql.query('ALTER TABLE "Trial" ENABLE TRIGGER "Trial_record_attempt"');
  await sql.query(
    `INSERT INTO "TrialAttempt" ("trialId", attempt, "workerId", "startedAt", "endedAt", outcome)
     SELECT id, 1, "workerId", "startedAt", "finishedAt", 'completed' FROM "Trial" WHERE "sweepId" = $1`,
    [id],
  );
  await sql.query(
    `INSERT INTO "EpochMetric" ("trialId", epoch, "trainLoss", "trainError", "valLoss", "valError", "durationMs", "samplesPerSec")
     SELECT t.id, e, 1.0 / e, 0.1 / e, 1.0 / e, t."bestValError" + (${EPOCHS} - e) * 0.01, 5000, 10000
       FROM "Trial" t, generate_series(1, ${EPOCHS}) e WHERE t."sweepId" = $1`,
    [id],
  );
  await sql.query(`UPDATE "Sweep" SET status = 'completed', "finishedAt" = now() WHERE id = $1`, [id]);

  const timed = async (path: string) => {
    const t0 = performance.now();
    const res = await stack.http('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    return { ms: performance.now() - t0, body: res.body };
  };
  const trialList = await timed(`/sweeps/${id}/trials?limit=10000`);
  const importanceCold = await timed(`/sweeps/${id}/importance`);
  const importanceWarm = await timed(`/sweeps/${id}/importance`);
  const timeline = await timed(`/sweeps/${id}/timeline`);
  console.log(`${n} trials, ${n * EPOCHS} epochs; load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`GET importance: ${r1(importanceCold.ms)} ms (forest over ${importanceCold.body.used} of ${importanceCold.body.trials} trials), cached ${r1(importanceWarm.ms)} ms`);
  console.log(
    `  ${importanceCold.body.parameters.map((p: { label: string; mainEffect: number }) => `${p.label} ${(p.mainEffect * 100).toFixed(1)}%`).join(', ')} of the variance alone`,
  );
  console.log(`GET timeline: ${r1(timeline.ms)} ms (${timeline.body.attempts.length} attempts); GET trials: ${r1(trialList.ms)} ms`);

  // The page talks to an API instance of its own that logs its errors (the stack's are silent).
  api = await startApi({ ...loadApiConfig({ ...stack.env, API_AUTH: 'off' }), PORT: 0 }, pino({ level: 'error' }));
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const t0 = performance.now();
  await page.goto(`${api.url}/dashboard/#/sweeps/${id}`);
  await page
    .waitForFunction((count) => document.getElementById('timeline-chart')?.dataset.bars === String(count) && Number(document.body.dataset.renders ?? 0) > 0, n, {
      timeout: 300_000,
      polling: 100,
    })
    .catch(async (err) => {
      throw new Error(`the page did not draw: ${await page.locator('#sweep-summary').textContent()} (${err.message})`);
    });
  const loadMs = performance.now() - t0;
  const firstRenderMs = Number(await page.evaluate(() => document.body.dataset.renderMs));
  const firstParts = await page.evaluate(() => document.body.dataset.renderParts);
  // A second full draw, with the data already in the page: what each refresh costs.
  const redrawMs = await page.evaluate(async () => {
    const before = Number(document.body.dataset.renders);
    window.dispatchEvent(new Event('hashchange'));
    const t = performance.now();
    while (Number(document.body.dataset.renders ?? 0) <= before && performance.now() - t < 300_000) await new Promise((r) => setTimeout(r, 50));
    return Number(document.body.dataset.renderMs);
  });
  // Each chart's own cost: its current option given to it again (ECharts draws synchronously).
  const perChart = await page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const el of Array.from(document.querySelectorAll('.chart'))) {
      // biome-ignore lint/suspicious/noExplicitAny: the page's echarts global, untyped here
      const chart = (globalThis as any).echarts.getInstanceByDom(el);
      const option = chart.getOption();
      const t = performance.now();
      chart.setOption(option, { notMerge: true });
      out[el.id] = Math.round(performance.now() - t);
    }
    return out;
  });
  const rowsShown = await page.locator('#results-table tbody tr').count();
  const parts = await page.evaluate(() => document.body.dataset.renderParts);
  console.log(`page: navigation to fully drawn ${r1(loadMs)} ms; one full draw ${firstRenderMs} ms (first), ${redrawMs} ms (again, after a reload of the data)`);
  console.log(`parts of a draw (ms): first ${firstParts}, again ${parts}; each chart redrawn (ms): ${JSON.stringify(perChart)}`);
  console.log(`table rows drawn: ${rowsShown} of ${n}; script errors: ${errors.length ? errors.join('; ') : 'none'}`);
  console.log(
    JSON.stringify({
      bench: 'dashboard-scale',
      trials: n,
      epochs: n * EPOCHS,
      pageLoadMs: r1(loadMs),
      firstDrawMs: firstRenderMs,
      redrawMs,
      importanceColdMs: r1(importanceCold.ms),
      importanceCachedMs: r1(importanceWarm.ms),
      timelineMs: r1(timeline.ms),
      tableRows: rowsShown,
      chartMs: perChart,
      scriptErrors: errors.length,
      loadAverage: r1(loadavg()[0]!),
    }),
  );
} catch (err) {
  console.error(err); // before close(), whose own complaints would hide it
  process.exitCode = 1;
} finally {
  await api?.close(); // a listening server would keep the bench from exiting
  await browser.close();
  await sql.end();
  await stack.close();
}
