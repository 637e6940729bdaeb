import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ARTICLE = { requestsPerMonth: 10_000_000, inputTokensPerRequest: 500, outputTokensPerRequest: 500 };

interface Option {
  rank: number;
  tier: string;
  model: { slug: string };
  provider: { slug: string };
  monthlyCostUsd: string;
  breakdown: Record<string, unknown>;
  deployment: { gpu: { slug: string }; gpusPerReplica: number; replicas: number; gpus: number } | null;
  priceSources: string[];
  quality: { score: string } | null;
  license: { verdict: string; reasons: { section: string }[] } | null;
  meetsAllConstraints: boolean;
  missedConstraints: { constraint: string; reason: string }[];
}

async function decide(body: Record<string, unknown>) {
  const { body: result } = await t.http.post('/v1/decision').send({ workload: ARTICLE, limit: 100, ...body }).expect(200);
  return result as { options: Option[]; recommendation: { tier: string; optionIndex: number; model: string; rationale: string[] } | null; rules: { id: string; inputs: Record<string, unknown> }[] };
}

const option = (options: Option[], tier: string, model: string, provider?: string) =>
  options.find((o) => o.tier === tier && o.model.slug === model && (provider === undefined || o.provider.slug === provider));

describe('POST /v1/decision reproduces the article (priceSource=article)', () => {
  it('the five costs of "The Cost Equation", to the dollar', async () => {
    const { options } = await decide({ priceSource: 'article' });
    const gpt = option(options, 'closed-api', 'gpt-4o', 'openai')!;
    expect(gpt).toMatchObject({ monthlyCostUsd: '100000', priceSources: ['article'], breakdown: { input: '25000', output: '75000' } });
    expect(option(options, 'closed-api', 'claude-3-5-sonnet', 'anthropic')).toMatchObject({ monthlyCostUsd: '90000', breakdown: { input: '15000', output: '75000' } });
    expect(option(options, 'hosted-open', 'llama-3-3-70b', 'together')).toMatchObject({ monthlyCostUsd: '8000', breakdown: { input: '4000', output: '4000' } });
    const selfHosted = option(options, 'self-hosted', 'llama-3-3-70b')!;
    expect(selfHosted).toMatchObject({
      monthlyCostUsd: '6260',
      provider: { slug: 'gpu-cloud-article' },
      priceSources: ['article'],
      deployment: { gpu: { slug: 'a100-80gb' }, gpusPerReplica: 4, replicas: 1, gpus: 4 },
      breakdown: { gpu: '5760', infrastructure: '500', ops: '0', gpuHours: '2880', usdPerGpuHour: '2', hoursPerMonth: '720' },
    });
    const small = option(options, 'self-hosted', 'llama-3-1-8b')!;
    expect(small).toMatchObject({ monthlyCostUsd: '1500', deployment: { gpusPerReplica: 1, replicas: 1 }, breakdown: { gpu: '1440', infrastructure: '60' } });
  });

  it('recommends self-hosting the 70B model at MMLU >= 85 and says which rules fired', async () => {
    const result = await decide({ priceSource: 'article', quality: { benchmark: 'mmlu', minScore: 85 } });
    expect(result.recommendation).toMatchObject({ tier: 'self-hosted', model: 'llama-3-3-70b', optionIndex: 0 });
    expect(result.options[0]).toMatchObject({ model: { slug: 'llama-3-3-70b' }, monthlyCostUsd: '6260', meetsAllConstraints: true });
    expect(result.recommendation!.rationale.join(' ')).toMatch(/Saves \$24,990\/month/);
    const spend = result.rules.find((rule) => rule.id === 'spend-over-10k-evaluate-open')!;
    expect(spend.inputs).toMatchObject({ apiSpendUsd: '31250', apiSpendModel: 'gemini-2-0-pro' });
    expect(result.rules.map((rule) => rule.id)).toContain('ops-cost-not-counted');
    expect(option(result.options, 'self-hosted', 'llama-3-1-8b')!.missedConstraints).toEqual([{ constraint: 'quality', reason: 'mmlu 73 is below 85' }]);
  });

  it('best quality -> the closed API with the top MMLU (GPT-4o, ~88%)', async () => {
    const result = await decide({ priceSource: 'article', quality: 'best' });
    expect(result.recommendation).toMatchObject({ tier: 'closed-api', model: 'gpt-4o' });
    expect(result.options[0]!.quality!.score).toBe('88');
    expect(result.rules.map((rule) => rule.id)).toContain('best-quality-closed-api');
  });
});

describe('the cost model in the decision', () => {
  it('replicas grow with volume and with peakToAverage', async () => {
    const doubled = await decide({ priceSource: 'article', workload: { ...ARTICLE, requestsPerMonth: 20_000_000 } });
    expect(option(doubled.options, 'self-hosted', 'llama-3-3-70b')).toMatchObject({ deployment: { replicas: 2, gpus: 8 }, monthlyCostUsd: '12520' });
    const spiky = await decide({ priceSource: 'article', workload: { ...ARTICLE, peakToAverage: 3 } });
    expect(option(spiky.options, 'self-hosted', 'llama-3-3-70b')).toMatchObject({ deployment: { replicas: 3 }, monthlyCostUsd: '18780' });
    // APIs charge per token: the peak changes nothing there.
    expect(option(spiky.options, 'hosted-open', 'llama-3-3-70b', 'together')!.monthlyCostUsd).toBe('8000');
    expect(spiky.rules.find((rule) => rule.id === 'spiky-traffic')!.inputs).toMatchObject({ peakToAverage: 3 });
  });

  it('low volume makes self-hosting lose', async () => {
    const result = await decide({ priceSource: 'article', workload: { ...ARTICLE, requestsPerMonth: 50_000 }, quality: { benchmark: 'mmlu', minScore: 85 } });
    const selfHosted = option(result.options, 'self-hosted', 'llama-3-3-70b')!;
    const hosted = option(result.options, 'hosted-open', 'llama-3-3-70b', 'together')!;
    expect(selfHosted.monthlyCostUsd).toBe('6260'); // one replica all month, whatever the volume
    expect(hosted.monthlyCostUsd).toBe('40');
    expect(result.recommendation!.tier).not.toBe('self-hosted');
    expect(result.rules.map((rule) => rule.id)).toEqual(expect.arrayContaining(['low-volume', 'spend-under-2k-hosted-apis']));
  });

  it('ops cost is added to self-hosting and turns the choice', async () => {
    const result = await decide({ priceSource: 'article', quality: { benchmark: 'mmlu', minScore: 85 }, opsCostUsdPerMonth: 2000 });
    expect(option(result.options, 'self-hosted', 'llama-3-3-70b')).toMatchObject({ monthlyCostUsd: '8260', breakdown: { ops: '2000' } });
    // DeepSeek V3 at $0.27 / $1.10: $1,350 + $5,500.
    expect(result.recommendation).toMatchObject({ tier: 'hosted-open', model: 'deepseek-v3' });
    expect(result.options[0]!.monthlyCostUsd).toBe('6850');
    expect(result.rules.map((rule) => rule.id)).toContain('ops-cost-counted');
  });

  it('prices as on a past day (pricesAsOf), at current prices by default', async () => {
    const past = await decide({ pricesAsOf: '2024-06-01', only: { models: ['gpt-4o'], providers: ['openai'] } });
    expect(option(past.options, 'closed-api', 'gpt-4o')).toMatchObject({ monthlyCostUsd: '100000', priceSources: ['seed'] });
    const now = await decide({ only: { models: ['GPT-4o'], providers: ['openai'] } });
    // Today OpenAI lists gpt-4o at the article's $5 / $15 and the dated id gpt-4o-2024-08-06 at $2.50 / $10: a provider's cheapest id counts.
    expect(option(now.options, 'closed-api', 'gpt-4o')!.monthlyCostUsd).toBe('62500');
  });
});

describe('constraints', () => {
  it('sensitive data -> self-hosted: API options miss dataSensitivity', async () => {
    const result = await decide({ priceSource: 'article', dataSensitivity: 'sensitive', quality: { benchmark: 'mmlu', minScore: 80 } });
    expect(result.recommendation).toMatchObject({ tier: 'self-hosted' });
    const gpt = option(result.options, 'closed-api', 'gpt-4o')!;
    expect(gpt.meetsAllConstraints).toBe(false);
    expect(gpt.missedConstraints.map((miss) => miss.constraint)).toEqual(['dataSensitivity']);
    expect(result.rules.map((rule) => rule.id)).toContain('sensitive-data-self-hosted');
  });

  it('regulated industry, fine-tuning control and latency fire their rules', async () => {
    const result = await decide({ priceSource: 'article', dataSensitivity: 'regulated', needsFineTuning: true, latencyCritical: true });
    expect(result.rules.map((rule) => rule.id)).toEqual(expect.arrayContaining(['regulated-industry-self-hosted', 'fine-tuning-control-open', 'latency-critical-self-hosted']));
    expect(result.recommendation!.tier).toBe('self-hosted');
    const closed = option(result.options, 'closed-api', 'gpt-4o')!;
    expect(closed.missedConstraints.map((miss) => miss.constraint).sort()).toEqual(['dataSensitivity', 'needsFineTuning']);
  });

  it('a budget below every option: the closest is recommended, saying what it misses', async () => {
    const result = await decide({ priceSource: 'article', budgetUsdPerMonth: '1000', quality: { benchmark: 'mmlu', minScore: 85 } });
    expect(result.options.every((o) => !o.meetsAllConstraints)).toBe(true);
    expect(result.options[0]!.missedConstraints).toEqual([{ constraint: 'budgetUsdPerMonth', reason: expect.stringContaining('over the $1,000 budget') }]);
    expect(result.recommendation!.rationale.join(' ')).toMatch(/No option meets every constraint/);
  });

  it('the license is checked for the use: training other models on GPT-4o outputs is refused, citing the clause', async () => {
    const result = await decide({ priceSource: 'article', use: { outputsTrainOtherModels: true } });
    const gpt = option(result.options, 'closed-api', 'gpt-4o')!;
    expect(gpt.license!.verdict).toBe('incompatible');
    expect(gpt.missedConstraints.find((miss) => miss.constraint === 'license')!.reason).toMatch(/forbids using outputs to train other models/);
    expect(gpt.license!.reasons.length).toBeGreaterThan(0);
  });

  it('only / exclude by provider and model (slugs or aliases)', async () => {
    const only = await decide({ priceSource: 'article', only: { providers: ['together', 'gpu-cloud-article'] } });
    expect(new Set(only.options.map((o) => o.provider.slug))).toEqual(new Set(['together', 'gpu-cloud-article']));
    const excluded = await decide({ priceSource: 'article', exclude: { models: ['meta-llama/Llama-3.3-70B-Instruct-Turbo'] } });
    expect(excluded.options.some((o) => o.model.slug === 'llama-3-3-70b')).toBe(false);
  });

  it('shows the best option of every tier even beyond the limit', async () => {
    const result = await decide({ priceSource: 'article', limit: 1 });
    expect(new Set(result.options.map((o) => o.tier))).toEqual(new Set(['closed-api', 'hosted-open', 'self-hosted']));
    expect(result.options.map((o) => o.rank)).toEqual([1, 2, 3]);
  });
});

describe('POST /v1/route', () => {
  const classes = [
    { name: 'pii-redaction', requestsPerMonth: 2_000_000, tokensPerRequest: 1000, sensitivity: 'sensitive' },
    { name: 'legal-reasoning', requestsPerMonth: 200_000, inputTokensPerRequest: 1500, outputTokensPerRequest: 500, complexity: 'complex' },
    { name: 'classification', requestsPerMonth: 5_000_000, tokensPerRequest: 400, complexity: 'simple' },
    { name: 'support-chat', requestsPerMonth: 300_000, tokensPerRequest: 1000 },
  ];

  it('routes each class by its rule; the total adds up; the saving is against GPT-4o for everything', async () => {
    const { body } = await t.http.post('/v1/route').send({ priceSource: 'article', classes }).expect(200);
    const byName = (name: string) => body.classes.find((c: { name: string }) => c.name === name);
    expect(byName('pii-redaction')).toMatchObject({ tier: 'self-hosted', rule: { id: 'sensitive-to-self-hosted' }, option: { model: { slug: 'llama-3-3-70b' } }, monthlyCostUsd: '6260' });
    expect(byName('legal-reasoning')).toMatchObject({ tier: 'closed-api', rule: { id: 'complex-to-frontier' }, option: { model: { slug: 'gpt-4o' } } });
    expect(byName('classification')).toMatchObject({ rule: { id: 'high-volume-cheapest' } });
    expect(byName('support-chat')).toMatchObject({ tier: 'hosted-open', rule: { id: 'default-hosted-open' } });

    const cents = (usd: string) => Math.round(Number(usd) * 100);
    const sum = body.classes.reduce((acc: number, c: { monthlyCostUsd: string }) => acc + cents(c.monthlyCostUsd), 0);
    expect(cents(body.totalMonthlyCostUsd)).toBe(sum);
    expect(body.frontier).toMatchObject({ model: 'gpt-4o', provider: 'openai' });
    // Everything on GPT-4o at $5 / $15: 1B+1B, 0.3B+0.1B, 1B+1B, 0.15B+0.15B tokens.
    expect(body.frontier.monthlyCostUsd).toBe('46000');
    expect(cents(body.savingUsd)).toBe(cents(body.frontier.monthlyCostUsd) - sum);
    expect(Number(body.savingPercent)).toBeCloseTo(((46000 - sum / 100) / 46000) * 100, 0);
  });

  it('input errors name the field', async () => {
    const { body } = await t.http.post('/v1/route').send({ classes: [{ name: 'x', requestsPerMonth: 10, tokensPerRequest: 100, complexity: 'hard' }] }).expect(400);
    expect(body.issues.map((issue: { path: string }) => issue.path)).toEqual(['classes.0.complexity']);
    const noTokens = await t.http.post('/v1/route').send({ classes: [{ name: 'x', requestsPerMonth: 10 }] }).expect(400);
    expect(noTokens.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['classes.0.tokensPerRequest']);
    const both = await t.http.post('/v1/route').send({ classes: [{ name: 'x', requestsPerMonth: 10, tokensPerRequest: 5, inputTokensPerRequest: 5 }] }).expect(400);
    expect(both.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['classes.0.tokensPerRequest']);
    const twice = await t.http.post('/v1/route').send({ classes: [{ name: 'x', requestsPerMonth: 1, tokensPerRequest: 5 }, { name: 'x', requestsPerMonth: 1, tokensPerRequest: 5 }] }).expect(400);
    expect(twice.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['classes.1.name']);
    const empty = await t.http.post('/v1/route').send({ classes: [] }).expect(400);
    expect(empty.body.issues[0].path).toBe('classes');
  });
});

describe('input errors are 400s naming the field', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['no workload', { workload: undefined }, 'workload'],
    ['negative requests', { workload: { ...ARTICLE, requestsPerMonth: -1 } }, 'workload.requestsPerMonth'],
    ['fractional tokens', { workload: { ...ARTICLE, inputTokensPerRequest: 1.5 } }, 'workload.inputTokensPerRequest'],
    ['peak below average', { workload: { ...ARTICLE, peakToAverage: 0.5 } }, 'workload.peakToAverage'],
    ['share above 1', { workload: { ...ARTICLE, cachedInputShare: 2 } }, 'workload.cachedInputShare'],
    ['unknown workload field', { workload: { ...ARTICLE, tokens: 5 } }, 'workload'],
    ['bad quality', { quality: 'great' }, 'quality'],
    ['unknown sensitivity', { dataSensitivity: 'secret' }, 'dataSensitivity'],
    ['latency not a boolean', { latencyCritical: 'yes' }, 'latencyCritical'],
    ['negative budget', { budgetUsdPerMonth: -5 }, 'budgetUsdPerMonth'],
    ['ops cost not money', { opsCostUsdPerMonth: 'lots' }, 'opsCostUsdPerMonth'],
    ['bad use flag', { use: { commercial: 'maybe' } }, 'use.commercial'],
    ['unknown use field', { use: { jurisdiction: 'EU' } }, 'use'],
    ['bad date', { pricesAsOf: 'yesterday' }, 'pricesAsOf'],
    ['bad source', { priceSource: 'The Article' }, 'priceSource'],
    ['unknown field', { speed: 'fast' }, ''],
    ['limit out of range', { limit: 0 }, 'limit'],
  ])('%s', async (_name, change, field) => {
    const { body } = await t.http.post('/v1/decision').send({ workload: ARTICLE, ...change }).expect(400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.issues.map((issue: { path: string }) => issue.path)).toContain(field);
  });

  it('an unknown SPDX id in the product license names use.productLicense', async () => {
    const { body } = await t.http.post('/v1/decision').send({ workload: ARTICLE, use: { productLicense: 'MIT OR Not-A-License' } }).expect(400);
    expect(body.issues).toEqual([{ path: 'use.productLicense', message: expect.stringContaining('Not-A-License') }]);
  });

  it('an unknown model in only/exclude names it', async () => {
    const { body } = await t.http.post('/v1/decision').send({ workload: ARTICLE, only: { models: ['gpt-4o', 'gpt-17'] } }).expect(400);
    expect(body.issues).toEqual([{ path: 'only.models.1', message: 'no model with slug or alias "gpt-17"' }]);
  });
});

describe('OpenAPI', () => {
  it('documents the three POST endpoints with their bodies', async () => {
    const spec = (await t.http.get('/openapi.json').expect(200)).body;
    for (const path of ['/v1/decision', '/v1/route', '/v1/license-check']) {
      expect(spec.paths[path].post.requestBody.content['application/json'].schema.type).toBe('object');
    }
    expect(Object.keys(spec.paths['/v1/decision'].post.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['workload', 'quality', 'dataSensitivity', 'use', 'pricesAsOf', 'priceSource']),
    );
  });
});
