import { describe, expect, it } from 'vitest';

import { RESOLUTION_THRESHOLD, resolveOffering } from './resolve-offering.js';
import type { ResolutionHints } from './resolution.types.js';

function resolve(id: string, provider = 'some-host', hints?: ResolutionHints) {
  return resolveOffering({ source: 'test', provider, providerModelId: id, hints });
}

function slugOf(id: string, provider?: string, hints?: ResolutionHints) {
  const resolution = resolve(id, provider, hints);
  return resolution.status === 'resolved' ? resolution.modelSlug : `${resolution.status}:${resolution.modelSlug ?? ''}`;
}

describe('resolveOffering: one model, many ids', () => {
  it.each([
    // Claude: dated snapshots, dots, reversed order, thinking mode, Bedrock, Vertex, provider names
    ['claude-opus-4-5', 'claude-opus-4-5'],
    ['claude-opus-4.5', 'claude-opus-4-5'],
    ['claude-opus-4-5-20251101', 'claude-opus-4-5'],
    ['claude-opus-4-5-20251101-thinking', 'claude-opus-4-5'],
    ['claude-opus-4-5-20251101:thinking', 'claude-opus-4-5'],
    ['claude-4.5-opus', 'claude-opus-4-5'],
    ['anthropic--claude-4.5-opus', 'claude-opus-4-5'],
    ['us.anthropic.claude-opus-4-5-20251101-v1:0', 'claude-opus-4-5'],
    ['claude-opus-4-5@20251101', 'claude-opus-4-5'],
    ['databricks-claude-opus-4-5', 'claude-opus-4-5'],
    ['claude-opus-4-0', 'claude-opus-4'],
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ['anthropic/claude-sonnet-3.5', 'claude-3-5-sonnet'],
    ['claude-3-5-sonnet-latest', 'claude-3-5-sonnet'],
    // gpt-oss serving variants
    ['gpt-oss-120b', 'gpt-oss-120b'],
    ['gpt-oss:120b-cloud', 'gpt-oss-120b'],
    ['cerebras/gpt-oss-120b-cs', 'gpt-oss-120b'],
    ['openai/gpt-oss-120b:exacto', 'gpt-oss-120b'],
    ['openai/gpt-oss-120b-fast', 'gpt-oss-120b'],
    ['openai/chat-completion/models/gpt-oss-120b-high-throughput', 'gpt-oss-120b'],
    ['openai/gpt-oss-120b-maas', 'gpt-oss-120b'],
    ['gpt-oss-120b-mxfp-GGUF', 'gpt-oss-120b'],
    ['TEE/gpt-oss-120b', 'gpt-oss-120b'],
    ['databricks-gpt-oss-120b', 'gpt-oss-120b'],
    ['openai.gpt-oss-120b-1:0', 'gpt-oss-120b'],
    // provider names inside slugs
    ['cerebras-llama-4-maverick-17b-128e-instruct', 'llama-4-maverick'],
    ['alibaba-qwen3-32b', 'qwen-3-32b'],
    ['google-gemma-3-27b-it', 'gemma-3-27b'],
    // OpenAI dated snapshots are the same version line
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-2024-05-13', 'gpt-4o'],
    ['openai/gpt-4o', 'gpt-4o'],
    ['gpt-4-1106-preview', 'gpt-4-turbo'],
    ['gpt-35-turbo-0125', 'gpt-3-5-turbo'],
    // version grammar
    ['meta-llama/Llama-3.3-70B-Instruct', 'llama-3-3-70b'],
    ['accounts/fireworks/models/llama-v3p3-70b-instruct', 'llama-3-3-70b'],
    ['llama3-3-70b', 'llama-3-3-70b'],
    ['Meta-Llama-3_3-70B-Instruct', 'llama-3-3-70b'],
    ['meta.llama3-3-70b-instruct-v1:0', 'llama-3-3-70b'],
    ['llama-3.3-70b-versatile', 'llama-3-3-70b'],
    ['meta-llama/Llama-3.3-70B-Instruct-Turbo', 'llama-3-3-70b'],
    ['llama3.3:70b', 'llama-3-3-70b'],
    // MoE shapes
    ['Qwen/Qwen3-235B-A22B', 'qwen-3-235b-a22b'],
    ['alibaba/qwen-3-235b', 'qwen-3-235b-a22b'],
    ['meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8', 'llama-4-maverick'],
    ['meta.llama4-maverick-17b-instruct-v1:0', 'llama-4-maverick'],
    // Gemini stages and Vertex versions
    ['gemini-2.5-pro-preview-05-06', 'gemini-2-5-pro'],
    ['gemini-2.0-flash-001', 'gemini-2-0-flash'],
    // Mistral releases: version, date and HF name are one release
    ['mistralai/Mistral-Small-3.2-24B-Instruct-2506', 'mistral-small-2506'],
    ['mistral-small-2506', 'mistral-small-2506'],
    ['mistral-small-3.2-24b-instruct', 'mistral-small-2506'],
    ['mistral.mistral-7b-instruct-v0:2', 'mistral-7b-v0-2'],
  ])('%s -> %s', (id, slug) => {
    expect(slugOf(id)).toBe(slug);
  });

  it('reads the weights from an HF id when the source gives one', () => {
    expect(slugOf('deepseek/deepseek-chat', 'openrouter', { huggingFaceId: 'deepseek-ai/DeepSeek-V3' })).toBe('deepseek-v3');
    expect(slugOf('qwen/qwen3-coder', 'openrouter', { huggingFaceId: 'Qwen/Qwen3-Coder-480B-A35B-Instruct' })).toBe('qwen-3-coder-480b-a35b');
    expect(slugOf('mistralai/mistral-small-2603', 'openrouter', { huggingFaceId: 'mistralai/Mistral-Small-4-119B-2603' })).toBe('mistral-small-2603');
  });

  it("pins a moving id with OpenRouter's canonical slug", () => {
    expect(slugOf('mistralai/devstral-small', 'openrouter')).toBe('review:devstral-small');
    expect(slugOf('mistralai/devstral-small', 'openrouter', { canonicalSlug: 'mistralai/devstral-small-2507' })).toBe('devstral-small-2507');
  });
});

describe('resolveOffering: different models stay apart', () => {
  it.each([
    ['claude-opus-4', 'claude-opus-4-1', 'claude-opus-4-5'],
    ['gpt-4o', 'gpt-4o-mini', 'gpt-4o-mini-tts'],
    ['llama-3.1-70b', 'llama-3.3-70b', 'llama-3-70b'],
    ['qwen3-32b', 'qwen3-30b-a3b', 'qwen3-235b-a22b'],
    ['deepseek-v3', 'deepseek-v3-0324', 'deepseek-v3.1'],
    ['deepseek-v3.2', 'deepseek-v3.2-exp', 'deepseek-v3.2-speciale'],
    ['deepseek-r1', 'deepseek-r1-0528', 'deepseek-r1-distill-llama-70b'],
    ['Qwen/Qwen3-235B-A22B-Instruct-2507', 'Qwen/Qwen3-235B-A22B-Thinking-2507', 'Qwen/Qwen3-235B-A22B'],
    ['kimi-k2', 'kimi-k2-0905', 'kimi-k2-thinking'],
    ['mistral-large-2407', 'mistral-large-2411', 'mistral-large-2512'],
    ['gpt-oss-20b', 'gpt-oss-120b', 'gpt-oss-safeguard-20b'],
    ['o1', 'o1-mini', 'o1-preview'],
    ['grok-4', 'grok-4-fast', 'grok-4.1-fast'],
    ['allenai/Olmo-3-7B-Instruct', 'allenai/Olmo-3-7B-Think', 'allenai/Olmo-3-32B-Think'],
    ['phi-4', 'phi-4-reasoning', 'phi-4-mini-reasoning'],
    ['glm-4.5', 'glm-4.5-air', 'glm-4.5v'],
  ])('%s / %s / %s', (a, b, c) => {
    const slugs = [a, b, c].map((id) => slugOf(id));
    expect(new Set(slugs).size).toBe(3);
  });

  it('keeps the distillation apart from both its teacher and its base, and records the base', () => {
    const distill = resolve('deepseek-ai/DeepSeek-R1-Distill-Llama-70B');
    expect(distill.modelSlug).toBe('deepseek-r1-distill-llama-70b');
    expect(distill.facts.baseModel?.value).toBe('llama-3-3-70b');
    expect(distill.facts.creator?.value).toBe('deepseek');
  });

  it('makes fine-tunes and merges their own models, with their base and maker', () => {
    const abliterated = resolve('huihui-ai/Llama-3.3-70B-Instruct-abliterated');
    expect(abliterated.modelSlug).toBe('llama-3-3-70b-abliterated');
    expect(abliterated.facts.baseModel?.value).toBe('llama-3-3-70b');
    expect(abliterated.facts.creator?.value).toBe('huihui-ai');
    expect(abliterated.facts.kind?.value).toBe('open-weights');
    expect(abliterated.facts.license?.value).toBe('llama-3.3');

    const hermes = resolve('NousResearch/Hermes-3-Llama-3.1-70B');
    expect(hermes.modelSlug).toBe('hermes-3-llama-3-1-70b');
    expect(hermes.facts.baseModel?.value).toBe('llama-3-1-70b');
    expect(hermes.facts.creator?.value).toBe('nousresearch');

    const euryale = resolve('Sao10K/L3.3-70B-Euryale-v2.3');
    expect(euryale.modelSlug).toBe('l3-3-70b-euryale-v2-3');
    expect(euryale.facts.baseModel?.value).toBe('llama-3-3-70b');
  });

  it('takes an unmarked id at a host that lists base checkpoints for the base', () => {
    expect(slugOf('accounts/fireworks/models/qwen2p5-72b', 'fireworks')).toBe('qwen-2-5-72b-base');
    expect(slugOf('accounts/fireworks/models/qwen2p5-72b-instruct', 'fireworks')).toBe('qwen-2-5-72b');
    expect(slugOf('meta/llama-3-8b', 'replicate')).toBe('llama-3-8b-base');
    expect(slugOf('meta/llama-3-8b', 'vercel')).toBe('llama-3-8b');
    // Qwen3 ships hybrid checkpoints without "instruct": not a base.
    expect(slugOf('accounts/fireworks/models/qwen3-32b', 'fireworks')).toBe('qwen-3-32b');
  });
});

describe('resolveOffering: offering attributes', () => {
  it('records region, snapshot, variants, quantization and effort', () => {
    expect(resolve('us.anthropic.claude-opus-4-5-20251101-v1:0').attributes).toEqual({ variants: [], region: 'us', snapshot: '20251101' });
    expect(resolve('anthropic/claude-opus-4.6:thinking:max').attributes).toEqual({ variants: ['thinking'], reasoningEffort: 'max' });
    expect(resolve('@cf/meta/llama-3.3-70b-instruct-fp8-fast').attributes).toEqual({ variants: ['fast'], quantization: 'fp8' });
    expect(resolve('Qwen3_5-9B-Q4_K_M').attributes.quantization).toBe('q4-k-m');
    expect(resolve('meta-llama/llama-3.3-70b-instruct:free').attributes.variants).toEqual(['free']);
    expect(resolve('openai/o3-mini-high').attributes.reasoningEffort).toBe('high');
    expect(resolve('claude-3-5-sonnet-latest').attributes.movingAlias).toBe(true);
  });

  it('keeps family words that name models ("grok-4-fast", "gpt-4-turbo", "magistral-medium")', () => {
    expect(slugOf('grok-4-fast-reasoning')).toBe('grok-4-fast');
    expect(slugOf('gpt-4-turbo')).toBe('gpt-4-turbo');
    expect(slugOf('yi-lightning')).toBe('yi-lightning');
    expect(slugOf('magistral-medium-2509')).toBe('magistral-medium-2509');
  });
});

describe('resolveOffering: facts', () => {
  it.each([
    ['gpt-oss-120b', 'openai', 'open-weights', 'Apache-2.0'],
    ['qwen3-32b', 'alibaba', 'open-weights', 'Apache-2.0'],
    ['gemma-3-27b-it', 'google', 'open-weights', 'gemma'],
    ['google/gemma-4-31b-it', 'google', 'open-weights', 'Apache-2.0'],
    ['meta-llama/Llama-3.1-405B-Instruct', 'meta', 'open-weights', 'llama-3.1'],
    ['llama-4-scout', 'meta', 'open-weights', 'llama-4'],
    ['deepseek-ai/DeepSeek-V3', 'deepseek', 'open-weights', 'deepseek-model'],
    ['deepseek-ai/DeepSeek-V3-0324', 'deepseek', 'open-weights', 'MIT'],
    ['deepseek-r1', 'deepseek', 'open-weights', 'MIT'],
    ['Qwen/Qwen2.5-72B-Instruct', 'alibaba', 'open-weights', 'qwen'],
    ['Qwen/Qwen2.5-3B-Instruct', 'alibaba', 'open-weights', 'qwen-research'],
    ['Qwen/Qwen2.5-7B-Instruct', 'alibaba', 'open-weights', 'Apache-2.0'],
    ['mistral-large-2411', 'mistral', 'open-weights', 'mrl'],
    ['mistral-small-2506', 'mistral', 'open-weights', 'Apache-2.0'],
    ['moonshotai/Kimi-K2-Instruct', 'moonshot', 'open-weights', 'kimi-modified-mit'],
    ['zai-org/GLM-4.5', 'zai', 'open-weights', 'MIT'],
    ['command-r-plus-08-2024', 'cohere', 'open-weights', 'cc-by-nc-4.0'],
    ['gpt-4o', 'openai', 'closed', 'proprietary-openai'],
    ['claude-opus-4-5', 'anthropic', 'closed', 'proprietary-anthropic'],
    ['gemini-2.5-flash', 'google', 'closed', 'proprietary-google'],
    ['qwen-plus-2025-07-28', 'alibaba', 'closed', 'proprietary-alibaba'],
    ['mistral-medium-2505', 'mistral', 'closed', 'proprietary-mistral'],
  ])('%s: %s, %s, %s', (id, creator, kind, license) => {
    const { facts } = resolve(id);
    expect(facts.creator?.value).toBe(creator);
    expect(facts.kind?.value).toBe(kind);
    expect(facts.license?.value).toBe(license);
    expect(facts.license?.url ?? facts.license?.rule).toBeTruthy();
  });

  it('reads sizes from the name and marks them so', () => {
    const qwen = resolve('Qwen/Qwen3-235B-A22B').facts;
    expect(qwen.parametersB).toMatchObject({ value: 235, source: 'name-grammar' });
    expect(qwen.activeParametersB).toMatchObject({ value: 22, source: 'name-grammar' });
    const maverick = resolve('llama-4-maverick').facts;
    expect(maverick.parametersB).toMatchObject({ value: 400, source: 'family-rule' });
    expect(maverick.activeParametersB).toMatchObject({ value: 17, source: 'family-rule' });
  });

  it('takes kind from models.dev open_weights or an HF id when no rule knows the family', () => {
    expect(resolve('acme/newmodel-7b', 'x', { openWeights: true }).facts.kind).toMatchObject({ value: 'open-weights', source: 'models.dev' });
    expect(resolve('acme/newmodel-7b', 'x', { huggingFaceId: 'acme/NewModel-7B' }).facts.kind).toMatchObject({ value: 'open-weights', source: 'hf-id' });
  });

  it('lets the HF license tag decide over the family rule', () => {
    const facts = resolve('Qwen/Qwen2.5-72B-Instruct', 'huggingface', { licenseTag: 'apache-2.0' }).facts;
    expect(facts.license).toMatchObject({ value: 'Apache-2.0', source: 'huggingface' });
  });
});

describe('resolveOffering: review, routers, rejects', () => {
  it.each([
    ['deepseek-chat', 'DeepSeek API alias'],
    ['mistral-large-latest', 'Mistral line'],
    ['~anthropic/claude-opus-latest', 'moving alias'],
    ['qwen3-coder', 'without its size'],
    ['alibaba/qwen3-235b-a22b-thinking', '2507'],
  ])('%s waits for review', (id, reason) => {
    const resolution = resolve(id);
    expect(resolution.status).toBe('review');
    expect(resolution.confidence).toBeLessThan(RESOLUTION_THRESHOLD);
    expect(resolution.reason).toContain(reason);
  });

  it('reads dotless versions where two digits cannot be a version of their own', () => {
    expect(slugOf('claude-opus-41')).toBe('claude-opus-4-1');
    expect(slugOf('openai-gpt-52')).toBe('gpt-5-2');
    expect(slugOf('minimax-m25')).toBe('minimax-m2-5');
    expect(slugOf('qwen25-coder-32b-instruct')).toBe('qwen-2-5-coder-32b');
    // "gpt-41-copilot" is read as 4.1 but "copilot" keeps it apart from gpt-4.1 itself
    expect(slugOf('gpt-41-copilot')).toBe('gpt-4-1-copilot');
  });

  it('says routers are not models', () => {
    expect(resolve('openrouter/auto').status).toBe('not-a-model');
    expect(resolve('kilo-auto/balanced').status).toBe('not-a-model');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(201), '201 characters'],
    ['gpt-4o\u0000', 'control'],
    ['gpt\u200b-4o', 'invisible'],
    ['accounts/fireworks/models/', 'no model name'],
  ])('rejects %j with the reason', (id, reason) => {
    const resolution = resolve(id);
    expect(resolution.status).toBe('rejected');
    expect(resolution.reason).toContain(reason);
    expect(resolution.modelSlug).toBeUndefined();
  });

  it('leaves ids of unknown makers for review instead of inventing a creator', () => {
    const resolution = resolve('mystery-model-9000', 'nano-gpt');
    expect(resolution.status).toBe('review');
    expect(resolution.facts.creator).toBeUndefined();
  });

  it('carries evidence for every rule it applied', () => {
    const rules = resolve('us.anthropic.claude-opus-4-5-20251101-v1:0').evidence.map((item) => item.rule);
    expect(rules).toEqual(expect.arrayContaining(['strip:bedrock-version', 'strip:vendor-prefix', 'family:claude', 'strip:snapshot']));
  });
});
