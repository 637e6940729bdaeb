/**
 * The built-in dashboard in a real browser: playwright-core driving Debian's Chromium
 * (/usr/bin/chromium, installed by .ci/run) against the service on 127.0.0.1 with the seed catalog.
 * Screenshots of every view go to test-artifacts/dashboard/ (not committed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  console.warn(`dashboard browser tests skipped: ${CHROMIUM} is missing (Debian: apt-get install -y chromium; .ci/run installs it)`);
}
const browserIt = it.skipIf(!HAS_CHROMIUM);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILT = path.join(ROOT, 'dist', 'dashboard', 'index.html');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'dashboard');
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Build the page when it is missing or older than its source (a full `npm run build` type checks it too). */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const file = path.join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
    }, 0);
  const source = Math.max(newest(path.join(ROOT, 'dashboard', 'src')), statSync(path.join(ROOT, 'dashboard', 'index.html')).mtimeMs);
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= source) return;
  execFileSync(process.execPath, [path.join(ROOT, 'dashboard', 'build.mjs'), '--no-check'], { cwd: ROOT, stdio: 'inherit' });
}

let t: TestApp;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Console errors and uncaught exceptions of the page, per test. */
let problems: string[] = [];

function watch(target: Page): void {
  target.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  target.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
}

async function gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function shot(target: Page, name: string): Promise<void> {
  await target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The page's own width is the viewport's: nothing sticks out sideways (tables scroll in their box). */
async function horizontalOverflow(target: Page): Promise<number> {
  return target.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
}

/** expect.poll with room for a slow machine (its default gives up after a second). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const rowsOf = (target: Page) => target.locator('table.models-table tbody tr');

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  watch(page);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

afterEach(() => {
  const seen = problems;
  problems = [];
  // No console errors on any view.
  expect(seen).toEqual([]);
});

describe('dashboard (Chromium, seed catalog)', () => {
  browserIt('is served at / with its assets, under the CSP, from this origin only', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/dashboard\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    expect(assets.some((asset) => asset.endsWith('.css'))).toBe(true);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    for (const asset of assets) {
      const file = await fetch(`${base}${asset}`);
      expect(file.status, asset).toBe(200);
    }
    expect((await fetch(`${base}/dashboard/nope.js`)).status).toBe(404);
  });

  browserIt('models: the table renders, and its filters, search and paging go through the API', async () => {
    const requests: string[] = [];
    const onRequest = (request: { url(): string }) => requests.push(request.url());
    page.on('request', onRequest);
    await page.goto(`${base}/#/models`);
    await poll(() => rowsOf(page).count()).toBe(20);
    await poll(() => page.locator('.result-status').textContent()).toBe('Showing 1–20');
    await shot(page, 'models');

    // kind = open-weights: only open models, as many as the API has.
    const open = await gql(`{ models(filter: { kind: "open-weights" }, first: 100) { nodes { slug } } }`);
    const openCount = Math.min(20, open.models.nodes.length);
    await page.selectOption('select[name=kind]', 'open-weights');
    await poll(() => page.evaluate(`[...document.querySelectorAll('table.models-table tbody tr')].every((row) => row.dataset.kind === 'open-weights')`)).toBe(true);
    await poll(() => rowsOf(page).count()).toBe(openCount);
    expect(await page.locator('table.models-table').textContent()).not.toContain('GPT-4o');
    expect(page.url()).toContain('kind=open-weights');
    await shot(page, 'models-open-weights');

    // + commercial use forbidden
    const forbidden = await gql(`{ models(filter: { kind: "open-weights", commercialUse: "forbidden" }, first: 100) { nodes { slug } } }`);
    await page.selectOption('select[name=commercial]', 'forbidden');
    await poll(() => rowsOf(page).count()).toBe(forbidden.models.nodes.length);
    for (const text of await page.locator('table.models-table tbody tr').allTextContents()) expect(text).toContain('✗ forbidden');

    // Search by name or alias, MMLU minimum, max price.
    await page.click('button:has-text("Clear")');
    await poll(() => rowsOf(page).count()).toBe(20);
    await page.fill('input[name=q]', 'llama');
    await poll(() => page.evaluate(`[...document.querySelectorAll('table.models-table tbody tr th a')].map((a) => a.textContent).join('|')`)).toMatch(/^Llama[^|]*(\|Llama[^|]*)*$/);
    await page.fill('input[name=q]', '');
    await page.fill('input[name=mmlu]', '88');
    await page.press('input[name=mmlu]', 'Enter');
    const strong = await gql(`{ models(filter: { scores: [{ benchmark: "mmlu", min: "88" }] }, first: 100) { nodes { slug mmlu: score(benchmark: "mmlu") } } }`);
    await poll(() => rowsOf(page).count()).toBe(strong.models.nodes.length);
    // The row count can match while an earlier render is still on screen: wait for the filtered rows.
    await poll(async () => {
      const scores = await page.locator('table.models-table tbody td[data-label="MMLU %"]').allTextContents();
      return scores.length > 0 && scores.every((score) => Number(score) >= 88);
    }).toBe(true);

    // Paging with the cursor.
    await page.click('button:has-text("Clear")');
    await poll(() => page.locator('.result-status').textContent()).toBe('Showing 1–20');
    const firstPage = await rowsOf(page).first().getAttribute('data-slug');
    await page.click('button:has-text("Next page")');
    await poll(() => page.locator('.result-status').textContent()).toMatch(/^Showing 21–\d+/);
    expect(await rowsOf(page).first().getAttribute('data-slug')).not.toBe(firstPage);
    expect(page.url()).toContain('after=');
    await page.click('button:has-text("Previous page")');
    await poll(() => rowsOf(page).first().getAttribute('data-slug')).toBe(firstPage);

    page.off('request', onRequest);
    // Built only on the public GraphQL API.
    const data = requests.filter((url) => !url.includes('/dashboard/') && !url.endsWith('/') && !url.includes('/#'));
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((url) => url === `${base}/graphql`)).toBe(true);
  });

  browserIt('model page: facts, license obligations, scores, offerings, and the chart with one line per provider and component', async () => {
    const { model } = await gql(`{ model(slug: "llama-3-3-70b") { offerings { provider { slug } priceHistory { component condition usd } } } }`);
    const expected = new Set<string>();
    for (const offering of model.offerings) {
      for (const point of offering.priceHistory) if (point.condition === null) expected.add(`${offering.provider.slug}:${point.component}`);
    }
    expect(expected.size).toBeGreaterThan(1);

    await page.goto(`${base}/#/model/llama-3-3-70b`);
    await page.locator('.chart canvas').first().waitFor();
    await poll(() => page.locator('h1').textContent()).toBe('Llama 3.3 70B');
    expect(Number(await page.locator('.chart').getAttribute('data-series-count'))).toBe(expected.size);
    // uPlot's legend: the date, then one entry per line.
    expect((await page.locator('.chart .u-legend .u-series').count()) - 1).toBe(expected.size);
    const canvas = await page.locator('.chart canvas').first().boundingBox();
    expect(canvas!.width).toBeGreaterThan(200);
    expect(canvas!.height).toBeGreaterThan(150);

    // Steps: the change log beside the chart, from the price history points.
    const log = page.locator('table.changes');
    await poll(() => log.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await log.textContent()).toContain('Together AI · input');
    expect(await log.textContent()).toContain('$0.88 → $0.80');

    // Hover: the legend names the price then in force with its source and date.
    const over = (await page.locator('.chart .u-over').boundingBox())!;
    await page.mouse.move(over.x + 5, over.y + 5);
    await page.mouse.move(over.x + over.width * 0.3, over.y + over.height / 2, { steps: 4 });
    await poll(() => page.locator('.chart .u-legend').textContent()).toMatch(/\$0\.\d+ \((seed|article), \d{4}-\d{2}-\d{2}\)/);

    // License with its obligations (licenseCheck), scores and offerings.
    await poll(() => page.locator('.license-check .verdict').textContent()).toContain('conditional');
    expect(await page.locator('ul.obligations li').count()).toBeGreaterThan(0);
    expect(await page.locator('table.terms tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby=bench-h] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('table.offerings tbody tr').count()).toBe(model.offerings.length);
    await page.mouse.move(0, 0);
    await shot(page, 'model-llama-3-3-70b');
  });

  browserIt("compare: GPT-4o, Claude 3.5 Sonnet and Llama 3.3 70B at the article's prices cost $100,000, $90,000 and $8,000", async () => {
    await page.goto(`${base}/#/compare`);
    await page.locator('select[name=model1] option[value="gpt-4o"]').waitFor({ state: 'attached' });
    await page.selectOption('select[name=model1]', 'gpt-4o');
    await page.selectOption('select[name=model2]', 'claude-3-5-sonnet');
    await page.selectOption('select[name=model3]', 'llama-3-3-70b');
    await page.selectOption('select[name=model4]', '');
    await page.fill('input[name=requests]', '10000000');
    await page.fill('input[name=in]', '500');
    await page.fill('input[name=out]', '500');
    await page.fill('input[name=source]', 'article');
    await page.click('button:has-text("Compare")');
    await poll(() => page.locator('table.compare-table caption').textContent()).toContain('article prices');
    const cost = (slug: string) => page.locator(`tr[data-field="cheapestMonthlyCostUsd"] td[data-model="${slug}"]`).textContent();
    expect(await cost('gpt-4o')).toContain('$100,000');
    expect(await cost('claude-3-5-sonnet')).toContain('$90,000');
    expect(await cost('llama-3-3-70b')).toMatch(/\$8,000\s*lowest/);
    expect(await page.locator('tr[data-field="openai:monthlyCostUsd"] td[data-model="gpt-4o"]').textContent()).toBe('$100,000');
    await shot(page, 'compare');
  });

  browserIt('decide: the form returns ranked options with costs, breakdowns, license verdicts and the rules that fired', async () => {
    await page.goto(`${base}/#/decide`);
    await page.fill('input[name=requests]', '10000000');
    await page.fill('input[name=in]', '500');
    await page.fill('input[name=out]', '500');
    await page.selectOption('select[name=quality]', 'min');
    await page.fill('input[name=minScore]', '85');
    await page.click('details.more summary');
    await page.fill('input[name=source]', 'article');
    await page.click('button:has-text("Decide")');
    const rows = page.locator('table.options-table tbody tr');
    await poll(() => rows.count()).toBeGreaterThan(2);
    const tiers = await rows.evaluateAll((list) => list.map((row) => (row as unknown as { dataset: { tier: string } }).dataset.tier));
    expect(new Set(tiers)).toEqual(new Set(['closed-api', 'hosted-open', 'self-hosted']));
    for (const cost of await page.locator('table.options-table td.cost strong').allTextContents()) expect(cost).toMatch(/^\$[\d,]+(\.\d\d)?$/);
    // The article's hosted Llama 3.3 70B at Together: $8,000 a month.
    expect(await page.locator('table.options-table tr[data-tier="hosted-open"][data-model="llama-3-3-70b"] td.cost strong').first().textContent()).toBe('$8,000');
    expect(await page.locator('table.options-table .verdict').count()).toBe(await rows.count());
    expect(await page.locator('table.options-table td.cost details').count()).toBe(await rows.count());
    expect(await page.locator('.recommendation h2').textContent()).toContain('Recommendation');
    expect(await page.locator('ol.rules li').count()).toBeGreaterThan(0);
    expect(page.url()).toContain('source=article');
    await page.locator('table.options-table tbody tr').first().locator('td.cost summary').click();
    await shot(page, 'decide');
  });

  browserIt('a phone (390 x 844) renders every view without the page overflowing sideways', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const small = await phone.newPage();
    watch(small);
    try {
      // [view, ready when, what the screenshot shows first (null: the top), file]
      const views: [string, string, string | null, string][] = [
        ['#/models', 'table.models-table tbody tr', null, 'phone-models'],
        ['#/model/llama-3-3-70b', '.chart canvas', '#history-h', 'phone-model'],
        ['#/compare?models=gpt-4o,claude-3-5-sonnet,llama-3-3-70b&source=article', 'tr[data-field="cheapestMonthlyCostUsd"]', 'table.compare-table', 'phone-compare'],
        ['#/decide?source=article&run=1', 'table.options-table tbody tr', '.recommendation', 'phone-decide'],
      ];
      for (const [hash, ready, first, name] of views) {
        await small.goto(`${base}/${hash}`);
        await small.locator(ready).first().waitFor();
        expect(await horizontalOverflow(small), hash).toBeLessThanOrEqual(0);
        // What a phone shows on one screen, at the part of the view that matters.
        if (first) await small.locator(first).first().evaluate((element) => (element as unknown as { scrollIntoView(): void }).scrollIntoView());
        await small.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
      }
    } finally {
      await phone.close();
    }
  });
});
