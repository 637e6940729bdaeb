import { afterAll, beforeAll, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());
it('explore', async () => {
  const article = { requestsPerMonth: 10_000_000, inputTokensPerRequest: 500, outputTokensPerRequest: 500 };
  const r = await t.http.post('/v1/decision').send({ workload: article, priceSource: 'article', quality: { benchmark: 'mmlu', minScore: 85 }, limit: 50 });
  console.log(r.status, JSON.stringify({ ...r.body, options: r.body.options?.map((o: any) => [o.rank, o.tier, o.model.slug, o.provider.slug, o.monthlyCostUsd, o.quality?.score, o.license?.verdict, o.missedConstraints.map((m: any) => m.constraint)]) }, null, 1));
  console.log(JSON.stringify(r.body.options?.find((o: any) => o.tier === 'self-hosted'), null, 1));
  const r2 = await t.http.post('/v1/route').send({ priceSource: 'article', classes: [
    { name: 'pii', requestsPerMonth: 2_000_000, tokensPerRequest: 1000, sensitivity: 'sensitive' },
    { name: 'reasoning', requestsPerMonth: 500_000, tokensPerRequest: 2000, complexity: 'complex' },
    { name: 'extract', requestsPerMonth: 5_000_000, tokensPerRequest: 600, complexity: 'simple' },
    { name: 'chat', requestsPerMonth: 300_000, tokensPerRequest: 1000 },
  ] });
  console.log(r2.status, JSON.stringify({ ...r2.body, classes: r2.body.classes?.map((c: any) => [c.name, c.tier, c.option?.model.slug, c.option?.provider.slug, c.monthlyCostUsd, c.standaloneMonthlyCostUsd, c.frontierMonthlyCostUsd, c.rule]) }, null, 1));
  const r3 = await t.http.post('/v1/license-check').send({ model: 'llama-3-3-70b', use: { monthlyActiveUsers: 800000000 } });
  console.log(r3.status, JSON.stringify(r3.body, null, 1));
});
