import { describe, expect, it } from 'vitest';

import { DECISION_DEFAULTS, decisionConfigFrom } from '../config/decision.config.js';
import {
  allowedTiers,
  type DecisionFacts,
  evaluateFramework,
  FRAMEWORK_RULES,
  preferencePenalties,
  THRESHOLDS,
} from './decision-rules.js';
import { holds } from './rule-conditions.js';

/** Facts on which no rule fires. */
const QUIET: DecisionFacts = {
  quality: 'threshold',
  qualityBenchmark: 'mmlu',
  minScore: '85',
  dataSensitivity: 'internal',
  needsFineTuning: false,
  latencyCritical: false,
  apiSpendUsd: '5000',
  apiSpendModel: 'gpt-4o',
  apiSpendProvider: 'openai',
  requestsPerMonth: 1_000_000,
  peakToAverage: 1,
  opsCostUsdPerMonth: '0',
  selfHostedOptions: 0,
  cheapestSelfHostedUsd: null,
  cheapestSelfHostedModel: null,
  cheapestSelfHostedReplicas: null,
  cheapestApiUsd: '800',
  cheapestApiModel: 'llama-3-3-70b',
};

const fired = (changes: Partial<DecisionFacts>) => evaluateFramework({ ...QUIET, ...changes }).map((rule) => rule.id);

describe('the decision framework as data', () => {
  it('fires nothing on ordinary facts', () => {
    expect(fired({})).toEqual([]);
  });

  it.each<[string, Partial<DecisionFacts>, string[]]>([
    ['best quality -> closed API', { quality: 'best' }, ['best-quality-closed-api']],
    ['sensitive data -> self-hosted', { dataSensitivity: 'sensitive' }, ['sensitive-data-self-hosted']],
    ['regulated industry -> self-hosted', { dataSensitivity: 'regulated' }, ['regulated-industry-self-hosted']],
    ['public data: either works', { dataSensitivity: 'public' }, []],
    ['spend > $10K -> evaluate open', { apiSpendUsd: '10000.01' }, ['spend-over-10k-evaluate-open']],
    ['spend of exactly $10K does not', { apiSpendUsd: '10000' }, []],
    ['spend < $2K -> hosted APIs', { apiSpendUsd: '1999.99' }, ['spend-under-2k-hosted-apis']],
    ['spend of exactly $2K does not', { apiSpendUsd: '2000' }, []],
    ['no API spend known: neither spend rule', { apiSpendUsd: null }, []],
    ['fine-tuning control -> open', { needsFineTuning: true }, ['fine-tuning-control-open']],
    ['latency critical -> self-hosted or edge', { latencyCritical: true }, ['latency-critical-self-hosted']],
    ['low volume (< 100K calls)', { requestsPerMonth: THRESHOLDS.lowVolumeBelowRequests - 1 }, ['low-volume']],
    ['100K calls is not low volume', { requestsPerMonth: THRESHOLDS.lowVolumeBelowRequests }, []],
    ['spiky traffic', { peakToAverage: 2.5 }, ['spiky-traffic']],
    ['ops cost counted', { opsCostUsdPerMonth: '2000', selfHostedOptions: 3 }, ['ops-cost-counted']],
    ['ops cost not counted', { opsCostUsdPerMonth: '0', selfHostedOptions: 3 }, ['ops-cost-not-counted']],
    ['ops cost irrelevant without self-hosted options', { opsCostUsdPerMonth: '2000', selfHostedOptions: 0 }, []],
  ])('%s', (_name, changes, expected) => {
    expect(fired(changes)).toEqual(expected);
  });

  it('reports the facts each fired rule read, and its context', () => {
    const [rule] = evaluateFramework({ ...QUIET, apiSpendUsd: '100000' });
    expect(rule).toMatchObject({
      id: 'spend-over-10k-evaluate-open',
      effect: { kind: 'prefer', tiers: ['hosted-open', 'self-hosted'] },
      inputs: { apiSpendUsd: '100000', apiSpendModel: 'gpt-4o', apiSpendProvider: 'openai' },
    });
    expect(rule!.message).toContain('$100,000/month');
  });

  it('has unique ids, and every message fills from the facts', () => {
    const ids = FRAMEWORK_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    const everything: DecisionFacts = {
      ...QUIET,
      quality: 'best',
      dataSensitivity: 'sensitive',
      needsFineTuning: true,
      latencyCritical: true,
      apiSpendUsd: '20000',
      requestsPerMonth: 10,
      peakToAverage: 3,
      opsCostUsdPerMonth: '1',
      selfHostedOptions: 2,
    };
    expect(() => evaluateFramework(everything)).not.toThrow();
  });

  it('requirements intersect; preferences count', () => {
    const sensitiveAndTuned = evaluateFramework({ ...QUIET, dataSensitivity: 'sensitive', needsFineTuning: true });
    expect([...allowedTiers(sensitiveAndTuned)]).toEqual(['self-hosted']);
    expect([...allowedTiers(evaluateFramework({ ...QUIET, needsFineTuning: true }))]).toEqual(['hosted-open', 'self-hosted']);
    expect([...allowedTiers([])]).toEqual(['closed-api', 'hosted-open', 'self-hosted']);

    const spendAndLatency = evaluateFramework({ ...QUIET, apiSpendUsd: '50000', latencyCritical: true });
    expect(preferencePenalties(spendAndLatency)).toEqual({ 'closed-api': 2, 'hosted-open': 1, 'self-hosted': 0 });
    const bestAndCheap = evaluateFramework({ ...QUIET, quality: 'best', apiSpendUsd: '500' });
    expect(preferencePenalties(bestAndCheap)).toEqual({ 'closed-api': 0, 'hosted-open': 1, 'self-hosted': 2 });
  });

  it('requirement rules read only the caller\'s constraints (they apply before anything is priced)', () => {
    const callerFacts = new Set(['quality', 'qualityBenchmark', 'minScore', 'dataSensitivity', 'needsFineTuning', 'latencyCritical']);
    for (const rule of FRAMEWORK_RULES.filter((candidate) => candidate.effect.kind === 'require')) {
      expect('fact' in rule.when && callerFacts.has(rule.when.fact)).toBe(true);
    }
  });
});

describe('conditions', () => {
  it('compare decimals exactly and never match a null fact', () => {
    expect(holds({ fact: 'x', above: '0.3' }, { x: '0.30000000000000001' })).toBe(true);
    expect(holds({ fact: 'x', above: 0 }, { x: null })).toBe(false);
    expect(holds({ fact: 'x', below: 0 }, { x: null })).toBe(false);
    expect(holds({ fact: 'x', atLeast: 5 }, { x: 5 })).toBe(true);
    expect(holds({ fact: 'x', equals: 0 }, { x: '0.00' })).toBe(true);
    expect(holds({ not: { fact: 'x', in: ['a', 'b'] } }, { x: 'c' })).toBe(true);
    expect(holds({ any: [{ fact: 'x', equals: true }, { all: [] }] }, { x: false })).toBe(true);
  });
});

describe('settings', () => {
  it('default to the article: 720 hours a month, no ops cost', () => {
    expect(decisionConfigFrom({})).toEqual({ hoursPerMonth: '720', opsCostUsdPerMonth: '0' });
    expect(DECISION_DEFAULTS.hoursPerMonth).toBe(720);
  });

  it('read DECISION_HOURS_PER_MONTH and DECISION_OPS_COST_USD_PER_MONTH once app-config carries them', () => {
    expect(decisionConfigFrom({ DECISION_HOURS_PER_MONTH: '730', DECISION_OPS_COST_USD_PER_MONTH: '2500' })).toEqual({
      hoursPerMonth: '730',
      opsCostUsdPerMonth: '2500',
    });
    expect(() => decisionConfigFrom({ DECISION_HOURS_PER_MONTH: '0' })).toThrow();
  });
});
