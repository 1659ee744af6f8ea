import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, OUTPUT, type TestBrowser } from '../support/browser.ts';
import { waitFor } from '../support/services.ts';
import { startStack, tinySweep, twoSlotWorker, type Stack } from '../support/stack.ts';

// Drawing a digit for a trained model, in a real browser (Debian's headless Chromium driven
// by playwright-core) against the real stack: a real sweep trains on MNIST in a worker process
// that stores its models in a temporary ARTIFACT_DIR the in-process API also reads; on the
// dashboard a person opens a completed trial, draws with the mouse, and sees the prediction.
// The functions passed to page.evaluate/waitForFunction run in the page, where these exist.
declare const document: any;

let stack: Stack;
let context: BrowserContext;
let browser: TestBrowser;
let artifactDir: string;
let sweepId: string;
let bestId: string;
let otherId: string;

before(async () => {
  artifactDir = mkdtempSync(join(tmpdir(), 'ms-predict-artifacts-'));
  // Keep only the best model, so the other completed trial shows what a missing model looks like.
  stack = await startStack({ label: 'predict', env: { ARTIFACT_DIR: artifactDir, ARTIFACT_KEEP: '1' }, workers: [twoSlotWorker('predict-worker')] });
  const created = await stack.http('POST', '/sweeps', tinySweep('draw a digit', 2, { training: { trainSubset: 3000, valSubset: 300 } }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  sweepId = created.body.id;
  const status = await waitFor(
    'the sweep to finish',
    async () => {
      const s = (await stack.http('GET', `/sweeps/${sweepId}`)).body.status;
      return ['completed', 'failed', 'cancelled'].includes(s) && s;
    },
    { timeoutMs: 180_000, intervalMs: 500 },
  );
  assert.equal(status, 'completed', stack.outputs());
  bestId = (await stack.http('GET', `/sweeps/${sweepId}/best`)).body.trial.id;
  const trials = (await stack.http('GET', `/sweeps/${sweepId}/trials`)).body.items as { id: string }[];
  otherId = trials.find((t) => t.id !== bestId)!.id;
  // Retention removes the other model as the sweep ends; wait for it rather than race it.
  await waitFor('the non-best model to be removed', async () => (await stack.http('GET', `/trials/${otherId}/model/model.json`)).status === 404, {
    timeoutMs: 15_000,
  });

  browser = await launchBrowser({ width: 1200, height: 1000 });
  context = browser.context;
});

after(async () => {
  await browser?.close();
  await stack?.close();
  if (artifactDir) rmSync(artifactDir, { recursive: true, force: true });
});

/** A stroke with the mouse: press at the first point, move through the rest, release. */
async function draw(page: Page, points: [number, number][]) {
  const box = (await page.locator('#digit-canvas').boundingBox())!;
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first![0], box.y + first![1]);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
  await page.mouse.up();
}

/** A vertical stroke down the middle of the canvas, like a "1". */
const ONE: [number, number][] = Array.from({ length: 10 }, (_, i) => [140 + i, 50 + i * 20]);

test("on a completed trial's page, a stroke drawn with the mouse is sent to /trials/ID/predict and the page shows the model's digit and 10 probabilities", async () => {
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  const sent: { url: string; body: string }[] = [];
  page.on('request', (r) => r.method() === 'POST' && r.url().includes('/predict') && sent.push({ url: r.url(), body: r.postData() ?? '' }));

  // From the sweep's results table: the best row's "try it" link opens the trial page.
  await page.goto(`${stack.apis[0]!.url}/dashboard/#/sweeps/${sweepId}`);
  const link = page.locator(`#results-table tr[data-trial-id="${bestId}"] a.try-it`);
  await link.waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('#results-table a.try-it').count(), 2, 'one link per completed trial');
  await link.click();
  await page.locator('#digit-canvas').waitFor({ timeout: 15_000 });
  assert.equal(new URL(page.url()).hash, `#/trials/${bestId}`);
  await page.waitForFunction(() => document.getElementById('trial-title')?.textContent !== 'Trial', undefined, { timeout: 15_000 });
  assert.deepEqual(await page.locator('#digit-canvas').evaluate((c: any) => [c.width, c.height]), [280, 280]);

  const answered = page.waitForResponse((r) => r.url().endsWith('/predict'), { timeout: 60_000 });
  await draw(page, ONE);
  assert.equal((await answered).status(), 200);
  await page.locator('#predict-result').waitFor({ state: 'visible', timeout: 15_000 });

  // What the page sent: one 28x28 grey image, white on black, the stroke centred as in MNIST.
  assert.equal(sent.length, 1, 'one request per stroke');
  assert.equal(new URL(sent[0]!.url).pathname, `/trials/${bestId}/predict`);
  const body = JSON.parse(sent[0]!.body) as { images: number[][] };
  assert.equal(body.images.length, 1);
  const pixels = body.images[0]!;
  assert.equal(pixels.length, 784);
  assert.ok(pixels.every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
  const lit = pixels.flatMap((v, i) => (v > 0 ? [{ row: Math.floor(i / 28), col: i % 28, v }] : []));
  const rows = lit.map((p) => p.row);
  assert.ok(Math.min(...rows) >= 3 && Math.max(...rows) <= 24, `the stroke spans about 20 rows in the middle: ${Math.min(...rows)}..${Math.max(...rows)}`);
  const mass = lit.reduce((s, p) => s + p.v, 0);
  const colCentre = lit.reduce((s, p) => s + p.col * p.v, 0) / mass;
  assert.ok(Math.abs(colCentre - 13.5) <= 1.5, `centred horizontally: ${colCentre}`);
  const picture = Array.from({ length: 28 }, (_, r) =>
    pixels
      .slice(r * 28, r * 28 + 28)
      .map((v) => ' .:-=+*#%@'[Math.floor(v / 25.6)])
      .join(''),
  ).join('\n');
  assert.ok(pixels.filter((v) => v >= 200).length >= 20, `the stroke's core is near white:\n${picture}`);

  // What the page shows: a digit and 10 probabilities summing to 1, the digit the most likely.
  const digit = Number(await page.locator('#predict-digit').innerText());
  assert.ok(Number.isInteger(digit) && digit >= 0 && digit <= 9, `a digit: ${digit}`);
  const shown = await page.locator('#predict-probs .prob').evaluateAll((els: any[]) => els.map((e) => [Number(e.dataset.digit), Number(e.dataset.p)]));
  assert.deepEqual(
    shown.map(([k]) => k),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  const probabilities = shown.map(([, p]) => p!);
  assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-3, `sum ${probabilities.reduce((a, b) => a + b, 0)}`);
  assert.equal(digit, probabilities.indexOf(Math.max(...probabilities)));

  // The same image replayed to the API gets the same answer the page shows.
  const replay = await stack.http('POST', `/trials/${bestId}/predict`, body);
  assert.equal(replay.status, 200, JSON.stringify(replay.body));
  assert.equal(replay.body.predictions[0].digit, digit);
  assert.deepEqual(replay.body.predictions[0].probabilities, probabilities);
  await page.screenshot({ path: join(OUTPUT, 'dashboard-predict.png'), fullPage: true });

  // Clear wipes the drawing and the answer.
  await page.locator('#clear-canvas').click();
  assert.equal(await page.locator('#predict-result').isVisible(), false);
  assert.equal(await page.locator('#predict-probs .prob').count(), 0);
  const litAfterClear = await page.locator('#digit-canvas').evaluate((c: any) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.equal(litAfterClear, 0, 'the canvas is black again');
  assert.deepEqual(pageErrors, [], 'no script errors');
  await page.close();
});

test("a completed trial whose model was not kept: drawing shows the API's 404 message on the page instead of a prediction, and nothing crashes", async () => {
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message)); // the browser logs the 404 itself as a console error: expected here
  await page.goto(`${stack.apis[0]!.url}/dashboard/#/trials/${otherId}`);
  await page.locator('#digit-canvas').waitFor({ timeout: 15_000 });
  const answered = page.waitForResponse((r) => r.url().endsWith('/predict'), { timeout: 30_000 });
  await draw(page, ONE);
  assert.equal((await answered).status(), 404);
  await page.locator('#predict-error').waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await page.locator('#predict-error').innerText(), /No prediction: trial .* has no stored model.*ARTIFACT_KEEP/);
  assert.equal(await page.locator('#predict-result').isVisible(), false);
  // The page still works: clearing and drawing again asks again.
  await page.locator('#clear-canvas').click();
  assert.equal(await page.locator('#predict-error').isVisible(), false);
  const again = page.waitForResponse((r) => r.url().endsWith('/predict'), { timeout: 30_000 });
  await draw(page, ONE);
  assert.equal((await again).status(), 404);
  await page.locator('#predict-error').waitFor({ state: 'visible', timeout: 15_000 });
  assert.deepEqual(pageErrors, [], 'no script errors');
  await page.close();
});
