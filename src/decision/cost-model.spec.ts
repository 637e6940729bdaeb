import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { apiMonthlyCost, ARTICLE_WORKLOAD, MissingPriceError, selfHostCostLowerBound, selfHostMonthlyCost, type TokenPriceLine } from './cost-model.js';

const lines = (input: string, output: string, extra: TokenPriceLine[] = []): TokenPriceLine[] => [
  { component: 'input', condition: null, usd: input },
  { component: 'output', condition: null, usd: output },
  ...extra,
];

describe('apiMonthlyCost on the article workload (10M x 500 in / 500 out)', () => {
  it.each([
    ['GPT-4o', '5', '15', '100000', '25000', '75000'],
    ['Claude Sonnet', '3', '15', '90000', '15000', '75000'],
    ['Llama 3.3 70B on Together AI', '0.80', '0.80', '8000', '4000', '4000'],
  ])('%s costs $%s in, $%s out -> $%s', (_name, input, output, total, inputCost, outputCost) => {
    const cost = apiMonthlyCost(ARTICLE_WORKLOAD, lines(input, output));
    expect(cost.monthlyCostUsd).toBe(total);
    expect(cost.breakdown).toMatchObject({ input: inputCost, output: outputCost, inputTokens: '5000000000', outputTokens: '5000000000' });
  });

  it('is exact where floats are not (0.1 + 0.2)', () => {
    const cost = apiMonthlyCost({ requestsPerMonth: 1, inputTokensPerRequest: 1_000_000, outputTokensPerRequest: 1_000_000 }, lines('0.1', '0.2'));
    expect(cost.monthlyCostUsd).toBe('0.3');
  });

  it('prices the cached share at the cached-input price and batch at batch prices', () => {
    const cost = apiMonthlyCost(
      { ...ARTICLE_WORKLOAD, cachedInputShare: '0.5', batchShare: '0.2' },
      lines('2.5', '10', [
        { component: 'cached_input', condition: null, usd: '1.25' },
        { component: 'batch_input', condition: null, usd: '1.25' },
        { component: 'batch_output', condition: null, usd: '5' },
      ]),
    );
    // batch: 1B in x 1.25 + 1B out x 5 = 1,250 + 5,000; interactive in: 4B, half cached: 2B x 1.25 + 2B x 2.5; out 4B x 10
    expect(cost.breakdown).toMatchObject({ batchInput: '1250', batchOutput: '5000', cachedInput: '2500', input: '5000', output: '40000' });
    expect(cost.monthlyCostUsd).toBe('53750');
    expect(cost.breakdown.batchDiscount).toBe('6250');
  });

  it('applies the long-context tier when requests are larger than its threshold', () => {
    const tiered = lines('1.25', '10', [
      { component: 'input', condition: { promptTokensAbove: 200000 }, usd: '2.5' },
      { component: 'output', condition: { promptTokensAbove: 200000 }, usd: '15' },
    ]);
    const small = apiMonthlyCost({ requestsPerMonth: 1000, inputTokensPerRequest: 1000, outputTokensPerRequest: 1000 }, tiered);
    expect(small.breakdown.condition).toBeNull();
    const large = apiMonthlyCost({ requestsPerMonth: 1000, inputTokensPerRequest: 300000, outputTokensPerRequest: 1000 }, tiered);
    expect(large.breakdown.condition).toEqual({ promptTokensAbove: 200000 });
    expect(large.monthlyCostUsd).toBe('765'); // 300M x 2.5 + 1M x 15
  });

  it('refuses an offering without an output price', () => {
    expect(() => apiMonthlyCost(ARTICLE_WORKLOAD, [{ component: 'input', condition: null, usd: '1' }])).toThrow(MissingPriceError);
  });
});

describe('selfHostMonthlyCost', () => {
  const article = { hoursPerMonth: 720, opsUsdPerMonth: 0 };

  it('reproduces the article: Llama 3.3 70B on 4 x A100 80GB at $2/h = $5,760 + $500', () => {
    const cost = selfHostMonthlyCost(
      ARTICLE_WORKLOAD,
      { gpuSlug: 'a100-80gb', gpusPerReplica: 4, sustainedTokensPerSecond: 4000, infrastructureUsdPerMonth: 500 },
      '2',
      article,
    );
    expect(cost).toMatchObject({ replicas: 1, gpus: 4, monthlyCostUsd: '6260' });
    expect(cost.breakdown).toMatchObject({ gpu: '5760', infrastructure: '500', gpuHours: '2880' });
  });

  it('grows replicas with volume and with peak-to-average', () => {
    const profile = { gpuSlug: 'a100-80gb', gpusPerReplica: 4, sustainedTokensPerSecond: 4000, infrastructureUsdPerMonth: 500 };
    const double = selfHostMonthlyCost({ ...ARTICLE_WORKLOAD, requestsPerMonth: 20_000_000 }, profile, '2', article);
    expect(double.replicas).toBe(2);
    const spiky = selfHostMonthlyCost({ ...ARTICLE_WORKLOAD, peakToAverage: 3 }, profile, '2', article);
    expect(spiky.replicas).toBe(3);
    expect(spiky.monthlyCostUsd).toBe('18780');
  });

  it('never goes below one replica, and adds ops cost', () => {
    const tiny = selfHostMonthlyCost(
      { requestsPerMonth: 1000, inputTokensPerRequest: 100, outputTokensPerRequest: 100 },
      { gpuSlug: 'a100-80gb', gpusPerReplica: 1, sustainedTokensPerSecond: 6000, infrastructureUsdPerMonth: 60 },
      '2',
      { hoursPerMonth: 720, opsUsdPerMonth: 2000 },
    );
    expect(tiny).toMatchObject({ replicas: 1, monthlyCostUsd: '3500' });
  });
});

describe('selfHostCostLowerBound', () => {
  it('is never above the exact cost, and close to it (a property over random workloads and profiles)', () => {
    const decimal = (max: number, places: number) => fc.integer({ min: 1, max: max * 10 ** places }).map((n) => (n / 10 ** places).toFixed(places));
    fc.assert(
      fc.property(
        decimal(100_000_000, 0), decimal(20_000, 0), decimal(20_000, 0), decimal(10, 1), decimal(50_000, 1), fc.integer({ min: 1, max: 16 }), decimal(40, 2), decimal(5_000, 2), decimal(10_000, 2),
        (requests, input, output, peak, sustained, gpusPerReplica, usdPerHour, infrastructure, ops) => {
          const workload = { requestsPerMonth: requests, inputTokensPerRequest: input, outputTokensPerRequest: output, peakToAverage: peak };
          const profile = { gpuSlug: 'h100', gpusPerReplica, sustainedTokensPerSecond: sustained, infrastructureUsdPerMonth: infrastructure };
          const rates = { hoursPerMonth: '720', opsUsdPerMonth: ops };
          const exact = Number(selfHostMonthlyCost(workload, profile, usdPerHour, rates).monthlyCostUsd);
          const bound = selfHostCostLowerBound(workload, profile, usdPerHour, rates);
          expect(bound).toBeLessThanOrEqual(exact);
          expect(bound).toBeGreaterThan(exact * 0.5);
        },
      ),
      { seed: 20261127, numRuns: 2_000 },
    );
  });
});
