import { describe, expect, it } from 'vitest';

import { fixturePayload, inlinePayload } from '../../test/fixtures/load-fixture.js';
import { ScraperParseError } from '../http/scraper-errors.js';
import type { ScrapedOffering } from '../scraper.types.js';
import { LitellmScraper, parseLitellmKey, splitCostKey } from './litellm.scraper.js';

const scraper = new LitellmScraper();
const result = scraper.parse(fixturePayload('litellm/model_prices_and_context_window.json'));

function offering(provider: string, providerModelId: string): ScrapedOffering {
  const found = result.offerings.find((item) => item.provider === provider && item.providerModelId === providerModelId);
  if (!found) throw new Error(`no offering ${provider}/${providerModelId}`);
  return found;
}

const price = (item: ScrapedOffering, component: string, condition?: Record<string, unknown>) =>
  item.prices.find((line) => line.component === component && JSON.stringify(line.condition ?? null) === JSON.stringify(condition ?? null))?.usd;

describe('LitellmScraper on the fixture', () => {
  it('converts USD per token to exact USD per 1M tokens', () => {
    const gpt4o = offering('openai', 'gpt-4o');
    expect(price(gpt4o, 'input')).toBe('2.5'); // 2.5e-06
    expect(price(gpt4o, 'output')).toBe('10');
    expect(price(gpt4o, 'cached_input')).toBe('1.25');
    expect(price(gpt4o, 'batch_input')).toBe('1.25');
    expect(price(gpt4o, 'batch_output')).toBe('5');
    expect(price(offering('openai', 'gpt-4o-mini'), 'input')).toBe('0.15'); // 1.5e-7
    expect(price(offering('openai', 'text-embedding-3-small'), 'input')).toBe('0.02');
    expect(price(offering('deepseek', 'deepseek-chat'), 'cached_input')).toBe('0.07');
    expect(price(offering('groq', 'llama-3.1-8b-instant'), 'input')).toBe('0.05');
    // 3.0000000000000004e-07 is float noise for 3e-07
    expect(price(offering('some-new-provider', 'foo-1'), 'input')).toBe('0.3');
    for (const item of result.offerings) for (const line of item.prices) expect(line.usd).toMatch(/^\d+(\.\d+)?$/);
  });

  it('keeps zero prices as real free prices', () => {
    const ollama = offering('ollama', 'llama3');
    expect(ollama.prices).toEqual([
      { component: 'input', usd: '0', unit: '1M tokens' },
      { component: 'output', usd: '0', unit: '1M tokens' },
    ]);
  });

  it('maps LiteLLM providers to our slugs', () => {
    const slugs = (sourceKey: string) => result.offerings.find((item) => item.model.candidateIds.includes(sourceKey) || item.sourceKey === sourceKey)?.provider;
    expect(slugs('gemini/gemini-2.5-pro')).toBe('google');
    expect(slugs('gemini-1.5-pro')).toBe('google-vertex');
    expect(slugs('vertex_ai/claude-sonnet-4@20250514')).toBe('google-vertex');
    expect(slugs('together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo')).toBe('together');
    expect(slugs('fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct')).toBe('fireworks');
    expect(slugs('us.anthropic.claude-3-5-haiku-20241022-v1:0')).toBe('aws-bedrock');
    expect(slugs('azure/gpt-4o-2024-08-06')).toBe('azure');
    expect(slugs('command-r-plus')).toBe('cohere');
    expect(slugs('dashscope/qwen-plus')).toBe('alibaba');
    expect(slugs('perplexity/sonar')).toBe('perplexity');
    expect(slugs('openrouter/deepseek/deepseek-r1')).toBe('openrouter');
    expect(slugs('some_new_provider/foo-1')).toBe('some-new-provider');
  });

  it('strips routing prefixes but keeps the id the API takes', () => {
    expect(offering('deepseek', 'deepseek-chat').sourceKey).toBe('deepseek/deepseek-chat');
    expect(offering('google', 'gemini-2.5-pro').sourceKey).toBe('gemini/gemini-2.5-pro');
    expect(offering('openai', 'gpt-4o').sourceKey).toBe('gpt-4o');
    expect(offering('together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo').sourceKey).toBe(
      'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
    );
    expect(offering('aws-bedrock', 'us.anthropic.claude-3-5-haiku-20241022-v1:0')).toBeDefined();
    expect(offering('openrouter', 'deepseek/deepseek-r1').sourceKey).toBe('openrouter/deepseek/deepseek-r1');
    expect(offering('fireworks', 'accounts/fireworks/models/llama-v3p1-8b-instruct')).toBeDefined();
  });

  it('lists candidate ids: the API id, the key, the last segment and a normalized form', () => {
    expect(offering('together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo').model.candidateIds).toEqual([
      'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'Llama-3.3-70B-Instruct-Turbo',
      'llama-3.3-70b-instruct-turbo',
    ]);
    expect(offering('aws-bedrock', 'us.anthropic.claude-3-5-haiku-20241022-v1:0').model.candidateIds).toContain('claude-3-5-haiku-20241022');
    expect(offering('google-vertex', 'claude-sonnet-4@20250514').model.candidateIds).toContain('claude-sonnet-4-20250514');
  });

  it('turns 200k/128k suffixes, flex and priority into conditions', () => {
    const gemini = offering('google', 'gemini-2.5-pro');
    expect(price(gemini, 'input', { promptTokensAbove: 200000 })).toBe('2.5');
    expect(price(gemini, 'output', { promptTokensAbove: 200000 })).toBe('15');
    expect(price(gemini, 'reasoning')).toBe('10');
    const grok = offering('xai', 'grok-4');
    expect(price(grok, 'input', { promptTokensAbove: 128000 })).toBe('6');
    const gpt5 = offering('openai', 'gpt-5');
    expect(price(gpt5, 'input', { tier: 'flex' })).toBe('0.625');
    expect(price(gpt5, 'output', { tier: 'flex' })).toBe('5');
    expect(price(gpt5, 'cached_input', { tier: 'flex' })).toBe('0.0625');
    expect(price(gpt5, 'input', { tier: 'priority' })).toBe('2.5');
    expect(price(gpt5, 'output', { tier: 'priority' })).toBe('20');
    expect(price(offering('anthropic', 'claude-3-5-haiku-20241022'), 'cache_write', { cacheTtl: '1h' })).toBe('1.6');
  });

  it('reads tiered_pricing ranges as promptTokensAbove conditions', () => {
    expect(offering('alibaba', 'qwen-plus').prices).toEqual([
      { component: 'input', usd: '0.4', unit: '1M tokens' },
      { component: 'output', usd: '1.2', unit: '1M tokens' },
      { component: 'input', usd: '1.2', unit: '1M tokens', condition: { promptTokensAbove: 256000 } },
      { component: 'output', usd: '3.6', unit: '1M tokens', condition: { promptTokensAbove: 256000 } },
    ]);
  });

  it('maps audio, image, request and per-second prices with their units', () => {
    const audio = offering('openai', 'gpt-4o-audio-preview');
    expect(price(audio, 'audio_input')).toBe('40');
    expect(price(audio, 'audio_output')).toBe('80');
    expect(offering('google-vertex', 'gemini-1.5-pro').prices).toContainEqual({
      component: 'image',
      usd: '0.00032875',
      unit: 'image',
      condition: { direction: 'input' },
    });
    expect(offering('perplexity', 'sonar').prices).toContainEqual({ component: 'request', usd: '0.005', unit: 'request' });
    expect(offering('openai', 'whisper-1').prices).toEqual([
      { component: 'second', usd: '0.0001', unit: 'second', condition: { direction: 'input' } },
      { component: 'second', usd: '0', unit: 'second', condition: { direction: 'output' } },
    ]);
  });

  it('merges variant keys (image quality/size, region, commitment) into one offering with conditions', () => {
    const dalle = offering('openai', 'dall-e-3');
    expect(dalle.prices).toEqual([
      { component: 'image', usd: '0.08', unit: 'image', condition: { direction: 'output', quality: 'hd', size: '1024x1024' } },
      { component: 'image', usd: '0.04', unit: 'image', condition: { direction: 'output', quality: 'standard', size: '1024x1024' } },
    ]);
    const claude = offering('aws-bedrock', 'anthropic.claude-v2:1');
    expect(claude.sourceKey).toBe('anthropic.claude-v2:1');
    expect(price(claude, 'input')).toBe('8');
    expect(price(claude, 'input', { region: 'us-east-1' })).toBe('8');
    expect(claude.prices).toContainEqual({
      component: 'second',
      usd: '0.0175',
      unit: 'second',
      condition: { direction: 'input', region: 'us-east-1', commitment: '1-month' },
    });
    expect(claude.model.candidateIds).toContain('bedrock/us-east-1/anthropic.claude-v2:1');
    const azure = offering('azure', 'gpt-4o-2024-08-06');
    expect(price(azure, 'input', { region: 'eu' })).toBe('2.75');
    expect(result.offerings.filter((item) => item.provider === 'azure' && item.providerModelId === 'gpt-4o-2024-08-06')).toHaveLength(1);
  });

  it('reads features, limits, modalities, deprecation date and source link', () => {
    const gpt4o = offering('openai', 'gpt-4o');
    expect(gpt4o.features).toEqual({ toolCalling: true, structuredOutput: true, promptCaching: true, vision: true, batch: true });
    expect(gpt4o.contextWindow).toBe(128000);
    expect(gpt4o.maxOutputTokens).toBe(16384);
    expect(gpt4o.inputModalities).toEqual(['text', 'image']);
    expect(offering('openai', 'gpt-5').features.batch).toBe(true);
    expect(offering('anthropic', 'claude-3-5-haiku-20241022').deprecationDate).toBe('2025-10-01');
    expect(offering('google', 'gemini-2.5-pro').sourceUrl).toBe('https://ai.google.dev/pricing');
  });

  it('skips non-model keys, size buckets and non-offering modes, and takes last_updated as sourceDate', () => {
    // sample_spec, last_updated, fallback_generalizations, together-ai-41.1b-80b, fireworks-ai-up-to-4b, rerank
    expect(result.skipped).toBe(6);
    expect(result.sourceDate?.toISOString()).toBe('2026-07-24T18:23:43.215Z');
    const keys = result.offerings.map((item) => item.sourceKey);
    expect(keys).not.toContain('sample_spec');
    expect(keys).not.toContain('together-ai-41.1b-80b');
    expect(keys).not.toContain('cohere/rerank-english-v3.0');
  });

  it('rejects bad entries and bad fields with reasons, without throwing', () => {
    const reasons = Object.fromEntries(result.rejected.map((record) => [record.key, record.reason]));
    expect(reasons['broken-no-provider']).toBe('litellm_provider missing');
    expect(reasons['broken-unknown-mode']).toBe('unknown mode "telepathy"');
    expect(reasons['broken-deprecation-date']).toMatch(/^invalid record: deprecationDate/);
    expect(reasons['tts-1']).toMatch(/no price the contract can express \(only input_cost_per_character\)/);
    expect(reasons['broken-string-price#input_cost_per_token']).toMatch(/not a number/);
    expect(reasons['gpt-4o-mini#input_cost_per_token_experimental']).toMatch(/unknown cost key/);
    expect(reasons['azure_ai/gpt-4o-2024-08-06']).toMatch(/same provider and id as "azure\/gpt-4o-2024-08-06" with different prices \(output 12 vs 10\)/);
    // a bad field costs that field only
    expect(offering('openai', 'broken-string-price').prices).toEqual([{ component: 'output', usd: '2', unit: '1M tokens' }]);
    expect(result.rejected).toHaveLength(7);
    expect(result.offerings).toHaveLength(27);
  });

  it('throws ScraperParseError when the payload is not an object of model objects', () => {
    expect(() => scraper.parse(inlinePayload('not json'))).toThrow(ScraperParseError);
    expect(() => scraper.parse(inlinePayload([{ input_cost_per_token: 1 }]))).toThrow(ScraperParseError);
    expect(() => scraper.parse(inlinePayload({ last_updated: '2026-01-01', a: 1 }))).toThrow(/no model entry/);
    let error: unknown;
    try {
      scraper.parse(inlinePayload('[]'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ source: 'litellm', field: '(root)', retryable: false, url: 'https://fixtures.test/inline' });
  });
});

describe('LiteLLM key and cost-key helpers', () => {
  it('splits condition suffixes off cost keys', () => {
    expect(splitCostKey('input_cost_per_token_above_272k_tokens_priority')).toEqual({
      base: 'input_cost_per_token',
      condition: { tier: 'priority', promptTokensAbove: 272000 },
    });
    expect(splitCostKey('cache_creation_input_token_cost_above_1hr_above_200k_tokens')).toEqual({
      base: 'cache_creation_input_token_cost',
      condition: { promptTokensAbove: 200000, cacheTtl: '1h' },
    });
    expect(splitCostKey('input_cost_per_token_batches').base).toBe('input_cost_per_token_batches');
  });

  it('parses keys into API id and variant', () => {
    expect(parseLitellmKey('bedrock/us-gov-west-1/anthropic.claude-3-haiku-20240307-v1:0', 'bedrock')).toEqual({
      providerModelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      variant: { region: 'us-gov-west-1' },
    });
    expect(parseLitellmKey('bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0', 'bedrock').providerModelId).toBe(
      'us.anthropic.claude-3-5-haiku-20241022-v1:0',
    );
    expect(parseLitellmKey('groq/openai/gpt-oss-120b', 'groq').providerModelId).toBe('openai/gpt-oss-120b');
    expect(parseLitellmKey('vertex_ai/mistral-large@2407', 'vertex_ai-mistral_models').providerModelId).toBe('mistral-large@2407');
    expect(parseLitellmKey('1024-x-1024/50-steps/bedrock/amazon.nova-canvas-v1:0', 'bedrock')).toEqual({
      providerModelId: 'amazon.nova-canvas-v1:0',
      variant: { size: '1024x1024', steps: 50 },
    });
  });
});
