import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, OUTPUT, type TestBrowser } from '../support/browser.ts';
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
