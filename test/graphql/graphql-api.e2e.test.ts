import { readFile, writeFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DASHBOARD_QUERY } from '../support/dashboard-query.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
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


describe('GraphQL queries on the seed catalog', () => {
  it('models: the dashboard query (top open models by MMLU with cheapest offering and license)', async () => {
    const { data, errors } = await gql(`{
      models(filter: { kind: "open-weights", scores: [{ benchmark: "mmlu", min: "85" }] }, sort: "-score:mmlu", first: 5) {
        nodes { slug mmlu: score(benchmark: "mmlu") license { id commercialUse } cheapestOffering { provider input output } }
        pageInfo { hasNextPage endCursor }
      }
    }`);
    expect(errors).toBeUndefined();
    const nodes = data!.models.nodes;
    expect(nodes.length).toBe(5);
    const scores = nodes.map((n: { mmlu: string }) => Number(n.mmlu));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s: number) => s >= 85)).toBe(true);
    expect(typeof nodes[0].cheapestOffering.input).toBe('string');
    expect(data!.models.pageInfo.hasNextPage).toBe(true);
    const next = await gql(`query($after: String) { models(filter: { kind: "open-weights", scores: [{ benchmark: "mmlu", min: "85" }] }, sort: "-score:mmlu", first: 5, after: $after) { nodes { slug } } }`, {
      after: data!.models.pageInfo.endCursor,
    });
    const firstSlugs = nodes.map((n: { slug: string }) => n.slug);
    expect(next.data!.models.nodes.every((n: { slug: string }) => !firstSlugs.includes(n.slug))).toBe(true);
  });

  it('model by slug and by alias, with license terms, scores, offerings, prices and history', async () => {
    const { data, errors } = await gql(`{
      byAlias: model(slug: "Llama 3.2 8B") { slug }
      missing: model(slug: "no-such-model") { slug }
      model(slug: "llama-3-3-70b") {
        slug kind parametersB aliases
        creator { slug name }
        license { id userCapMau terms versions { version effectiveFrom } }
        score(benchmark: "mmlu")
        offerings { providerModelId provider { slug } currentPrices { component usd source } priceHistory { usd validFrom source } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.byAlias.slug).toBe('llama-3-1-8b');
    expect(data!.missing).toBeNull();
    const model = data!.model;
    expect(model).toMatchObject({ slug: 'llama-3-3-70b', kind: 'open-weights', parametersB: '70', creator: { slug: 'meta' } });
    expect(model.license.userCapMau).toBe(700000000);
    expect(model.license.terms.userCapMau.value).toBe(700000000);
    expect(model.aliases).toContain('meta-llama/llama-3.3-70b-instruct');
    const together = model.offerings.find((o: { provider: { slug: string } }) => o.provider.slug === 'together');
    expect(together.currentPrices).toEqual(expect.arrayContaining([{ component: 'input', usd: '0.8', source: 'article' }]));
    expect(together.priceHistory.length).toBeGreaterThanOrEqual(together.currentPrices.length);
  });

  it('providers, provider, offerings, licenses, license, benchmarks, benchmark, gpus, creators', async () => {
    const { data, errors } = await gql(`{
      providers(kind: "self-host-runtime") { slug }
      provider(slug: "groq") { name kinds offerings { providerModelId model { slug } } }
      offerings(filter: { providerModelId: "deepseek-chat" }) { provider { slug } model { slug } features { promptCaching } }
      licenses { id commercialUse }
      license(id: "cc-by-nc-4.0") { commercialUse models { slug } }
      benchmarks { slug }
      benchmark(slug: "mmlu") { name leaderboard(first: 3) { rank score model { slug } } }
      gpus { slug prices { provider usdPerHour source } }
      creators { slug models { slug } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.providers.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining(['vllm', 'ollama', 'sglang']));
    expect(data!.provider.offerings.map((o: { model: { slug: string } }) => o.model.slug)).toContain('llama-3-3-70b');
    expect(data!.offerings).toEqual([expect.objectContaining({ provider: { slug: 'deepseek' }, model: { slug: 'deepseek-v3' } })]);
    expect(data!.licenses.length).toBeGreaterThan(10);
    expect(data!.license).toMatchObject({ commercialUse: 'forbidden', models: [{ slug: 'command-r-plus' }] });
    expect(data!.benchmark.leaderboard.map((e: { rank: number }) => e.rank)).toEqual([1, 2, 3]);
    const a100 = data!.gpus.find((g: { slug: string }) => g.slug === 'a100-80gb');
    expect(a100.prices).toEqual(expect.arrayContaining([{ provider: 'gpu-cloud-article', usdPerHour: '2', source: 'article' }]));
    expect(data!.creators.find((c: { slug: string }) => c.slug === 'meta').models.length).toBeGreaterThan(3);
  });

  it('compare with the article workload and prices', async () => {
    const { data, errors } = await gql(`{
      compare(models: ["gpt-4o", "claude-3-5-sonnet", "llama-3-3-70b"], workload: { priceSource: "article" }) { rows { field values } }
    }`);
    expect(errors).toBeUndefined();
    const row = data!.compare.rows.find((r: { field: string }) => r.field === 'cheapestMonthlyCostUsd');
    expect(row.values).toEqual({ 'gpt-4o': '100000', 'claude-3-5-sonnet': '90000', 'llama-3-3-70b': '8000' });
  });
});

describe('bad arguments are BAD_USER_INPUT naming the argument', () => {
  it.each([
    ['{ models(filter: { kind: "nope" }) { nodes { slug } } }', 'filter.kind'],
    ['{ models(sort: "popularity") { nodes { slug } } }', 'sort'],
    ['{ models(first: 0) { nodes { slug } } }', 'first'],
    ['{ models(after: "garbage") { nodes { slug } } }', 'after'],
    ['{ models(filter: { scores: [{ benchmark: "MM LU", min: "85" }] }) { nodes { slug } } }', 'filter.scores'],
    ['{ offerings(filter: { status: "gone" }) { id } }', 'filter.status'],
    ['{ compare(models: []) { rows { field } } }', 'models'],
    ['{ model(slug: "gpt-4o") { offerings { priceHistory(from: "yesterday") { usd } } } }', 'from'],
  ])('%s', async (query, argument) => {
    const { errors } = await gql(query);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.extensions!.argument).toBe(argument);
  });

  it('a malformed Decimal literal is refused before any resolver runs', async () => {
    const { errors } = await gql('{ models(filter: { maxInputPrice: "cheap" }) { nodes { slug } } }');
    expect(errors?.[0]?.message).toMatch(/Decimal/);
  });
});

describe('limits', () => {
  it('refuses a query deeper than the depth limit, naming it', async () => {
    const deep = `{ models(first: 1) { nodes { creator { models { creator { models { creator { models { creator { models { slug } } } } } } } } } } }`;
    const response = await t.http.post('/graphql').send({ query: deep });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(response.body.errors)).toMatch(/depth/i);
  });

  it('refuses a query over the cost limit, naming it', async () => {
    const fields = Array.from({ length: 14 }, (_, i) => `m${i}: models(first: 500) { nodes { slug name kind status license { id name } offerings { id providerModelId currentPrices { usd component unit } } } }`);
    const response = await t.http.post('/graphql').send({ query: `{ ${fields.join(' ')} }` });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(response.body.errors)).toMatch(/cost/i);
  });

  it('refuses too many aliases, naming the limit', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: licenses { id }`).join(' ');
    const response = await t.http.post('/graphql').send({ query: `{ ${aliases} }` });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(response.body.errors)).toMatch(/alias/i);
  });

  it('refuses a body over the size limit', async () => {
    const response = await t.http.post('/graphql').set('content-type', 'application/json').send(JSON.stringify({ query: `{ licenses { id } } #${'x'.repeat(1_100_000)}` }));
    expect(response.status).toBe(413);
  });
});

describe('batching: the dashboard query costs a fixed number of statements', () => {
  it('runs the same small number of SQL statements for 10 and for 100 models', async () => {
    const connection = t.app.get<DatabaseConnection>(DATABASE_CONNECTION);
    // 100 more models, each with an offering, prices and three benchmark results.
    await connection.pool.query(`
      INSERT INTO model (slug, name, family, creator_slug, kind, status, license_id, source)
        SELECT 'bulk-' || lpad(i::text, 3, '0'), 'Bulk ' || i, 'Bulk', 'meta', 'open-weights', 'active', 'llama-3.3', 'test'
          FROM generate_series(1, 100) i;
      INSERT INTO offering (provider_slug, model_slug, provider_model_id, source)
        SELECT 'together', 'bulk-' || lpad(i::text, 3, '0'), 'bulk/' || i, 'test' FROM generate_series(1, 100) i;
      INSERT INTO price_point (offering_id, component, unit, usd, valid_from, observed_at, source)
        SELECT o.id, c.component::price_component, '1M tokens', 0.1 + o.id / 1000.0, now() - interval '1 day', now(), 'test'
          FROM offering o CROSS JOIN (VALUES ('input'), ('output')) c(component) WHERE o.model_slug LIKE 'bulk-%';
      INSERT INTO benchmark_result (model_slug, benchmark_slug, score, source)
        SELECT m.slug, b.slug, 50 + random() * 40, 'test' FROM model m CROSS JOIN benchmark b
         WHERE m.slug LIKE 'bulk-%' AND b.slug IN ('mmlu', 'gpqa-diamond', 'humaneval');
    `);
    const pool = connection.pool as unknown as { query: (...args: unknown[]) => unknown };
    const original = pool.query.bind(pool);
    let statements = 0;
    pool.query = (...args: unknown[]) => {
      statements++;
      return original(...args);
    };
    try {
      const count = async (first: number) => {
        statements = 0;
        const { data, errors } = await gql(DASHBOARD_QUERY, { first });
        expect(errors).toBeUndefined();
        expect(data!.models.nodes).toHaveLength(first);
        expect(data!.models.nodes.some((n: { offerings: unknown[] }) => n.offerings.length > 0)).toBe(true);
        return statements;
      };
      const forTen = await count(10);
      const forHundred = await count(100);
      expect(forHundred).toBe(forTen);
      expect(forHundred).toBeLessThanOrEqual(8);
    } finally {
      pool.query = original;
    }
  });
});

describe('response cache', () => {
  const CREATORS = '{ creators { slug } }';

  it('answers a repeated query from memory, until the catalog changes', async () => {
    const first = await t.http.post('/graphql').send({ query: CREATORS });
    const second = await t.http.post('/graphql').send({ query: CREATORS });
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['miss', 'hit']);
    expect(second.body).toEqual(first.body);
    // Other variables or another operation are other entries.
    expect((await t.http.post('/graphql').send({ query: 'query C { creators { slug name } }', operationName: 'C' })).headers['x-cache']).toBe('miss');

    const connection = t.app.get<DatabaseConnection>(DATABASE_CONNECTION);
    await connection.pool.query(`INSERT INTO creator (slug, name) VALUES ('cache-test-lab', 'Cache Test Lab')`);
    const after = await t.http.post('/graphql').send({ query: CREATORS });
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body.data.creators.map((c: { slug: string }) => c.slug)).toContain('cache-test-lab');
  });

  it('keeps no answer with errors, and no document that is not a query', async () => {
    // An argument refused while executing: 200 with errors.
    const bad = { query: '{ models(after: "garbage") { nodes { slug } } }' };
    await t.http.post('/graphql').send(bad);
    const again = await t.http.post('/graphql').send(bad);
    expect(again.status).toBe(200);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.headers['x-cache']).toBeUndefined();
    const subscription = { query: 'subscription { creators { slug } }' };
    await t.http.post('/graphql').send(subscription);
    expect((await t.http.post('/graphql').send(subscription)).headers['x-cache']).toBeUndefined();
  });
});

describe('schema and explorer', () => {
  it('the committed src/schema.gql matches the code (SCHEMA_WRITE=1 rewrites it)', async () => {
    // The graphql instance Nest and mercurius load (CommonJS), not a second copy.
    const { printSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
    const sdl = `${printSchema(t.app.get(GraphQLSchemaHost).schema)}\n`;
    const path = new URL('../../src/schema.gql', import.meta.url);
    if (process.env.SCHEMA_WRITE === '1') await writeFile(path, sdl);
    expect(await readFile(path, 'utf8')).toBe(sdl);
  });

  it('serves GraphiQL from installed packages at /graphql for browsers', async () => {
    const page = await t.http.get('/graphql').set('accept', 'text/html').expect(200);
    expect(page.text).toContain('/graphiql/graphiql.js');
    expect(page.text).not.toMatch(/unpkg|jsdelivr|cdn\./);
    const script = await t.http.get('/graphiql/graphiql.js').expect(200);
    expect(script.text.length).toBeGreaterThan(100_000);
  });

  it('answers introspection (on by default)', async () => {
    const { data } = await gql('{ __schema { queryType { name } } }');
    expect(data!.__schema.queryType.name).toBe('Query');
  });
});
