import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function gql(query: string, variables?: Record<string, unknown>) {
  const response = await t.http.post('/graphql').send({ query, variables });
  return response.body as { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, any> }[] };
}

const ARTICLE = { requestsPerMonth: 10_000_000, inputTokensPerRequest: 500, outputTokensPerRequest: 500 };

describe('GraphQL: decision, route, licenseCheck through the same services', () => {
  it('decision: the article\'s costs and the recommendation', async () => {
    const { data, errors } = await gql(
      `query($input: DecisionInput!) {
        decision(input: $input) {
          options { rank tier model provider monthlyCostUsd deployment breakdown meetsAllConstraints missedConstraints license }
          recommendation { tier optionIndex model provider monthlyCostUsd rationale }
          rules { id effect inputs message }
        }
      }`,
      { input: { workload: ARTICLE, priceSource: 'article', quality: { benchmark: 'mmlu', minScore: 85 }, limit: 50 } },
    );
    expect(errors).toBeUndefined();
    const cost = (tier: string, model: string) =>
      data!.decision.options.find((o: { tier: string; model: { slug: string } }) => o.tier === tier && o.model.slug === model).monthlyCostUsd;
    expect(cost('closed-api', 'gpt-4o')).toBe('100000');
    expect(cost('closed-api', 'claude-3-5-sonnet')).toBe('90000');
    expect(cost('hosted-open', 'llama-3-3-70b')).toBe('8000');
    expect(cost('self-hosted', 'llama-3-3-70b')).toBe('6260');
    expect(data!.decision.recommendation).toMatchObject({ tier: 'self-hosted', optionIndex: 0, model: 'llama-3-3-70b', monthlyCostUsd: '6260' });
    expect(data!.decision.rules.map((rule: { id: string }) => rule.id)).toContain('spend-over-10k-evaluate-open');
  });

  it('decision: quality { best: true } is "best"', async () => {
    const { data, errors } = await gql(`{ decision(input: { workload: { requestsPerMonth: 10000000, inputTokensPerRequest: 500, outputTokensPerRequest: 500 }, quality: { best: true }, priceSource: "article" }) { recommendation { tier model } } }`);
    expect(errors).toBeUndefined();
    expect(data!.decision.recommendation).toEqual({ tier: 'closed-api', model: 'gpt-4o' });
  });

  it('route: per class tier, cost and rule; total and saving', async () => {
    const { data, errors } = await gql(
      `query($input: RouteInput!) {
        route(input: $input) {
          classes { name tier rule monthlyCostUsd frontierMonthlyCostUsd }
          totalMonthlyCostUsd frontier savingUsd savingPercent summary
        }
      }`,
      {
        input: {
          priceSource: 'article',
          classes: [
            { name: 'pii', requestsPerMonth: 2_000_000, tokensPerRequest: 1000, sensitivity: 'sensitive' },
            { name: 'reasoning', requestsPerMonth: 200_000, tokensPerRequest: 2000, complexity: 'complex' },
          ],
        },
      },
    );
    expect(errors).toBeUndefined();
    const route = data!.route;
    expect(route.classes.map((c: { tier: string }) => c.tier)).toEqual(['self-hosted', 'closed-api']);
    expect(route.classes[0].rule.id).toBe('sensitive-to-self-hosted');
    // self-hosted $6,260 + GPT-4o 0.2B x $5 + 0.2B x $15 = $4,000
    expect(route.totalMonthlyCostUsd).toBe('10260');
    expect(route.frontier.model).toBe('gpt-4o');
    expect(route.savingUsd).toBe('13740'); // $24,000 - $10,260
  });

  it('licenseCheck: verdict, obligations and the clauses', async () => {
    const { data, errors } = await gql(`{
      licenseCheck(input: { model: "llama-3-3-70b", use: { monthlyActiveUsers: 800000000 } }) {
        verdict obligations reasons { rule clause section quote url } license
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.licenseCheck.verdict).toBe('incompatible');
    expect(data!.licenseCheck.reasons.map((reason: { rule: string }) => reason.rule)).toContain('user-cap-exceeded');
  });
});

describe('bad input is BAD_USER_INPUT naming the argument', () => {
  const workload = '{ requestsPerMonth: 1000, inputTokensPerRequest: 10, outputTokensPerRequest: 10 }';
  it.each([
    [`{ decision(input: { workload: { requestsPerMonth: -1, inputTokensPerRequest: 10, outputTokensPerRequest: 10 } }) { options { rank } } }`, 'input.workload.requestsPerMonth'],
    [`{ decision(input: { workload: ${workload}, dataSensitivity: "secret" }) { options { rank } } }`, 'input.dataSensitivity'],
    [`{ decision(input: { workload: ${workload}, quality: { benchmark: "mmlu" } }) { options { rank } } }`, 'input.quality'],
    [`{ decision(input: { workload: ${workload}, use: { productLicense: "Not-A-License" } }) { options { rank } } }`, 'input.use.productLicense'],
    [`{ decision(input: { workload: ${workload}, pricesAsOf: "yesterday" }) { options { rank } } }`, 'input.pricesAsOf'],
    [`{ route(input: { classes: [{ name: "x", requestsPerMonth: 10, tokensPerRequest: 10, complexity: "hard" }] }) { totalMonthlyCostUsd } }`, 'input.classes.0.complexity'],
    [`{ licenseCheck(input: { model: "gpt-4o", license: "MIT" }) { verdict } }`, 'input.model'],
    [`{ licenseCheck(input: { model: "llama-3-3-70b", use: { productLicense: "MIT AND Nope-1.0" } }) { verdict } }`, 'input.use.productLicense'],
  ])('%s', async (query, argument) => {
    const { errors } = await gql(query);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.extensions!.argument).toBe(argument);
  });
});
