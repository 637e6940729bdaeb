import { describe, expect, it } from 'vitest';

import { fakeCatalog } from '../../test/decision/fake-catalog.js';
import { toMoney } from '../common/money.js';
import { NO_FILTERS } from './decision-engine.js';
import { routeRequestSchema, type RouteRequestInput } from './decision.schemas.js';
import { allocate, classWorkload, combineWorkloads, route, ROUTE_RULES } from './routing.js';
import { selfHostMonthlyCost } from './cost-model.js';

const SETTINGS = { hoursPerMonth: '720', opsCostUsdPerMonth: '0', filters: NO_FILTERS };
const run = (input: RouteRequestInput) => route(fakeCatalog(), routeRequestSchema.parse(input), SETTINGS);

describe('route', () => {
  const result = run({
    classes: [
      { name: 'pii', requestsPerMonth: 2_000_000, tokensPerRequest: 1000, sensitivity: 'sensitive' },
      { name: 'reasoning', requestsPerMonth: 100_000, tokensPerRequest: 2000, complexity: 'complex' },
      { name: 'extraction', requestsPerMonth: 5_000_000, inputTokensPerRequest: 400, outputTokensPerRequest: 100, complexity: 'standard' },
      { name: 'chat', requestsPerMonth: 200_000, tokensPerRequest: 1000 },
    ],
  });
  const byName = (name: string) => result.classes.find((entry) => entry.name === name)!;

  it('applies the routing rules in order', () => {
    expect(byName('pii')).toMatchObject({ tier: 'self-hosted', rule: { id: 'sensitive-to-self-hosted' }, option: { model: { slug: 'llama-70b' } } });
    expect(byName('reasoning')).toMatchObject({ tier: 'closed-api', rule: { id: 'complex-to-frontier' }, option: { model: { slug: 'gpt-4o' } } });
    // 5M requests: high volume, the cheapest option with MMLU >= 80 (standard), open or closed.
    expect(byName('extraction')).toMatchObject({ rule: { id: 'high-volume-cheapest' }, option: { model: { slug: 'mini' } }, monthlyCostUsd: '600' });
    expect(byName('chat')).toMatchObject({ tier: 'hosted-open', rule: { id: 'default-hosted-open' }, option: { model: { slug: 'llama-70b' } } });
  });

  it('adds up, and the saving is against one frontier model', () => {
    const sum = result.classes.reduce((acc, entry) => acc.add(toMoney(entry.monthlyCostUsd!)), toMoney(0));
    expect(result.totalMonthlyCostUsd).toBe(sum.toFixed());
    expect(result.frontier).toMatchObject({ model: 'gpt-4o', provider: 'openai' });
    const frontierSum = result.classes.reduce((acc, entry) => acc.add(toMoney(entry.frontierMonthlyCostUsd!)), toMoney(0));
    expect(result.frontier!.monthlyCostUsd).toBe(frontierSum.toFixed());
    expect(result.savingUsd).toBe(frontierSum.sub(sum).toFixed());
    // pii on GPT-4o: 1B in x $5 + 1B out x $15
    expect(byName('pii').frontierMonthlyCostUsd).toBe('20000');
  });

  it('a sensitive class never falls back to an API', () => {
    const noSelfHost = route(fakeCatalog(undefined, { profiles: [] }), routeRequestSchema.parse({ classes: [{ name: 'pii', requestsPerMonth: 10, tokensPerRequest: 10, sensitivity: 'regulated' }] }), SETTINGS);
    expect(noSelfHost.classes[0]).toMatchObject({ tier: null, option: null, skippedRules: [{ id: 'sensitive-to-self-hosted' }] });
    expect(noSelfHost.unrouted).toEqual(['pii']);
  });

  it('classes on the same self-hosted model share one deployment, its cost split so that it adds up', () => {
    const shared = run({
      opsCostUsdPerMonth: 1000,
      classes: [
        { name: 'a', requestsPerMonth: 6_000_000, tokensPerRequest: 1000, sensitivity: 'sensitive', peakToAverage: 2 },
        { name: 'b', requestsPerMonth: 4_000_000, tokensPerRequest: 1000, sensitivity: 'sensitive' },
      ],
    });
    expect(shared.deployments).toHaveLength(1);
    // peak = 6B x 2 + 4B tokens a month over 720 h = 6,172.8 tokens/s -> 2 replicas of 4 x A100.
    expect(shared.deployments[0]).toMatchObject({ classes: ['a', 'b'], replicas: 2, monthlyCostUsd: '13520' });
    expect(shared.classes.map((entry) => entry.monthlyCostUsd)).toEqual(['8112', '5408']);
    expect(shared.notes.map((note) => note.id)).toContain('shared-deployment');
  });

  it('several model sizes are several deployments', () => {
    const sizes = run({
      classes: [
        { name: 'big', requestsPerMonth: 1000, tokensPerRequest: 1000, sensitivity: 'sensitive', quality: { benchmark: 'mmlu', minScore: 85 } },
        { name: 'small', requestsPerMonth: 1000, tokensPerRequest: 1000, sensitivity: 'sensitive', quality: { benchmark: 'mmlu', minScore: 70 } },
      ],
    });
    expect(sizes.deployments.map((deployment) => deployment.model)).toEqual(['llama-70b', 'llama-8b']);
    expect(sizes.notes.map((note) => note.id)).toEqual(['several-model-sizes', 'ops-cost-not-counted']);
  });

  it('has unique rule ids, the last one catching everything', () => {
    expect(new Set(ROUTE_RULES.map((rule) => rule.id)).size).toBe(ROUTE_RULES.length);
    expect(ROUTE_RULES.at(-1)!.when).toEqual({ all: [] });
  });
});

describe('pieces', () => {
  it('tokensPerRequest splits half and half', () => {
    expect(classWorkload(routeRequestSchema.parse({ classes: [{ name: 'x', requestsPerMonth: 1, tokensPerRequest: 1001 }] }).classes[0]!)).toMatchObject({
      inputTokensPerRequest: 500.5,
      outputTokensPerRequest: 500.5,
    });
  });

  it('combined workloads size a deployment for the sum of the peaks', () => {
    const profile = { gpuSlug: 'a100', gpusPerReplica: 4, sustainedTokensPerSecond: 4000, infrastructureUsdPerMonth: 500 };
    const options = { hoursPerMonth: 720, opsUsdPerMonth: 0 };
    const one = { requestsPerMonth: 5_000_000, inputTokensPerRequest: 500, outputTokensPerRequest: 500, peakToAverage: 1 };
    const combined = combineWorkloads([one, { ...one, peakToAverage: 2 }]);
    // 5B x 1 + 5B x 2 tokens at peak = 5,787 tokens/s -> 2 replicas
    expect(selfHostMonthlyCost(combined, profile, '2', options).replicas).toBe(2);
    expect(selfHostMonthlyCost(combineWorkloads([one, one]), profile, '2', options).replicas).toBe(1);
  });

  it('allocate splits to the cent and adds up exactly', () => {
    const parts = allocate('100', [toMoney(1), toMoney(1), toMoney(1)]);
    expect(parts).toEqual(['33.33', '33.33', '33.34']);
    expect(allocate('10', [toMoney(0), toMoney(0)])).toEqual(['5', '5']);
  });
});
