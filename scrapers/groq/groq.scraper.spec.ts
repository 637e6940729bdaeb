import { describe, expect, it } from 'vitest';

import { fixturePayload } from '../../test/fixtures/load-fixture.js';
import { ScraperParseError } from '../http/scraper-errors.js';
import { GroqScraper } from './groq.scraper.js';

const scraper = new GroqScraper();
const result = scraper.parse(fixturePayload('groq/pricing.html', 'https://groq.com/pricing'));
const byId = new Map(result.offerings.map((item) => [item.providerModelId, item]));
const usd = (id: string) => byId.get(id)?.prices.map((line) => `${line.component}=${line.usd}`);

describe('GroqScraper on the pricing page fixture', () => {
  it('reads "$0.59 (1.69M / $1)" cells as the per-1M price, ignoring the speed column', () => {
    expect(usd('llama-3.3-70b-versatile')).toEqual(['input=0.59', 'output=0.79']);
    expect(usd('llama-3.1-8b-instant')).toEqual(['input=0.05', 'output=0.08']);
    expect(usd('moonshotai/kimi-k2-instruct-0905')).toEqual(['input=1', 'output=3']);
  });

  it('drops the context size from names before mapping them to API ids', () => {
    const scout = byId.get('meta-llama/llama-4-scout-17b-16e-instruct');
    expect(scout).toMatchObject({ provider: 'groq', sourceKey: 'Llama 4 Scout (17Bx16E) 128k', model: { name: 'Llama 4 Scout (17Bx16E)' } });
    expect(byId.has('openai/gpt-oss-120b')).toBe(true);
    expect(byId.has('qwen/qwen3-32b')).toBe(true);
    expect(scraper.resolveModelId('Foo Bar 7B 32k')).toBe('foo-bar-7b');
  });

  it('skips speech and text-to-speech tables (per hour, per character) and rejects unpriced rows', () => {
    expect(result.offerings).toHaveLength(7);
    expect(result.skipped).toBe(3);
    expect(result.rejected).toEqual([{ key: 'Large Language Models / Compound Beta Mini', reason: 'no price in "Coming soon | Coming soon"' }]);
  });

  it('throws ScraperParseError when the token table became cards', () => {
    expect(() => scraper.parse(fixturePayload('groq/pricing-cards-no-table.html'))).toThrow(ScraperParseError);
    expect(() => scraper.parse(fixturePayload('groq/pricing-cards-no-table.html'))).toThrow(/no per-token pricing table/);
  });
});
