import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseCsv } from '../support/csv.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Item = {
  slug: string;
  kind: string;
  releaseDate: string | null;
  scores: Record<string, string>;
  license: { id: string; commercialUse: string } | null;
  cheapest: { input: { usd: string; provider: string } | null; output: { usd: string; provider: string } | null };
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function listAll(query: Record<string, string | number> = {}): Promise<Item[]> {
  const { body } = await t.http.get('/v1/models').query({ limit: 500, ...query }).expect(200);
  expect(body.nextCursor).toBeNull();
  return body.items;
}

function isSortedBy<T>(items: T[], key: (item: T) => number | string | null, descending = false): boolean {
  const values = items.map(key);
  const firstNull = values.indexOf(null);
  if (firstNull !== -1 && values.slice(firstNull).some((value) => value !== null)) return false; // nulls last
  const present = values.filter((value) => value !== null) as (number | string)[];
  return present.every((value, index) => index === 0 || (descending ? present[index - 1]! >= value : present[index - 1]! <= value));
}

describe('GET /v1/models filters and sorts', () => {
  it('open-weights models with MMLU >= 85, with their cheapest price', async () => {
    const all = await listAll();
    const filtered = await listAll({ kind: 'open-weights', score: 'mmlu:85' });
    const expected = all.filter((m) => m.kind === 'open-weights' && m.scores.mmlu !== undefined && Number(m.scores.mmlu) >= 85);
    expect(filtered.map((m) => m.slug)).toEqual(expected.map((m) => m.slug));
    expect(filtered.map((m) => m.slug)).toEqual(expect.arrayContaining(['llama-3-3-70b', 'deepseek-v3', 'qwen-2-5-72b']));
    const llama = filtered.find((m) => m.slug === 'llama-3-3-70b')!;
    expect(llama.cheapest.input).toMatchObject({ unit: '1M tokens' });
    expect(typeof llama.cheapest.input!.usd).toBe('string');
  });

  it('which open models above MMLU 85 cost under $1 per 1M input tokens', async () => {
    const cheap = await listAll({ kind: 'open-weights', score: 'mmlu:85', maxInputPrice: '1' });
    expect(cheap.length).toBeGreaterThan(0);
    expect(cheap.every((m) => m.cheapest.input !== null && Number(m.cheapest.input.usd) <= 1)).toBe(true);
    expect(cheap.map((m) => m.slug)).toContain('llama-3-3-70b');
  });

  it('filters by creator, license, commercial use, provider and context', async () => {
    expect((await listAll({ creator: 'meta' })).every((m) => m.slug.startsWith('llama'))).toBe(true);
    const llama33 = await listAll({ license: 'llama-3.3' });
    expect(llama33.map((m) => m.slug)).toContain('llama-3-3-70b');
    expect(llama33.every((m) => m.license?.id === 'llama-3.3')).toBe(true);
    const forbidden = await listAll({ commercialUse: 'forbidden' });
    expect(forbidden.every((m) => m.license?.commercialUse === 'forbidden')).toBe(true);
    expect(forbidden.map((m) => m.slug)).toContain('command-r-plus');
    const groq = await listAll({ provider: 'groq' });
    expect(groq.map((m) => m.slug)).toContain('llama-3-3-70b');
    expect(groq.map((m) => m.slug)).not.toContain('gpt-4o');
    const long = await listAll({ minContext: 1_000_000 });
    expect(long.length).toBeGreaterThan(0);
  });

  it('searches names and aliases', async () => {
    const byAlias = await listAll({ q: 'llama-3.3-70b-versatile' });
    expect(byAlias.map((m) => m.slug)).toEqual(['llama-3-3-70b']);
  });

  it.each([
    ['-score:mmlu', (m: Item) => (m.scores.mmlu === undefined ? null : Number(m.scores.mmlu)), true],
    ['inputPrice', (m: Item) => (m.cheapest.input ? Number(m.cheapest.input.usd) : null), false],
    ['-releaseDate', (m: Item) => m.releaseDate, true],
  ] as const)('sorts by %s, nulls last', async (sort, key, descending) => {
    const items = await listAll({ sort });
    expect(isSortedBy(items, key, descending)).toBe(true);
    expect(items.length).toBe((await listAll()).length);
  });

  it('walks a sorted list with nulls page by page without repeats or gaps', async () => {
    const whole = (await listAll({ sort: 'inputPrice' })).map((m) => m.slug);
    const walked: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const { body } = await t.http.get('/v1/models').query({ sort: 'inputPrice', limit: 4, ...(cursor ? { cursor } : {}) }).expect(200);
      walked.push(...body.items.map((m: Item) => m.slug));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(walked).toEqual(whole);
  });
});

describe('input errors name the field', () => {
  it.each([
    ['/v1/models?kind=proprietary', 'kind'],
    ['/v1/models?limit=-5', 'limit'],
    ['/v1/models?sort=popularity', 'sort'],
    ['/v1/models?cursor=not-a-cursor', 'cursor'],
    ['/v1/models?score=mmlu:abc', 'score'],
    ['/v1/models?maxInputPrice=cheap', 'maxInputPrice'],
    ['/v1/offerings?status=gone', 'status'],
    ['/v1/providers?kind=bank', 'kind'],
    ['/v1/compare?models=', 'models'],
    ['/v1/compare?models=gpt-4o&requestsPerMonth=-1', 'requestsPerMonth'],
  ])('%s -> 400 naming %s', async (url, field) => {
    const { body } = await t.http.get(url).expect(400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.issues.map((issue: { path: string }) => issue.path)).toContain(field);
  });

  it('a cursor from another sort order is refused', async () => {
    const { body } = await t.http.get('/v1/models?limit=2&sort=name').expect(200);
    const { body: error } = await t.http.get(`/v1/models?limit=2&sort=slug&cursor=${body.nextCursor}`).expect(400);
    expect(error.issues[0].path).toBe('cursor');
  });

  it.each(['/v1/providers/nobody', '/v1/licenses/no-license', '/v1/benchmarks/nothing', '/v1/compare?models=gpt-4o,nope'])(
    '%s -> 404 naming what is missing',
    async (url) => {
      const { body } = await t.http.get(url).expect(404);
      expect(body.message).toMatch(/nobody|no-license|nothing|nope/);
    },
  );
});

describe('CSV, ETags, request ids', () => {
  it('answers CSV with stable columns that parse back to the JSON', async () => {
    const json = await listAll({ kind: 'open-weights' });
    const csv = await t.http.get('/v1/models').query({ kind: 'open-weights', limit: 500, format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.text);
    expect(Object.keys(rows[0]!)).toEqual([
      'slug', 'name', 'family', 'creator', 'kind', 'status', 'parametersB', 'activeParametersB', 'contextWindow',
      'releaseDate', 'license', 'commercialUse', 'mmlu', 'cheapestInputUsdPer1M', 'cheapestInputProvider',
      'cheapestOutputUsdPer1M', 'cheapestOutputProvider',
    ]);
    expect(rows.map((row) => row.slug)).toEqual(json.map((m) => m.slug));
    for (const [index, row] of rows.entries()) {
      expect(row.cheapestInputUsdPer1M).toBe(json[index]!.cheapest.input?.usd ?? '');
      expect(row.mmlu).toBe(json[index]!.scores.mmlu ?? '');
    }
    const viaAccept = await t.http.get('/v1/models?kind=open-weights&limit=500').set('accept', 'text/csv').expect(200);
    expect(viaAccept.text).toBe(csv.text);
  });

  it.each(['/v1/providers', '/v1/offerings', '/v1/licenses', '/v1/benchmarks', '/v1/gpus', '/v1/creators', '/v1/benchmarks/mmlu'])(
    '%s answers CSV too',
    async (url) => {
      const response = await t.http.get(url).query({ format: 'csv' }).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(parseCsv(response.text).length).toBeGreaterThan(0);
    },
  );

  it('sends an ETag and answers 304 to If-None-Match', async () => {
    const first = await t.http.get('/v1/models/gpt-4o').expect(200);
    expect(first.headers.etag).toMatch(/^"/);
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    await t.http.get('/v1/models/gpt-4o').set('if-none-match', first.headers.etag).expect(304);
    const other = await t.http.get('/v1/models/gpt-4o').set('if-none-match', '"something-else"').expect(200);
    expect(other.body).toEqual(first.body);
  });

  it('a write to the catalog changes the answer (and its ETag) at once', async () => {
    const before = await t.http.get('/v1/creators').expect(200);
    await t.app.get((await import('../../src/database/prisma.service.js')).PrismaService).creator.create({
      data: { slug: 'etag-test', name: 'ETag test' },
    });
    const after = await t.http.get('/v1/creators').set('if-none-match', before.headers.etag).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.items.map((c: { slug: string }) => c.slug)).toContain('etag-test');
  });

  it('echoes a caller request id, or makes one', async () => {
    const given = await t.http.get('/v1/licenses').set('x-request-id', 'audit-42').expect(200);
    expect(given.headers['x-request-id']).toBe('audit-42');
    const made = await t.http.get('/v1/licenses').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the other resources', () => {
  it('providers: list and one with offerings and current prices', async () => {
    const { body } = await t.http.get('/v1/providers?kind=self-host-runtime').expect(200);
    expect(body.items.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining(['vllm', 'ollama', 'llama-cpp', 'tgi', 'sglang']));
    const together = (await t.http.get('/v1/providers/together').expect(200)).body;
    const llama = together.offerings.find((o: { model: { slug: string } }) => o.model.slug === 'llama-3-3-70b');
    expect(llama.providerModelId).toBe('meta-llama/Llama-3.3-70B-Instruct-Turbo');
    expect(llama.prices.find((p: { component: string }) => p.component === 'input').usd).toBe('0.8');
  });

  it('offerings: filter by provider model id', async () => {
    const { body } = await t.http.get('/v1/offerings').query({ providerModelId: 'deepseek-chat' }).expect(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ provider: { slug: 'deepseek' }, model: { slug: 'deepseek-v3' } });
  });

  it('licenses: terms with clause references', async () => {
    const { body } = await t.http.get('/v1/licenses/llama-3.3').expect(200);
    expect(body).toMatchObject({ id: 'llama-3.3', commercialUse: 'conditional', userCapMau: 700000000 });
    expect(body.current.terms.userCapMau).toMatchObject({ value: 700000000 });
    expect(body.current.terms.userCapMau.section).toMatch(/2/);
    expect(body.models.map((m: { slug: string }) => m.slug)).toContain('llama-3-3-70b');
    const list = (await t.http.get('/v1/licenses?commercialUse=forbidden').expect(200)).body.items;
    expect(list.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining(['cc-by-nc-4.0', 'mrl']));
  });

  it('benchmarks: the MMLU leaderboard is ranked', async () => {
    const { body } = await t.http.get('/v1/benchmarks/mmlu').expect(200);
    const scores = body.items.map((i: { score: string }) => Number(i.score));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(body.items[0].rank).toBe(1);
    const benchmarks = (await t.http.get('/v1/benchmarks').expect(200)).body.items;
    expect(benchmarks.map((b: { slug: string }) => b.slug)).toContain('mmlu');
  });

  it('gpus: the A100 80GB at the article price', async () => {
    const { body } = await t.http.get('/v1/gpus').expect(200);
    const a100 = body.items.find((g: { slug: string }) => g.slug === 'a100-80gb');
    expect(a100.prices).toEqual(expect.arrayContaining([expect.objectContaining({ usdPerHour: '2', source: 'article' })]));
  });

  it('creators', async () => {
    const { body } = await t.http.get('/v1/creators').expect(200);
    expect(body.items.find((c: { slug: string }) => c.slug === 'meta').modelCount).toBeGreaterThan(0);
  });
});

describe('GET /v1/compare', () => {
  it('GPT-4o vs Claude Sonnet vs Llama 3.3 70B with the article workload cost', async () => {
    const { body } = await t.http.get('/v1/compare?models=gpt-4o,claude-3-5-sonnet,llama-3-3-70b&priceSource=article').expect(200);
    expect(body.workload).toEqual({ requestsPerMonth: 10_000_000, inputTokens: 500, outputTokens: 500 });
    const cost = (field: string) => body.rows.find((row: { field: string }) => row.field === field).values;
    expect(cost('openai:monthlyCostUsd')['gpt-4o']).toBe('100000');
    expect(cost('anthropic:monthlyCostUsd')['claude-3-5-sonnet']).toBe('90000');
    expect(cost('together:monthlyCostUsd')['llama-3-3-70b']).toBe('8000');
    expect(cost('kind')).toEqual({ 'gpt-4o': 'closed', 'claude-3-5-sonnet': 'closed', 'llama-3-3-70b': 'open-weights' });
    expect(cost('commercialUse')['llama-3-3-70b']).toBe('conditional');
  });

  it('at current prices, each provider on its cheapest offering of the model', async () => {
    const { body } = await t.http.get('/v1/compare?models=gpt-4o,llama-3-3-70b').expect(200);
    const gpt4o = body.models.find((m: { slug: string }) => m.slug === 'gpt-4o');
    const costs = gpt4o.providers.map((p: { monthlyCostUsd: string }) => Number(p.monthlyCostUsd));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(gpt4o.cheapest.monthlyCostUsd).toBe(gpt4o.providers[0].monthlyCostUsd);
  });

  it('as CSV: one column per model', async () => {
    const response = await t.http.get('/v1/compare?models=gpt-4o,llama-3-3-70b&priceSource=article&format=csv').expect(200);
    const rows = parseCsv(response.text);
    expect(Object.keys(rows[0]!)).toEqual(['field', 'gpt-4o', 'llama-3-3-70b']);
    expect(rows.find((row) => row.field === 'together:monthlyCostUsd')!['llama-3-3-70b']).toBe('8000');
  });

  it('takes a workload', async () => {
    const { body } = await t.http
      .get('/v1/compare?models=gpt-4o&requestsPerMonth=1000000&inputTokens=1000&outputTokens=0&priceSource=article')
      .expect(200);
    expect(body.models[0].providers[0]).toMatchObject({ provider: 'openai', providerModelId: 'gpt-4o', monthlyCostUsd: '5000' });
  });
});

describe('OpenAPI', () => {
  it('serves the spec and Swagger UI from the installed package', async () => {
    const spec = (await t.http.get('/openapi.json').expect(200)).body;
    expect(spec.openapi).toBe('3.0.3');
    const modelsList = spec.paths['/v1/models'].get;
    expect(modelsList.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['kind', 'score', 'sort', 'cursor']));
    const ui = await t.http.get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
    expect(ui.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
  });

  it('matches the committed snapshot src/openapi.json (OPENAPI_WRITE=1 rewrites it)', async () => {
    const spec = (await t.http.get('/openapi.json').expect(200)).body;
    const path = new URL('../../src/openapi.json', import.meta.url);
    const text = `${JSON.stringify(spec, null, 2)}\n`;
    if (process.env.OPENAPI_WRITE === '1') await writeFile(path, text);
    expect(await readFile(path, 'utf8')).toBe(text);
  });
});
