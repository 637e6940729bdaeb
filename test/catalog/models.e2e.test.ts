import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/test-app.js';

describe('GET /v1/models', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the catalog with license and kind', async () => {
    const response = await t.http.get('/v1/models?limit=200').expect(200);
    const slugs = response.body.items.map((item: { slug: string }) => item.slug);
    expect(slugs).toEqual(expect.arrayContaining(['gpt-4o', 'claude-3-5-sonnet', 'llama-3-3-70b', 'deepseek-v3', 'qwen-2-5-72b']));
    const llama = response.body.items.find((item: { slug: string }) => item.slug === 'llama-3-3-70b');
    expect(llama).toMatchObject({ kind: 'open-weights', license: { id: 'llama-3.3', commercialUse: 'conditional' } });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('walks the whole list with cursors, without repeats', async () => {
    const all = (await t.http.get('/v1/models?limit=200').expect(200)).body.items.map((item: { slug: string }) => item.slug);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const response: { body: { items: { slug: string }[]; nextCursor: string | null } } = await t.http
        .get('/v1/models')
        .query({ limit: 7, ...(cursor ? { cursor } : {}) })
        .expect(200);
      walked.push(...response.body.items.map((item) => item.slug));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it('filters by kind', async () => {
    const response = await t.http.get('/v1/models?kind=closed&limit=200').expect(200);
    expect(response.body.items.length).toBeGreaterThan(0);
    expect(response.body.items.every((item: { kind: string }) => item.kind === 'closed')).toBe(true);
  });

  it.each([
    ['kind=foo', 'kind'],
    ['limit=-1', 'limit'],
    ['limit=abc', 'limit'],
    ['color=blue', ''],
  ])('answers 400 naming the parameter for %s', async (query, field) => {
    const response = await t.http.get(`/v1/models?${query}`).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.issues.length).toBeGreaterThan(0);
    if (field) expect(response.body.issues[0].path).toBe(field);
    else expect(response.body.message).toMatch(/color/);
  });
});

describe('GET /v1/models/:slug', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('shows Llama 3.3 70B with its license, MMLU and the Together AI price', async () => {
    const { body } = await t.http.get('/v1/models/llama-3-3-70b').expect(200);
    expect(body).toMatchObject({ slug: 'llama-3-3-70b', kind: 'open-weights', creator: { slug: 'meta' } });
    expect(body.license).toMatchObject({ id: 'llama-3.3', commercialUse: 'conditional', userCapMau: 700_000_000 });
    expect(body.license.terms.userCapMau.value).toBe(700_000_000);
    expect(body.benchmarkResults).toEqual(
      expect.arrayContaining([expect.objectContaining({ benchmark: 'mmlu', score: '86', source: 'article' })]),
    );
    const together = body.offerings.find((offering: { provider: { slug: string } }) => offering.provider.slug === 'together');
    expect(together.prices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ component: 'input', usd: '0.8', unit: '1M tokens', source: 'article' }),
        expect.objectContaining({ component: 'output', usd: '0.8', unit: '1M tokens', source: 'article' }),
      ]),
    );
  });

  it('answers to an alias with the canonical model (the article calls Llama 3.1 8B "Llama 3.2 8B")', async () => {
    const { body } = await t.http.get('/v1/models/' + encodeURIComponent('Llama 3.2 8B')).expect(200);
    expect(body.slug).toBe('llama-3-1-8b');
  });

  it('answers 404 naming the slug', async () => {
    const { body } = await t.http.get('/v1/models/no-such-model').expect(404);
    expect(body).toMatchObject({ statusCode: 404, error: 'Not Found', slug: 'no-such-model' });
    expect(body.message).toContain('no-such-model');
  });
});

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seeded: false });
  });
  afterAll(() => t.close());

  it('is live and ready when the database answers', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const { body } = await t.http.get('/health/ready').expect(200);
    expect(body.status).toBe('ok');
    expect(body.info.database.status).toBe('up');
  });
});
