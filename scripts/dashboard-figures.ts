// Saves a sweep's dashboard figures as PNG files, exactly as the dashboard's "save as PNG"
// buttons would: the model-space path and the learning curves of the N best trials, and with
// --charts any of the others (importance, contour, slices, parallel, timeline, compare: the
// comparison of the --curves best trials, at most four).
//   npx tsx scripts/dashboard-figures.ts --url http://127.0.0.1:3000 --sweep ID --out docs/img --prefix seed-table [--curves 4] [--charts path,curves,importance,timeline] [--api-key KEY]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../test/support/browser.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.MODELSPACE_URL ?? 'http://127.0.0.1:3000' },
    sweep: { type: 'string' },
    out: { type: 'string', default: 'docs/img' },
    prefix: { type: 'string' },
    curves: { type: 'string', default: '4' },
    charts: { type: 'string', default: 'path,curves' },
    'api-key': { type: 'string', default: process.env.MODELSPACE_API_KEY },
  },
});
if (!args.sweep) throw new Error('--sweep ID is required');
/** Figure name → the chart's element on the sweep page. */
const CHARTS: Record<string, string> = {
  path: 'path-chart',
  curves: 'curves-chart',
  importance: 'importance-chart',
  contour: 'contour-chart',
  slices: 'slices-chart',
  parallel: 'parallel-chart',
  timeline: 'timeline-chart',
  compare: 'compare-chart',
};
const wanted = args.charts.split(',').filter(Boolean);
for (const name of wanted) if (!CHARTS[name]) throw new Error(`--charts: unknown chart "${name}" (one of ${Object.keys(CHARTS).join(', ')})`);
const prefix = args.prefix ?? args.sweep.slice(0, 8);
const headers: Record<string, string> = args['api-key'] ? { authorization: `Bearer ${args['api-key']}` } : {};

// The N best completed trials by validation error: their curves go in the figure.
const response = await fetch(`${args.url}/sweeps/${args.sweep}/trials?limit=500&sort=valError&order=asc`, { headers });
if (!response.ok) throw new Error(`GET trials: HTTP ${response.status} ${await response.text()}`);
const trials = ((await response.json()) as { items: { id: string; bestValError: number | null }[] }).items;
const best = trials.filter((t) => t.bestValError != null).slice(0, Number(args.curves));

const browser = await launchBrowser({ width: 1400, height: 1000 });
try {
  const page = await browser.context.newPage();
  if (args['api-key']) await page.setExtraHTTPHeaders(headers);
  await page.goto(`${args.url}/dashboard/#/sweeps/${args.sweep}`);
  await page.waitForFunction((n) => Number(document.getElementById('path-chart')?.dataset.points ?? 0) >= n, best.length, { timeout: 30_000 });
  // Best first: the table shows at most 500 rows, and the best trials must be among them.
  await page.locator('#results-table thead th', { hasText: /^Val error %$/ }).click();
  // Pick the curves: uncheck every trial, then check the best ones.
  // Each click re-renders the table, so look the boxes up again every time.
  const checked = page.locator('input[data-curve]:checked');
  while ((await checked.count()) > 0) await checked.first().uncheck();
  for (const t of best) await page.locator(`input[data-curve="${t.id}"]`).check();
  if (wanted.includes('compare')) for (const t of best.slice(0, 4)) await page.locator(`input[data-compare="${t.id}"]`).check();
  // The analyses come with the page's data: wait until it has drawn it once.
  await page.waitForFunction(() => Number(document.body.dataset.renders ?? 0) > 0, undefined, { timeout: 30_000 });
  await page.waitForTimeout(500);
  mkdirSync(args.out, { recursive: true });
  for (const name of wanted) {
    const chart = CHARTS[name]!;
    const dataUrl = await page.evaluate((id) => {
      // biome-ignore lint/suspicious/noExplicitAny: the page's echarts global, untyped here
      const echarts = (globalThis as any).echarts;
      return echarts.getInstanceByDom(document.getElementById(id)).getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff', excludeComponents: ['toolbox'] });
    }, chart);
    const file = join(args.out, `${prefix}-${name}.png`);
    writeFileSync(file, Buffer.from(String(dataUrl).split(',')[1], 'base64'));
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
