import { describe, expect, it } from 'vitest';

import { fixturePayload } from '../../test/fixtures/load-fixture.js';
import { ScraperParseError } from '../http/scraper-errors.js';
import type { ScrapedOffering } from '../scraper.types.js';
import { TogetherScraper } from './together.scraper.js';

const scraper = new TogetherScraper();
const result = scraper.parse(fixturePayload('together/pricing.html', 'https://www.together.ai/pricing'));

function offering(id: string): ScrapedOffering {
  const found = result.offerings.find((item) => item.providerModelId === id);
  if (!found) throw new Error(`no offering ${id}`);
  return found;
}
const usd = (item: ScrapedOffering) => item.prices.map((line) => `${line.component}=${line.usd}`);

describe('TogetherScraper on the pricing page fixture', () => {
  it('reads input and output columns by header, names mapped to API ids', () => {
    const llama = offering('meta-llama/Llama-3.3-70B-Instruct-Turbo');
    expect(usd(llama)).toEqual(['input=0.88', 'output=0.88']);
    expect(llama).toMatchObject({
      provider: 'together',
      sourceKey: 'Llama 3.3 70B Instruct-Turbo',
      sourceUrl: 'https://www.together.ai/pricing',
      model: { name: 'Llama 3.3 70B Instruct-Turbo', family: 'Llama models' },
    });
    expect(llama.prices[0]!.unit).toBe('1M tokens');
    expect(usd(offering('meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8'))).toEqual(['input=0.27', 'output=0.85']);
    expect(offering('meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8').model.name).toBe('Llama 4 Maverick'); // badge dropped
  });

  it('parses a table whose columns come in another order', () => {
    expect(usd(offering('deepseek-ai/DeepSeek-R1'))).toEqual(['input=3', 'output=7']);
    expect(usd(offering('deepseek-ai/DeepSeek-V3'))).toEqual(['input=1.25', 'output=1.25']);
  });

  it('reads a single price column as input = output, "$a / $b" as input / output, and Free as 0', () => {
    expect(usd(offering('Qwen/Qwen2.5-72B-Instruct-Turbo'))).toEqual(['input=1.2', 'output=1.2']);
    expect(usd(offering('Qwen/Qwen2.5-Coder-32B-Instruct'))).toEqual(['input=0.8', 'output=0.8']);
    expect(usd(offering('meta-llama/Llama-3.3-70B-Instruct-Turbo-Free'))).toEqual(['input=0', 'output=0']);
  });

  it('keeps id-shaped names, slugs unknown names, and reads sub-heading rows as the family', () => {
    expect(offering('Qwen/QwQ-32B').sourceKey).toBe('Qwen/QwQ-32B');
    const hermes = offering('nous-hermes-2-mixtral-8x7b-dpo');
    expect(hermes.model.family).toBe('Mistral');
    expect(hermes.model.candidateIds).toContain('Nous Hermes 2 Mixtral 8x7B DPO');
  });

  it('skips size buckets and tables priced per megapixel or per hour; rejects rows without a price', () => {
    expect(result.offerings.map((item) => item.providerModelId)).not.toContain('up-to-4b');
    expect(result.skipped).toBe(6); // 4 size buckets + 2 image rows
    expect(result.rejected).toEqual([{ key: 'DeepSeek models / DeepSeek-R1 Dedicated', reason: 'no price in "Contact sales | Contact sales"' }]);
    expect(result.offerings).toHaveLength(13);
  });

  it('throws ScraperParseError naming the missing "model" header when the table was renamed', () => {
    let error: unknown;
    try {
      scraper.parse(fixturePayload('together/pricing-renamed-headers.html'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScraperParseError);
    expect(error).toMatchObject({ source: 'together', field: 'model', retryable: false });
    expect((error as Error).message).toMatch(/no header cell matches \/model\/i/);
  });
});
