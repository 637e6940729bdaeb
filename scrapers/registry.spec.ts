import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fixturePath } from '../test/fixtures/load-fixture.js';
import { fetchSource, readSourceFile } from './fetch-source.js';
import { PermanentFetchError } from './http/scraper-errors.js';
import { getScraper, SCRAPER_SOURCES, SCRAPERS, UnknownSourceError } from './registry.js';
import { scrapedOfferingSchema } from './scraper.types.js';

describe('scraper registry', () => {
  it('holds every source once, by its stable name', () => {
    expect(SCRAPER_SOURCES).toEqual(['litellm', 'models.dev', 'openrouter', 'together', 'groq', 'fireworks', 'huggingface']);
    expect(new Set(SCRAPER_SOURCES).size).toBe(SCRAPERS.length);
    for (const scraper of SCRAPERS) {
      expect(getScraper(scraper.source)).toBe(scraper);
      expect(scraper.description.length).toBeGreaterThan(10);
      // the default URL's host is always allowed, and it is https
      const url = new URL(scraper.defaultUrl);
      expect(url.protocol).toBe('https:');
      expect(scraper.allowedHosts).toContain(url.hostname);
    }
  });

  it('names the known sources when asked for an unknown one', () => {
    expect(() => getScraper('nope')).toThrow(UnknownSourceError);
    expect(() => getScraper('nope')).toThrow(/Unknown scraper source "nope"; known sources: litellm, models\.dev, openrouter/);
  });
});

describe('fetchSource and readSourceFile', () => {
  let server: Server;
  let base: string;
  const userAgents: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      userAgents.push(String(req.headers['user-agent']));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'vendor/model-a', pricing: { prompt: '0.000001', completion: '0.000002' } }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fetches through the shared client when loopback is explicitly allowed, and the payload parses', async () => {
    const scraper = getScraper('openrouter');
    const payload = await fetchSource(scraper, { url: `${base}/api/v1/models?key=SECRET`, allowLoopback: true, http: { maxAttempts: 1 } });
    expect(payload.url).toBe(`${base}/api/v1/models?key=REDACTED`);
    expect(payload.contentType).toBe('application/json');
    expect(payload.fetchedAt).toBeInstanceOf(Date);
    expect(userAgents.at(-1)).toMatch(/^model-ledger\//);
    const parsed = scraper.parse(payload);
    expect(parsed.offerings.map((item) => [item.providerModelId, item.prices.map((line) => line.usd)])).toEqual([['vendor/model-a', ['1', '2']]]);
  });

  it('refuses loopback unless allowed: only the scraper hosts are reachable', async () => {
    await expect(fetchSource(getScraper('openrouter'), { url: `${base}/api/v1/models`, http: { maxAttempts: 1 } })).rejects.toBeInstanceOf(
      PermanentFetchError,
    );
  });

  it('reads a saved payload from a file for --file imports', async () => {
    const payload = await readSourceFile(fixturePath('litellm/model_prices_and_context_window.json'));
    expect(payload.url).toMatch(/^file:\/\/.*model_prices_and_context_window\.json$/);
    expect(payload.contentType).toBe('application/json');
    const result = getScraper('litellm').parse(payload);
    expect(result.offerings.length).toBeGreaterThan(20);
    for (const offering of result.offerings) expect(scrapedOfferingSchema.safeParse(offering).success).toBe(true);
    const html = await readSourceFile(fixturePath('groq/pricing.html'));
    expect(html.contentType).toBe('text/html');
    // a file URL is not a page about the entry: HTML scrapers fall back to their default URL
    expect(getScraper('groq').parse(html).offerings[0]!.sourceUrl).toBe('https://groq.com/pricing');
  });
});
