import { it } from 'vitest';
import { startTestApp } from '../support/test-app.js';
it('probe', async () => {
  const t = await startTestApp();
  const base = { workload: { requestsPerMonth: 1, inputTokensPerRequest: 500, outputTokensPerRequest: 500 } };
  const variants: Record<string, unknown> = {
    base,
    ops: { ...base, opsCostUsdPerMonth: 1.8975629744850393e-249 },
    ops2: { ...base, opsCostUsdPerMonth: 1e-7 },
    budget: { ...base, budgetUsdPerMonth: 1e-249 },
    cached: { ...base, workload: { ...base.workload, cachedInputShare: 8.752104720738728e-49 } },
    big: { ...base, workload: { requestsPerMonth: 1, inputTokensPerRequest: 6174939, outputTokensPerRequest: 5401931, peakToAverage: 1000, batchShare: 1 } },
    mau: { ...base, use: { commercial: false, monthlyActiveUsers: 2147483629, distributesWeights: true } },
    sens: { ...base, dataSensitivity: 'sensitive' },
  };
  for (const [name, body] of Object.entries(variants)) {
    const r = await t.http.post('/v1/decision').send(body as object);
    console.log('RES', name, r.status, r.text.slice(0, 150));
  }
  await t.close();
});
