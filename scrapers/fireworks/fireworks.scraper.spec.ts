import { describe, expect, it } from 'vitest';

import { fixturePayload } from '../../test/fixtures/load-fixture.js';
import { ScraperParseError } from '../http/scraper-errors.js';
import { FireworksScraper } from './fireworks.scraper.js';

const scraper = new FireworksScraper();
const result = scraper.parse(fixturePayload('fireworks/pricing.html', 'https://fireworks.ai/pricing'));
const byId = new Map(result.offerings.map((item) => [item.providerModelId, item]));
const usd = (id: string) => byId.get(id)?.prices.map((line) => `${line.component}=${line.usd}`);

describe('FireworksScraper on the pricing page fixture (an ARIA grid)', () => {
  it('reads one combined price, and "$3.00 input, $8.00 output" cells', () => {
    expect(usd('accounts/fireworks/models/deepseek-v3')).toEqual(['input=0.9', 'output=0.9']);
    expect(usd('accounts/fireworks/models/deepseek-r1')).toEqual(['input=3', 'output=8']);
    expect(usd('accounts/fireworks/models/deepseek-r1-basic')).toEqual(['input=0.55', 'output=2.19']);
    expect(usd('accounts/fireworks/models/llama4-maverick-instruct-basic')).toEqual(['input=0.22', 'output=0.88']);
    expect(usd('accounts/fireworks/models/llama-v3p1-405b-instruct')).toEqual(['input=3', 'output=3']);
  });

  it('falls back to accounts/fireworks/models/<slug> with Fireworks version dots', () => {
    expect(byId.get('accounts/fireworks/models/qwen3-coder-480b')?.sourceKey).toBe('Qwen3 Coder 480B');
    expect(scraper.resolveModelId('Llama 3.2 3B Instruct')).toBe('accounts/fireworks/models/llama-3p2-3b-instruct');
  });

  it('skips parameter-size buckets and tables priced per minute, step, training token or hour', () => {
    expect(result.offerings).toHaveLength(6);
    // 5 text buckets + 2 embedding buckets + 2 speech + 1 image + 2 fine-tuning rows
    expect(result.skipped).toBe(12);
    expect(result.rejected).toEqual([]);
    expect(byId.get('accounts/fireworks/models/deepseek-v3')?.model.family).toBe('Text and vision');
  });

  it('throws ScraperParseError naming the missing header when the page has no table', () => {
    let error: unknown;
    try {
      scraper.parse(fixturePayload('fireworks/pricing-client-rendered.html'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScraperParseError);
    expect(error).toMatchObject({ source: 'fireworks', field: 'model' });
    expect((error as Error).message).toMatch(/no pricing table on the page/);
  });
});
