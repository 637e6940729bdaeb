import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Reason {
  rule: string;
  verdict: string;
  clause: string;
  section: string;
  quote: string;
  url: string;
}

const check = (body: Record<string, unknown>, status = 200) => t.http.post('/v1/license-check').send(body).expect(status);

describe('POST /v1/license-check (the 40+ engine cases are in src/decision/license/license-check.spec.ts)', () => {
  it('Llama 3.3 above 700M monthly active users: incompatible, citing the clause', async () => {
    const { body } = await check({ model: 'llama-3-3-70b', use: { monthlyActiveUsers: 800_000_000 } });
    expect(body).toMatchObject({ model: { slug: 'llama-3-3-70b' }, license: { id: 'llama-3.3' }, verdict: 'incompatible' });
    const cap = body.reasons.find((reason: Reason) => reason.rule === 'user-cap-exceeded');
    expect(cap).toMatchObject({ verdict: 'incompatible', clause: 'Monthly active user cap', section: expect.stringMatching(/^2\./) });
    expect(cap.quote.length).toBeGreaterThan(10);
    expect(cap.url).toMatch(/^https:\/\//);
  });

  it('by alias, commercial at 1M users: conditional, with the obligations', async () => {
    const { body } = await check({ model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', use: { commercial: true, monthlyActiveUsers: 1_000_000 } });
    expect(body).toMatchObject({ model: { slug: 'llama-3-3-70b' }, verdict: 'conditional' });
    expect(body.obligations.join(' ')).toMatch(/Built with Llama/);
    expect(body.reasons.every((reason: Reason) => reason.section && reason.quote && reason.url)).toBe(true);
  });

  it('a license by id (case-insensitive): Apache-2.0 allows commercial use, resting on its grant', async () => {
    const { body } = await check({ license: 'apache-2.0' });
    expect(body).toMatchObject({ model: null, license: { id: 'Apache-2.0', spdxId: 'Apache-2.0' }, verdict: 'compatible', obligations: [] });
    expect(body.reasons[0].rule).toBe('grant');
  });

  it('a non-commercial license forbids a commercial use', async () => {
    const { body } = await check({ model: 'command-r-plus', use: { commercial: true } });
    expect(body.verdict).toBe('incompatible');
    expect(body.reasons[0]).toMatchObject({ rule: 'commercial-use-forbidden', clause: 'Commercial use' });
  });

  it('shipping Llama weights inside a GPL-3.0 product: incompatible product license', async () => {
    const { body } = await check({ model: 'llama-3-3-70b', use: { distributesWeights: true, productLicense: 'GPL-3.0-only' } });
    expect(body.verdict).toBe('incompatible');
    expect(body.productLicense).toMatchObject({ judged: true, verdict: 'incompatible', expression: 'GPL-3.0-only' });
  });

  it('an unknown SPDX id is a 400 naming use.productLicense', async () => {
    const { body } = await check({ model: 'llama-3-3-70b', use: { productLicense: 'MIT AND Apache-3.0' } }, 400);
    expect(body.issues).toEqual([{ path: 'use.productLicense', message: expect.stringContaining('Apache-3.0') }]);
  });

  it('an unknown model or license is a 404 naming it', async () => {
    expect((await check({ model: 'no-such-model' }, 404)).body).toMatchObject({ resource: 'model', slug: 'no-such-model' });
    expect((await check({ license: 'no-such-license' }, 404)).body).toMatchObject({ resource: 'license', id: 'no-such-license' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['both model and license', { model: 'gpt-4o', license: 'MIT' }, 'model'],
    ['neither', { use: { commercial: true } }, 'model'],
    ['a bad use field', { model: 'gpt-4o', use: { monthlyActiveUsers: -1 } }, 'use.monthlyActiveUsers'],
    ['an unknown use field', { model: 'gpt-4o', use: { resells: true } }, 'use'],
  ])('%s -> 400 naming %s', async (_name, body, field) => {
    const response = await check(body, 400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(field);
  });
});
