import { describe, expect, it } from 'vitest';

import { fixturePayload, inlinePayload } from '../../test/fixtures/load-fixture.js';
import { ScraperParseError } from '../http/scraper-errors.js';
import type { ParseResult, ScrapedOffering } from '../scraper.types.js';
import { OpenRouterScraper } from './openrouter.scraper.js';

const scraper = new OpenRouterScraper();
const current = scraper.parse(fixturePayload('openrouter/models.json'));
const older = scraper.parse(fixturePayload('openrouter/models-2024.json'));

function offering(result: ParseResult, id: string): ScrapedOffering {
  const found = result.offerings.find((item) => item.providerModelId === id);
  if (!found) throw new Error(`no offering ${id}`);
  return found;
}

describe('OpenRouterScraper on the current shape', () => {
  it('converts per-token price strings exactly to per 1M tokens', () => {
    expect(offering(current, 'anthropic/claude-sonnet-4.5').prices).toEqual([
      { component: 'input', usd: '3', unit: '1M tokens' }, // "0.000003"
      { component: 'output', usd: '15', unit: '1M tokens' },
      { component: 'cached_input', usd: '0.3', unit: '1M tokens' },
      { component: 'cache_write', usd: '3.75', unit: '1M tokens' },
    ]);
    expect(offering(current, 'meta-llama/llama-3.3-70b-instruct').prices.map((line) => line.usd)).toEqual(['0.13', '0.39']);
    const flash = offering(current, 'google/gemini-2.5-flash');
    expect(flash.prices).toContainEqual({ component: 'reasoning', usd: '2.5', unit: '1M tokens' });
    expect(flash.prices).toContainEqual({ component: 'audio_input', usd: '1', unit: '1M tokens' });
    expect(flash.prices).toContainEqual({ component: 'cache_write', usd: '0.08333333333333334', unit: '1M tokens' });
  });

  it('keeps free models at zero and routers with their variable prices rejected per component', () => {
    expect(offering(current, 'deepseek/deepseek-r1:free').prices.map((line) => line.usd)).toEqual(['0', '0']);
    expect(offering(current, 'openrouter/auto').prices).toEqual([]);
    const reasons = Object.fromEntries(current.rejected.map((record) => [record.key, record.reason]));
    expect(reasons['openrouter/auto#pricing.prompt']).toBe('variable or unknown price (-1)');
    expect(reasons['openrouter/auto#pricing.completion']).toBe('variable or unknown price (-1)');
  });

  it('uses provider "openrouter", the id as providerModelId, and HF id / canonical slug as candidates', () => {
    const llama = offering(current, 'meta-llama/llama-3.3-70b-instruct');
    expect(llama.provider).toBe('openrouter');
    expect(llama.sourceKey).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(llama.model).toMatchObject({ huggingFaceId: 'meta-llama/Llama-3.3-70B-Instruct', name: 'Llama 3.3 70B Instruct', creator: 'meta-llama' });
    expect(llama.model.candidateIds[0]).toBe('meta-llama/Llama-3.3-70B-Instruct');
    expect(offering(current, 'deepseek/deepseek-r1:free').model.candidateIds).toEqual([
      'deepseek-ai/DeepSeek-R1',
      'deepseek/deepseek-r1',
      'deepseek/deepseek-r1:free',
      'deepseek-r1',
    ]);
    expect(offering(current, 'anthropic/claude-sonnet-4.5').model.huggingFaceId).toBeUndefined();
  });

  it('reads limits, modalities, features, expiration and the model page', () => {
    const sonnet = offering(current, 'anthropic/claude-sonnet-4.5');
    expect(sonnet).toMatchObject({
      contextWindow: 1000000,
      maxOutputTokens: 64000,
      inputModalities: ['text', 'image', 'file'],
      outputModalities: ['text'],
      features: { toolCalling: true, structuredOutput: true, promptCaching: true, vision: true },
      sourceUrl: 'https://openrouter.ai/anthropic/claude-sonnet-4.5',
    });
    expect(sonnet.model.knowledgeCutoff).toBe('2025-01-31');
    expect(offering(current, 'deepseek/deepseek-r1:free').deprecationDate).toBe('2026-06-01');
  });

  it('rejects odd components and entries with reasons', () => {
    const reasons = Object.fromEntries(current.rejected.map((record) => [record.key, record.reason]));
    expect(reasons['google/gemini-2.5-flash#pricing.image']).toMatch(/equals the prompt price/);
    expect(reasons['vendor/odd-pricing#pricing.completion']).toMatch(/not a decimal price/);
    expect(reasons['vendor/odd-pricing#pricing.discount']).toMatch(/unknown pricing key "discount"/);
    expect(reasons['data[6]']).toBe('entry without a string id');
    expect(offering(current, 'vendor/odd-pricing').prices).toEqual([{ component: 'input', usd: '1', unit: '1M tokens' }]);
    expect(current.offerings).toHaveLength(6);
    expect(current.rejected).toHaveLength(6);
  });
});

describe('OpenRouterScraper on the older (2024) shape', () => {
  it('reads modalities from "text+image->text" and per-image prices', () => {
    const sonnet = offering(older, 'anthropic/claude-3.5-sonnet');
    expect(sonnet.inputModalities).toEqual(['text', 'image']);
    expect(sonnet.outputModalities).toEqual(['text']);
    expect(sonnet.prices).toEqual([
      { component: 'input', usd: '3', unit: '1M tokens' },
      { component: 'output', usd: '15', unit: '1M tokens' },
      { component: 'image', usd: '0.0048', unit: 'image', condition: { direction: 'input' } },
    ]);
    expect(sonnet.features).toEqual({ vision: true });
  });

  it('drops "0" surcharges (image, request) but keeps token prices', () => {
    expect(offering(older, 'meta-llama/llama-3.1-8b-instruct').prices).toEqual([
      { component: 'input', usd: '0.055', unit: '1M tokens' },
      { component: 'output', usd: '0.055', unit: '1M tokens' },
    ]);
    expect(older.rejected.filter((record) => record.key.startsWith('openrouter/auto#'))).toHaveLength(4);
  });
});

describe('OpenRouterScraper structure errors', () => {
  it('throws ScraperParseError without a data array', () => {
    expect(() => scraper.parse(inlinePayload({ models: [] }))).toThrow(ScraperParseError);
    expect(() => scraper.parse(inlinePayload('<html>rate limited</html>'))).toThrow(/not JSON/);
  });
});
