import { describe, expect, it } from 'vitest';

import { fakeCatalog, MODELS, offering } from '../../test/decision/fake-catalog.js';
import type { ApiOffering } from './decision-catalog.js';
import {
  buildCandidates,
  candidateOf,
  compareEvaluated,
  decide,
  type DecisionSettings,
  type Evaluated,
  evaluateExact,
  type Group,
  groupOf,
  NO_FILTERS,
  offeringsOf,
  rankCandidates,
} from './decision-engine.js';
import { decisionRequestSchema, type DecisionRequestInput } from './decision.schemas.js';
import { UnknownSpdxIdError } from './license/license-check.js';

const ARTICLE = { requestsPerMonth: 10_000_000, inputTokensPerRequest: 500, outputTokensPerRequest: 500 };
const SETTINGS: DecisionSettings = { hoursPerMonth: '720', opsCostUsdPerMonth: '0', filters: NO_FILTERS };

function run(input: Partial<DecisionRequestInput>, catalog = fakeCatalog(), settings = SETTINGS) {
  return decide(catalog, decisionRequestSchema.parse({ workload: ARTICLE, limit: 50, ...input }), settings);
}

const find = (result: ReturnType<typeof run>, tier: string, model: string) =>
  result.options.find((option) => option.tier === tier && option.model.slug === model)!;

describe('decide on the article workload', () => {
  it('prices every tier as the article does', () => {
    const result = run({});
    expect(find(result, 'closed-api', 'gpt-4o').monthlyCostUsd).toBe('100000');
    expect(find(result, 'closed-api', 'claude').monthlyCostUsd).toBe('90000');
    expect(find(result, 'hosted-open', 'llama-70b').monthlyCostUsd).toBe('8000');
    const selfHosted = find(result, 'self-hosted', 'llama-70b');
    expect(selfHosted).toMatchObject({ monthlyCostUsd: '6260', deployment: { replicas: 1, gpus: 4 }, breakdown: { gpu: '5760', infrastructure: '500' } });
    expect(find(result, 'self-hosted', 'llama-8b')).toMatchObject({ monthlyCostUsd: '1500', breakdown: { gpu: '1440' } });
  });

  it('ranks options that meet every constraint first, cheapest first', () => {
    const result = run({ quality: { benchmark: 'mmlu', minScore: 85 } });
    const meeting = result.options.filter((option) => option.meetsAllConstraints);
    expect(result.options.slice(0, meeting.length)).toEqual(meeting);
    expect(result.recommendation).toMatchObject({ tier: 'self-hosted', model: 'llama-70b', monthlyCostUsd: '6260', optionIndex: 0 });
    expect(result.rules.map((rule) => rule.id)).toContain('spend-over-10k-evaluate-open');
    expect(find(result, 'self-hosted', 'llama-8b').missedConstraints).toEqual([{ constraint: 'quality', reason: 'mmlu 73 is below 85' }]);
  });

  it('sensitive data: only self-hosted options meet the constraint', () => {
    const result = run({ dataSensitivity: 'sensitive', quality: { benchmark: 'mmlu', minScore: 80 } });
    expect(result.recommendation).toMatchObject({ tier: 'self-hosted', model: 'llama-70b' });
    expect(find(result, 'closed-api', 'gpt-4o').missedConstraints.map((miss) => miss.constraint)).toEqual(['dataSensitivity']);
  });

  it('best quality: the top-scoring closed API', () => {
    const result = run({ quality: 'best' });
    expect(result.recommendation).toMatchObject({ tier: 'closed-api', model: 'gpt-4o' });
    expect(find(result, 'closed-api', 'claude').missedConstraints[0]!.constraint).toBe('quality');
  });

  it('best quality with sensitive data: the best self-hosted model', () => {
    const result = run({ quality: 'best', dataSensitivity: 'regulated' });
    expect(result.recommendation).toMatchObject({ tier: 'self-hosted', model: 'llama-70b', meetsAllConstraints: true });
  });

  it('fine-tuning control: closed APIs miss it, and the license is checked for fine-tuning', () => {
    const result = run({ needsFineTuning: true, quality: { benchmark: 'mmlu', minScore: 80 } });
    expect(find(result, 'closed-api', 'mini').missedConstraints.map((miss) => miss.constraint)).toEqual(['needsFineTuning']);
    expect(result.recommendation!.tier).not.toBe('closed-api');
  });

  it('a budget is a constraint on the exact cost', () => {
    const result = run({ budgetUsdPerMonth: 6259.99, quality: { benchmark: 'mmlu', minScore: 85 } });
    expect(find(result, 'self-hosted', 'llama-70b').missedConstraints).toEqual([
      { constraint: 'budgetUsdPerMonth', reason: '$6,260/month is over the $6,259.99 budget' },
    ]);
    expect(result.recommendation!.meetsAllConstraints).toBe(false);
  });

  it('a license that forbids the use is a missed constraint citing the clause', () => {
    const result = run({ use: { outputsTrainOtherModels: true } });
    const gpt = find(result, 'closed-api', 'gpt-4o');
    expect(gpt.license).toMatchObject({ verdict: 'incompatible' });
    expect(gpt.missedConstraints[0]).toMatchObject({ constraint: 'license' });
    expect(gpt.missedConstraints[0]!.reason).toContain('2. Outputs');
    const nonCommercial = find(run({}), 'hosted-open', 'nc-model');
    expect(nonCommercial.missedConstraints.map((miss) => miss.constraint)).toEqual(['license']);
  });

  it('refuses an unknown SPDX id in the product license', () => {
    expect(() => run({ use: { productLicense: 'NOT-A-LICENSE' } })).toThrow(UnknownSpdxIdError);
  });

  it('ops cost joins every self-hosted option and can turn the choice', () => {
    const result = run({ opsCostUsdPerMonth: 3000, quality: { benchmark: 'mmlu', minScore: 85 } });
    expect(find(result, 'self-hosted', 'llama-70b')).toMatchObject({ monthlyCostUsd: '9260', breakdown: { ops: '3000' } });
    expect(result.recommendation).toMatchObject({ tier: 'hosted-open', model: 'llama-70b', monthlyCostUsd: '8000' });
    expect(result.rules.map((rule) => rule.id)).toContain('ops-cost-counted');
  });

  it('low volume: the API wins and the note says why', () => {
    const result = run({ workload: { ...ARTICLE, requestsPerMonth: 50_000 }, quality: { benchmark: 'mmlu', minScore: 85 } });
    expect(result.recommendation!.tier).not.toBe('self-hosted');
    const low = result.rules.find((rule) => rule.id === 'low-volume')!;
    expect(low.inputs).toMatchObject({ requestsPerMonth: 50_000, cheapestSelfHostedUsd: '6260', cheapestApiUsd: '40' });
  });
});

describe('ranking over a large catalog', () => {
  it('the top options equal those of pricing every offering exactly', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const offerings: ApiOffering[] = Array.from({ length: 3000 }, (_, index) => {
      const model = MODELS[index % MODELS.length]!;
      const extra = next() < 0.5 ? [{ component: 'cached_input', usd: (next() * 2).toFixed(3) }, { component: 'batch_output', usd: (next() * 5).toFixed(3) }] : [];
      return offering(model.slug, `provider-${index % 40}`, (next() * 10).toFixed(3), (next() * 30).toFixed(3), extra);
    });
    const catalog = fakeCatalog(offerings);
    const workload = { ...ARTICLE, peakToAverage: 1, cachedInputShare: 0.4, batchShare: 0.3 };
    const set = buildCandidates(catalog, {
      workload,
      quality: { benchmark: 'mmlu', minScore: 80 },
      use: decisionRequestSchema.parse({ workload: ARTICLE }).use,
      hoursPerMonth: '720',
      opsCostUsdPerMonth: '0',
      filters: NO_FILTERS,
    });
    const level = (group: Group) => group.misses.length * 64;
    // Brute force: every offering priced exactly, the best per provider and model, all sorted.
    const everything = set.entries
      .map((entry) => {
        const ids = offeringsOf(set, entry);
        const priced = (ids.length ? ids : [-1 - (entry - (catalog.entryStart.length - 1))]).map((id) => {
          const candidate = candidateOf(set, id);
          return evaluateExact(candidate, workload, level(groupOf(set, entry)), '50000');
        });
        return priced.sort(compareEvaluated)[0]!;
      })
      .sort(compareEvaluated);
    const describe = (entry: Evaluated) => [entry.candidate.model.slug, entry.candidate.offering?.providerSlug, entry.candidate.id, entry.monthlyCostUsd, entry.misses.length];
    expect(rankCandidates(set, set.entries, 25, level, '50000').map(describe)).toEqual(everything.slice(0, 25).map(describe));
    expect(rankCandidates(set, set.entries, 1000, level, '50000').map(describe)).toEqual(everything.map(describe));
  });
});
