import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, OUTPUT, type TestBrowser } from '../support/browser.ts';
import { bandImages, npyUint8 } from '@modelspace/core/testing';
import { multipart } from '../support/multipart.ts';
import { waitFor } from '../support/services.ts';
import { startStack, tinySweep, twoSlotWorker, type Stack } from '../support/stack.ts';

// The dashboard in a real browser (Debian's headless Chromium, driven by playwright-core)
// against the real stack: a finished sweep's page shows its table and the path chart with
// one point per trial, and a running sweep's page updates from the event stream.
// The functions passed to page.evaluate/waitForFunction run in the page, where these exist.
declare const document: any;
declare const window: any;

let stack: Stack;
let context: BrowserContext;
let browser: TestBrowser;

before(async () => {
  stack = await startStack({ label: 'browser', workers: [twoSlotWorker('browser-worker')] });
  browser = await launchBrowser({ width: 1400, height: 1600 });
  context = browser.context;
});

after(async () => {
  await browser?.close();
  await stack?.close();
});

async function openPage(): Promise<Page> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  (page as Page & { problems: string[] }).problems = problems;
  return page;
}
const problemsOf = (page: Page) => (page as Page & { problems: string[] }).problems;

async function submit(name: string, epochs: number, extra?: Parameters<typeof tinySweep>[2]): Promise<string> {
  const res = await stack.http('POST', '/sweeps', tinySweep(name, epochs, extra));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

test('a finished sweep: the list links to it, its page shows every trial in the table and one point per trial on the path chart', async () => {
  const id = await submit('finished in browser', 1);
  await waitFor('the sweep to finish', async () => (await stack.http('GET', `/sweeps/${id}`)).body.status === 'completed', { timeoutMs: 120_000 });

  const page = await openPage();
  await page.goto(`${stack.apis[0]!.url}/dashboard/`);
  const row = page.locator(`#sweeps-table tr[data-sweep-id="${id}"]`);
  await row.waitFor({ timeout: 15_000 });
  assert.match(await row.innerText(), /finished in browser\s+completed\s+2\s+\d+\.\d\d%/);

  await row.locator('a').click();
  await page.locator('#results-table tbody tr').nth(1).waitFor({ timeout: 15_000 });
  const rows = await page.locator('#results-table tbody tr').allInnerTexts();
  assert.equal(rows.length, 2);
  assert.match(rows.join('\n'), /softmax/);
  assert.match(rows.join('\n'), /logistic/);
  assert.ok(
    rows.every((r) => r.includes('completed')),
    rows.join('\n'),
  );

  // The path chart is ECharts on a canvas; its data says what it drew.
  await page.waitForFunction(() => document.getElementById('path-chart')?.dataset.points === '2', undefined, { timeout: 15_000 });
  const drawn = await page.evaluate(() => {
    const chart = (window as any).echarts.getInstanceByDom(document.getElementById('path-chart'));
    return chart.getOption().series[0].data.map((d: { value: number[] }) => d.value);
  });
  assert.equal(drawn.length, 2, 'one point per trial');
  const trials = (await stack.http('GET', `/sweeps/${id}/trials`)).body.items as { bestValError: number }[];
  assert.deepEqual(drawn.map((v: number[]) => v[1]).sort(), trials.map((t) => t.bestValError).sort(), "each point at its trial's error");
  assert.ok(await page.locator('#path-chart canvas').count());
  assert.ok(await page.locator('#curves-chart canvas').count());
  assert.ok(await page.locator('#parallel-chart canvas').count());
  // Two trials are too few for importance: the chart says so instead of drawing noise.
  await page.waitForFunction(() => document.getElementById('importance-chart')?.dataset.status === 'too-few-trials', undefined, { timeout: 15_000 });
  assert.match(
    (await chartOption(page, 'importance-chart')).title[0].text,
    /Too few trials for importance: 2 finished trial\(s\) with an objective value; importance needs at least 10/,
  );
  await page.screenshot({ path: join(OUTPUT, 'dashboard-finished-sweep.png'), fullPage: true });
  assert.deepEqual(problemsOf(page), [], 'no script errors');
  await page.close();
});

test('a running sweep: an epoch event published after the page connected updates the page', async () => {
  // One trial at a time, and the sweep paused at once, so its second trial cannot start (nor
  // the sweep end) before the page has connected, however fast training is: no race with the
  // page's start-up. The first trial may train meanwhile; its epochs come as history.
  const id = await submit('live in browser', 8, { training: { trainSubset: 50000, valSubset: 5000 }, budget: { maxConcurrentTrials: 1 } });
  assert.equal((await stack.http('POST', `/sweeps/${id}/pause`)).status, 200);
  const page = await openPage();
  await page.goto(`${stack.apis[0]!.url}/dashboard/#/sweeps/${id}`);
  await page.waitForFunction(() => document.getElementById('live-state')?.textContent === 'connected', undefined, { timeout: 15_000 });
  // Epochs already recorded may come as history; one more than that must come live.
  const recordedAtConnect = await stack.database.db.epochMetric.count({ where: { trial: { sweepId: id } } });
  assert.equal((await stack.http('POST', `/sweeps/${id}/resume`)).status, 200);
  await page.waitForFunction((n) => Number(document.body.dataset.epochEvents ?? 0) > n, recordedAtConnect, { timeout: 120_000 });
  const log = await page.locator('#live-log').innerText();
  assert.match(log, /#[12] (softmax|logistic): epoch \d\/8, val error \d+\.\d\d%/);
  await page.screenshot({ path: join(OUTPUT, 'dashboard-live-sweep.png'), fullPage: true });

  // And it follows the sweep to its end: the state and every row say completed.
  await page.waitForFunction(() => document.getElementById('live-state')?.textContent === 'sweep completed', undefined, { timeout: 120_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('#results-table tbody tr')].filter((r: any) => r.textContent?.includes('completed')).length === 2, undefined, {
    timeout: 15_000,
  });
  assert.equal(await page.locator('#sweep-status').innerText(), 'completed');
  assert.deepEqual(problemsOf(page), [], 'no script errors');
  await page.close();
});

test('the workers page lists each live worker with the backend it trains on first, and its host, address and slots', async () => {
  const { items } = (await stack.http('GET', '/workers')).body as {
    items: Array<{ id: string; backend: string | null; backendPreference: string; address?: string | null; concurrency: number }>;
  };
  const worker = items.find((w) => w.id === 'browser-worker');
  assert.ok(worker, JSON.stringify(items));
  const page = await openPage();
  await page.goto(`${stack.apis[0]!.url}/dashboard/`);
  await page.click('nav a[href="#/workers"]');
  const row = page.locator('#workers-table tr[data-worker-id="browser-worker"]');
  await row.waitFor({ timeout: 15_000 });
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[0], worker.backend ?? worker.backendPreference, 'the backend comes first');
  assert.equal(cells[1], 'browser-worker');
  assert.equal(cells[3], worker.address ?? '');
  assert.equal(cells[4], String(worker.concurrency));
  await page.close();
});

test('the datasets page lists an uploaded dataset with its shape, split and size, and deletes it', async () => {
  const set = bandImages(40, 8, 6, 3, 4);
  const form = multipart(
    { name: 'browser-bands', classes: '4', validationFraction: '0.25' },
    { trainImages: npyUint8([40, 8, 6, 3], set.images), trainLabels: npyUint8([40], set.labels) },
  );
  const uploaded = await fetch(`${stack.apis[0]!.url}/datasets`, { method: 'POST', body: new Uint8Array(form.payload), headers: form.headers });
  assert.equal(uploaded.status, 201, await uploaded.clone().text());
  const d = (await uploaded.json()) as { id: string; counts: { train: number; val: number; test: number } };
  const page = await openPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${stack.apis[0]!.url}/dashboard/`);
  await page.click('nav a[href="#/datasets"]');
  const row = page.locator(`#datasets-table tr[data-dataset-id="${d.id}"]`);
  await row.waitFor({ timeout: 15_000 });
  const cells = await row.locator('td').allInnerTexts();
  assert.deepEqual(cells.slice(0, 5), ['browser-bands', '8x6x3', '4', 'uint8', `${d.counts.train} / ${d.counts.val} / ${d.counts.test}`]);
  assert.equal(cells[6], '0', 'no sweep uses it');
  await row.locator('button[data-delete]').click();
  await row.waitFor({ state: 'detached', timeout: 15_000 });
  assert.equal((await stack.http('GET', `/datasets/${d.id}`)).status, 404);
  await page.close();
});

test('behind API keys the dashboard asks for one, signs in through the client (cookie), and lists the sweeps; a wrong key is refused on the page', async () => {
  const { createApiKey, createProject } = await import('@modelspace/db');
  const { loadApiConfig, startApi } = await import('@modelspace/api');
  const { pino } = await import('pino');
  await createProject(stack.database.db, 'browser-keys');
  const { key } = await createApiKey(stack.database.db, { project: 'browser-keys', role: 'read' });
  const api = await startApi({ ...loadApiConfig({ ...stack.env, API_AUTH: 'required', HOST: '127.0.0.1' }), PORT: 0 }, pino({ level: 'silent' }));
  try {
    const page = await openPage();
    await page.goto(`${api.url}/dashboard/`);
    await page.locator('#login-form').waitFor({ timeout: 15_000 });
    await page.fill('#login-form input[name=key]', 'ms_wrong_key');
    await page.click('#login-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('login-error')?.textContent !== '', undefined, { timeout: 15_000 });
    await page.fill('#login-form input[name=key]', key);
    await page.click('#login-form button[type=submit]');
    await page.locator('#sweeps-table').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#sign-out').isHidden(), false, 'sign-out shown behind keys');
    assert.deepEqual(
      problemsOf(page).filter((p) => !/401/.test(p)),
      [],
    );
  } finally {
    await api.close();
  }
});

// ---------------------------------------------------------------- analyses, on one shared search sweep
// Twelve random-search trials of tiny dense models: three parameters that vary (one
// categorical, one log-scaled, one numeric categorical) and one that never does (its
// single value must drop out of the short names). Submitted paused, so the page is open
// before any trial ends and the timeline is seen growing live.
const ANALYSIS_TRIALS = 12;
let analysis: { id: string; page: Page } | null = null;

async function analysisSweep(): Promise<{ id: string; page: Page }> {
  if (analysis) return analysis;
  const res = await stack.http('POST', '/sweeps', {
    name: 'analysis in browser',
    method: 'random',
    training: { maxEpochs: 2, patience: 10, batchSize: 32, learningRate: 0.05, trainSubset: 600, valSubset: 200, testSubset: 300, seed: 3 },
    budget: { maxTrials: ANALYSIS_TRIALS },
    space: {
      base: { model: { kind: 'softmax' } },
      parameters: {
        'model.kind': { values: ['softmax', 'logistic'] },
        'training.learningRate': { type: 'loguniform', min: 0.001, max: 0.5 },
        'training.batchSize': { values: [16, 64] },
        'training.momentum': { values: [0.9] },
      },
    },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const id = res.body.id as string;
  assert.equal((await stack.http('POST', `/sweeps/${id}/pause`)).status, 200);
  const page = await openPage();
  await page.goto(`${stack.apis[0]!.url}/dashboard/#/sweeps/${id}`);
  await page.waitForFunction(() => document.getElementById('live-state')?.textContent === 'connected', undefined, { timeout: 15_000 });
  const before = (await stack.http('GET', `/sweeps/${id}/timeline`)).body.attempts.length;
  await page.waitForFunction((n) => document.getElementById('timeline-chart')?.dataset.bars === String(n), before, { timeout: 15_000 });
  assert.equal((await stack.http('POST', `/sweeps/${id}/resume`)).status, 200);
  await stack.settled(id, ['completed'], 240_000);
  analysis = { id, page };
  return analysis;
}

/** The option an ECharts chart on the page was last given. */
const chartOption = (page: Page, chartId: string) => page.evaluate((cid) => (window as any).echarts.getInstanceByDom(document.getElementById(cid)).getOption(), chartId);

test('timeline: the open page draws each attempt as it is recorded, one lane per worker slot, coloured by outcome', async () => {
  const { id, page } = await analysisSweep();
  const { attempts } = (await stack.http('GET', `/sweeps/${id}/timeline`)).body as { attempts: { outcome: string; workerId: string }[] };
  assert.equal(attempts.length, ANALYSIS_TRIALS, 'one attempt per trial: none failed');
  assert.ok(
    attempts.every((a) => a.outcome === 'completed' && a.workerId === 'browser-worker'),
    JSON.stringify(attempts),
  );
  // Drawn live: the page was opened before any trial ended and never reloaded.
  await page.waitForFunction((n) => document.getElementById('timeline-chart')?.dataset.bars === String(n), attempts.length, { timeout: 30_000 });
  const option = await chartOption(page, 'timeline-chart');
  const lanes: string[] = option.yAxis[0].data;
  assert.ok(lanes.length >= 1 && lanes.length <= 2, `a two-slot worker uses one or two lanes: ${lanes}`);
  assert.ok(lanes.every((l) => l.startsWith('browser-worker · ')));
  assert.deepEqual(
    option.series.map((s: { name: string }) => s.name),
    ['completed'],
  );
  // No two bars of one lane overlap: each lane is one slot.
  const bars = option.series[0].data.map((d: { value: number[] }) => d.value);
  for (const [lane] of lanes.entries()) {
    const inLane = bars.filter((b: number[]) => b[0] === lane).sort((x: number[], y: number[]) => x[1]! - y[1]!);
    for (let i = 1; i < inLane.length; i++) assert.ok(inLane[i]![1]! >= inLane[i - 1]![2]!, `lane ${lanes[lane]} overlaps`);
  }
  assert.deepEqual(problemsOf(page), [], 'no script errors');
});

test('importance: the bar chart shows each varying parameter with the numbers GET /sweeps/:id/importance gives', async () => {
  const { id, page } = await analysisSweep();
  const api = (await stack.http('GET', `/sweeps/${id}/importance`)).body;
  assert.equal(api.status, 'ok', JSON.stringify(api));
  assert.deepEqual(api.parameters.map((p: { label: string }) => p.label).sort(), ['batchSize', 'kind', 'learningRate']);
  const sum = api.parameters.reduce((s: number, p: { importance: number }) => s + p.importance, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9, `importances sum to 1: ${sum}`);
  await page.waitForFunction(() => document.getElementById('importance-chart')?.dataset.status === 'ok', undefined, { timeout: 30_000 });
  const option = await chartOption(page, 'importance-chart');
  const drawn = Object.fromEntries(option.series[0].data.filter((d: { kind: string }) => d.kind === 'alone').map((d: { name: string; value: number }) => [d.name, d.value]));
  assert.deepEqual(drawn, Object.fromEntries(api.parameters.map((p: { label: string; mainEffect: number }) => [p.label, p.mainEffect])));
});

test('the results table at 1400 px: name and errors stay in view when scrolled, any column sorts, the state filter narrows, names show what varies', async () => {
  const { id, page } = await analysisSweep();
  await page.waitForFunction((n) => document.querySelectorAll('#results-table tbody tr').length === n, ANALYSIS_TRIALS, { timeout: 30_000 });
  await page.evaluate(() => {
    const wrap = document.querySelector('.table-wrap');
    wrap.scrollLeft = wrap.scrollWidth;
  });
  const wrapBox = (await page.locator('.table-wrap').boundingBox())!;
  assert.ok(await page.evaluate(() => document.querySelector('.table-wrap').scrollLeft > 0), 'the table is wider than the page: it scrolls');
  for (const heading of ['#', 'Name', 'Val error %', 'Test error %']) {
    const box = (await page.locator('#results-table thead th', { hasText: new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).boundingBox())!;
    assert.ok(box.x >= wrapBox.x - 1 && box.x + box.width <= wrapBox.x + wrapBox.width + 1, `${heading} visible after scrolling right`);
  }
  // Names: the parameter with one value (momentum) is not in them; the full name is the title.
  const name = page.locator('#results-table tbody td.c-name').first();
  assert.doesNotMatch(await name.innerText(), /momentum/);
  assert.match((await name.getAttribute('title')) ?? '', /momentum=0\.9/);
  // Sort by validation error, ascending, then descending.
  const valErrors = async () => (await page.locator('#results-table tbody td.c-val').allInnerTexts()).map(Number);
  await page.locator('#results-table thead th', { hasText: /^Val error %$/ }).click();
  const up = await valErrors();
  assert.deepEqual(
    up,
    [...up].sort((a, b) => a - b),
  );
  await page.locator('#results-table thead th', { hasText: /^Val error %$/ }).click();
  const down = await valErrors();
  assert.deepEqual(
    down,
    [...up].sort((a, b) => b - a),
  );
  // The state filter lists the states present with their counts; a state with no trial shows none.
  const options = await page.locator('#state-filter option').allInnerTexts();
  assert.deepEqual(options, [`all states (${ANALYSIS_TRIALS})`, `completed (${ANALYSIS_TRIALS})`]);
  await page.selectOption('#state-filter', 'completed');
  assert.equal(await page.locator('#results-table tbody tr').count(), ANALYSIS_TRIALS);
  await page.screenshot({ path: join(OUTPUT, 'dashboard-analysis-sweep.png'), fullPage: true });
  assert.ok(id);
});

test('compare: two to four ticked trials side by side, differences highlighted, curves overlaid; a fifth is refused', async () => {
  const { page } = await analysisSweep();
  const boxes = page.locator('#results-table input[data-compare]');
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  await page.waitForFunction(() => document.getElementById('compare')?.dataset.count === '3', undefined, { timeout: 5_000 });
  assert.equal(await page.locator('table.compare thead th').count(), 4, 'a heading column and three trials');
  const differing = await page.locator('table.compare tr.differs th').allInnerTexts();
  assert.ok(differing.includes('training.learningRate'), `learning rates differ between random trials: ${differing}`);
  assert.ok(!differing.includes('training.momentum'), 'momentum is the same in all: not highlighted');
  assert.equal((await chartOption(page, 'compare-chart')).series.length, 3, 'three curves overlaid');
  await boxes.nth(3).check();
  await boxes.nth(4).click(); // refused: the page unticks it again
  assert.equal(await page.locator('#results-table input[data-compare]:checked').count(), 4, 'the fifth is refused');
  assert.match(await page.locator('#compare-note').innerText(), /At most 4/);
});

test('slices and contour: one slice per varying parameter with every completed trial; the contour of a chosen pair bins them all', async () => {
  const { page } = await analysisSweep();
  const slices = await chartOption(page, 'slices-chart');
  assert.equal(slices.series.length, 3);
  for (const s of slices.series) assert.equal(s.data.length, ANALYSIS_TRIALS, s.name);
  const kind = slices.xAxis.find((a: { name: string }) => a.name === 'kind');
  assert.equal(kind.type, 'category', 'a categorical parameter on a category axis');
  assert.equal(slices.xAxis.find((a: { name: string }) => a.name === 'learningRate').type, 'log', 'loguniform on a log axis');
  await page.selectOption('#contour-a', 'training.learningRate');
  await page.selectOption('#contour-b', 'model.kind');
  const contour = await chartOption(page, 'contour-chart');
  assert.equal(contour.xAxis[0].name, 'learningRate');
  assert.deepEqual(contour.yAxis[0].data, ['logistic', 'softmax']);
  const counted = contour.series[0].data.reduce((s: number, d: number[]) => s + d[3]!, 0);
  assert.equal(counted, ANALYSIS_TRIALS, 'every completed trial falls in one cell');
});

test('every chart saves as PNG (its toolbox), as the path and curves do', async () => {
  const { page } = await analysisSweep();
  for (const chart of ['importance-chart', 'contour-chart', 'slices-chart', 'timeline-chart', 'compare-chart', 'path-chart', 'curves-chart', 'parallel-chart']) {
    const option = await chartOption(page, chart);
    assert.ok(option.toolbox?.[0]?.feature?.saveAsImage, `${chart} has a save-as-PNG button`);
    const url = await page.evaluate(
      (cid) => (window as any).echarts.getInstanceByDom(document.getElementById(cid)).getDataURL({ type: 'png', pixelRatio: 1, backgroundColor: '#fff' }),
      chart,
    );
    assert.match(url, /^data:image\/png;base64,/);
    assert.ok(Buffer.from(url.split(',')[1], 'base64').length > 2000, `${chart} drew something`);
  }
  assert.deepEqual(problemsOf(page), [], 'no script errors');
  await page.close();
});
