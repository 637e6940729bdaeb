import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { resolveCatalog } from './resolve-catalog.js';
import type { ResolutionInput } from './resolution.types.js';

const inputs: ResolutionInput[] = [
  { source: 'litellm', provider: 'anthropic', providerModelId: 'claude-opus-4-5-20251101', hints: { contextWindow: 200000 } },
  { source: 'litellm', provider: 'aws-bedrock', providerModelId: 'us.anthropic.claude-opus-4-5-20251101-v1:0', hints: { contextWindow: 200000 } },
  { source: 'openrouter', provider: 'openrouter', providerModelId: 'anthropic/claude-opus-4.5', hints: { contextWindow: 200000 } },
  { source: 'models.dev', provider: 'nano-gpt', providerModelId: 'claude-opus-4-5-20251101-thinking', hints: { openWeights: false, releaseDate: '2025-11-24' } },
  { source: 'litellm', provider: 'anthropic', providerModelId: 'claude-opus-4-1' },
  { source: 'models.dev', provider: 'together', providerModelId: 'openai/gpt-oss-120b', hints: { openWeights: true, releaseDate: '2025-08-05', contextWindow: 131072 } },
  { source: 'models.dev', provider: 'nano-gpt', providerModelId: 'openai/gpt-oss-120b', hints: { openWeights: false, releaseDate: '2025-08-05' } },
  { source: 'litellm', provider: 'cerebras', providerModelId: 'cerebras/gpt-oss-120b-cs' },
  { source: 'openrouter', provider: 'openrouter', providerModelId: 'openai/gpt-oss-120b:free', hints: { huggingFaceId: 'openai/gpt-oss-120b' } },
  { source: 'models.dev', provider: 'x', providerModelId: 'acme/acme-13b', hints: { openWeights: true, releaseDate: '2026-01-02' } },
  { source: 'models.dev', provider: 'y', providerModelId: 'acme/acme-13b', hints: { openWeights: false, releaseDate: '2026-01-05' } },
  { source: 'models.dev', provider: 'z', providerModelId: 'acme/acme-13b', hints: { openWeights: true, releaseDate: '2026-01-02' } },
  { source: 'litellm', provider: 'deepgram', providerModelId: 'nova-3' },
  { source: 'models.dev', provider: 'cloudflare', providerModelId: 'workers-ai/@cf/deepgram/nova-3' },
  { source: 'litellm', provider: 'deepseek', providerModelId: 'deepseek-chat' },
  { source: 'openrouter', provider: 'openrouter', providerModelId: 'openrouter/auto' },
  { source: 'litellm', provider: 'x', providerModelId: '' },
];

describe('resolveCatalog', () => {
  const result = resolveCatalog(inputs);
  const model = (slug: string) => result.models.find((m) => m.slug === slug);

  it('groups the ids of one model and keeps different models apart', () => {
    expect(model('claude-opus-4-5')?.aliases).toEqual([
      'anthropic/claude-opus-4.5',
      'claude-opus-4-5-20251101',
      'claude-opus-4-5-20251101-thinking',
      'us.anthropic.claude-opus-4-5-20251101-v1:0',
    ]);
    expect(model('claude-opus-4-1')?.aliases).toEqual(['claude-opus-4-1']);
    expect(model('gpt-oss-120b')?.offerings).toHaveLength(4);
  });

  it('keeps the strongest source for each fact and the others as conflicts', () => {
    const oss = model('gpt-oss-120b')!;
    expect(oss.facts.kind).toMatchObject({ value: 'open-weights', source: 'family-rule' });
    expect(oss.facts.license).toMatchObject({ value: 'Apache-2.0', source: 'family-rule' });
    // models.dev says closed at one reseller: a weaker source, kept as a conflict, never the fact.
    expect(oss.conflicts).toEqual([
      expect.objectContaining({ fact: 'kind', kept: expect.objectContaining({ value: 'open-weights' }), other: expect.objectContaining({ value: 'closed', source: 'models.dev' }), from: expect.objectContaining({ provider: 'nano-gpt' }) }),
    ]);
    const acme = model('acme-13b')!;
    expect(acme.facts.kind).toMatchObject({ value: 'open-weights', source: 'models.dev' });
    expect(acme.facts.releaseDate?.value).toBe('2026-01-02');
    expect(acme.conflicts.map((c) => `${c.fact}:${String(c.other.value)}`)).toEqual(expect.arrayContaining(['kind:closed', 'releaseDate:2026-01-05']));
  });

  it('does not merge one slug made by two creators', () => {
    expect(model('nova-3')?.facts.creator?.value).toBe('deepgram');
    expect(model('nova-3')?.offerings).toHaveLength(2);
  });

  it('counts review, routers and rejects apart from models', () => {
    expect(result.review.map((r) => r.providerModelId)).toEqual(['deepseek-chat']);
    expect(result.notModels.map((r) => r.providerModelId)).toEqual(['openrouter/auto']);
    expect(result.rejected.map((r) => r.reason)).toEqual(['id is empty']);
    expect(result.summary).toMatchObject({ offerings: inputs.length, review: 1, notModels: 1, rejected: 1 });
    expect(result.summary.resolvedOfferings + result.summary.review + result.summary.notModels + result.summary.rejected).toBe(inputs.length);
  });

  it('gives the same result for the same inputs in any order', () => {
    const expected = JSON.stringify(result);
    fc.assert(
      fc.property(fc.shuffledSubarray(inputs, { minLength: inputs.length, maxLength: inputs.length }), (shuffled) => {
        expect(JSON.stringify(resolveCatalog(shuffled))).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });
});
