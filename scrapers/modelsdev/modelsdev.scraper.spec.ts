import { describe, expect, it } from 'vitest';

import { fixturePayload, inlinePayload } from '../../test/fixtures/load-fixture.js';
import { ScraperParseError } from '../http/scraper-errors.js';
import type { ScrapedOffering } from '../scraper.types.js';
import { ModelsDevScraper } from './modelsdev.scraper.js';

const scraper = new ModelsDevScraper();
const result = scraper.parse(fixturePayload('modelsdev/api.json'));

function offering(sourceKey: string): ScrapedOffering {
  const found = result.offerings.find((item) => item.sourceKey === sourceKey);
  if (!found) throw new Error(`no offering ${sourceKey}`);
  return found;
}

describe('ModelsDevScraper on the fixture', () => {
  it('keeps per-1M prices exact and maps cost keys to components', () => {
    expect(offering('openai/gpt-4o').prices).toEqual([
      { component: 'cached_input', usd: '1.25', unit: '1M tokens' },
      { component: 'input', usd: '2.5', unit: '1M tokens' },
      { component: 'output', usd: '10', unit: '1M tokens' },
    ]);
    expect(offering('amazon-bedrock/amazon.nova-micro-v1:0').prices).toContainEqual({ component: 'cached_input', usd: '0.00875', unit: '1M tokens' });
    // the misspelled "cached_input" key reads as cached_input
    expect(offering('togetherai/Qwen/Qwen3.5-397B-A17B').prices).toContainEqual({ component: 'cached_input', usd: '0.35', unit: '1M tokens' });
    // float noise (0.049999999999999996) is the 0.05 it stands for
    expect(offering('helicone/gpt-5-nano').prices).toContainEqual({ component: 'input', usd: '0.05', unit: '1M tokens' });
    expect(offering('openrouter/deepseek/deepseek-r1:free').prices.map((line) => line.usd)).toEqual(['0', '0']);
  });

  it('reads context_over_200k and tiers as promptTokensAbove conditions', () => {
    expect(offering('openai/gpt-5.4').prices).toContainEqual({ component: 'input', usd: '5', unit: '1M tokens', condition: { promptTokensAbove: 200000 } });
    expect(offering('openai/gpt-5.4').prices).toContainEqual({ component: 'output', usd: '22.5', unit: '1M tokens', condition: { promptTokensAbove: 200000 } });
    const sonnet = offering('anthropic/claude-sonnet-4-5');
    expect(sonnet.prices).toHaveLength(8);
    expect(sonnet.prices).toContainEqual({ component: 'cache_write', usd: '7.5', unit: '1M tokens', condition: { promptTokensAbove: 200000 } });
  });

  it('maps provider ids to our slugs and keeps the API id', () => {
    expect(offering('togetherai/meta-llama/Llama-3.3-70B-Instruct-Turbo')).toMatchObject({
      provider: 'together',
      providerModelId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    });
    expect(offering('amazon-bedrock/amazon.nova-micro-v1:0').provider).toBe('aws-bedrock');
    expect(offering('helicone/gpt-5-nano').provider).toBe('helicone');
    expect(offering('openrouter/deepseek/deepseek-r1:free').model.candidateIds).toEqual([
      'deepseek/deepseek-r1:free',
      'deepseek-r1:free',
      'deepseek-r1',
    ]);
  });

  it('reads model metadata, dropping what the contract cannot hold', () => {
    const gpt4o = offering('openai/gpt-4o');
    expect(gpt4o.model).toMatchObject({ name: 'GPT-4o', family: 'gpt', openWeights: false, releaseDate: '2024-05-13', knowledgeCutoff: '2023-09' });
    expect(gpt4o.features).toEqual({ toolCalling: true, structuredOutput: true, promptCaching: true, vision: true });
    expect(gpt4o).toMatchObject({ contextWindow: 128000, maxOutputTokens: 16384, inputModalities: ['text', 'image', 'pdf'], outputModalities: ['text'] });
    const llama = offering('togetherai/meta-llama/Llama-3.3-70B-Instruct-Turbo');
    expect(llama.model.releaseDate).toBeUndefined(); // "2024-12" is not a day
    expect(llama.maxOutputTokens).toBeUndefined(); // 0 = unknown
    expect(llama.model.openWeights).toBe(true);
    expect(llama.model.creator).toBe('meta-llama');
  });

  it('keeps a model without cost as an offering with no price lines', () => {
    expect(offering('lmstudio/qwen/qwen3-30b-a3b-2507').prices).toEqual([]);
  });

  it('rejects per-token values in per-million fields, negative costs and unknown cost keys, with reasons', () => {
    const reasons = Object.fromEntries(result.rejected.map((record) => [record.key, record.reason]));
    expect(reasons['openrouter/openai/gpt-5.4-mini']).toMatch(/implausibly small.*per-token value.*x 1e6 = 0\.075/);
    expect(reasons['helicone/broken-negative']).toMatch(/cost\.input is not a non-negative number/);
    expect(reasons['perplexity/sonar-deep-research#cost.citation']).toMatch(/unknown cost key "citation"/);
    expect(reasons['perplexity/sonar-deep-research#cost.request']).toMatch(/unknown cost key "request"/);
    expect(reasons['broken-provider']).toMatch(/without a "models" object/);
    expect(result.rejected).toHaveLength(5);
    // the unknown keys cost only themselves
    expect(offering('perplexity/sonar-deep-research').prices.map((line) => line.component)).toEqual(['input', 'output', 'reasoning']);
    expect(result.offerings).toHaveLength(10);
    expect(result.skipped).toBe(0);
  });

  it('throws ScraperParseError when no provider has models', () => {
    expect(() => scraper.parse(inlinePayload([]))).toThrow(ScraperParseError);
    expect(() => scraper.parse(inlinePayload({ openai: { id: 'openai', name: 'OpenAI' } }))).toThrow(/no provider with a "models" object/);
  });
});
