import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';

import { loadCatalogSeed, seedCatalog } from '../../seed/seed-catalog.js';
import { createPgPool } from '../../src/database/pg-pool.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const TABLES = [
  'creator', 'license', 'license_version', 'benchmark', 'benchmark_result', 'model', 'model_alias', 'model_license',
  'provider', 'offering', 'price_point', 'gpu_type', 'gpu_price', 'deployment_profile',
];

async function rowCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = Number((await pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  }
  return counts;
}

async function articlePrice(pool: pg.Pool, provider: string, model: string, component: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ usd: string }>(
    `SELECT p.usd::text AS usd FROM price_point p JOIN offering o ON o.id = p.offering_id
      WHERE o.provider_slug = $1 AND o.model_slug = $2 AND p.component = $3 AND p.source = 'article'`,
    [provider, model, component],
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0]?.usd;
}

describe('seed catalog', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let prisma: PrismaService;

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
    pool = createPgPool(db.fields, 1);
    prisma = new PrismaService(pool);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await db.close();
  });

  it('loads, and a second run changes no row count and adds no price', async () => {
    const seed = await loadCatalogSeed();
    const first = await seedCatalog(prisma, seed);
    expect(first.pricePointsAdded).toBeGreaterThan(10);
    const afterFirst = await rowCounts(pool);
    const second = await seedCatalog(prisma, seed);
    expect(second.pricePointsAdded).toBe(0);
    expect(second.gpuPricesAdded).toBe(0);
    expect(await rowCounts(pool)).toEqual(afterFirst);
  });

  it.each([
    ['openai', 'gpt-4o', '5', '15'],
    ['anthropic', 'claude-3-5-sonnet', '3', '15'],
    ['google', 'gemini-2-0-pro', '1.25', '5'],
    ['deepseek', 'deepseek-v3', '0.27', '1.1'],
    ['mistral', 'mistral-large', '2', '6'],
    ['together', 'llama-3-3-70b', '0.8', '0.8'],
  ])('holds the article price of %s %s exactly ($%s in / $%s out per 1M)', async (provider, model, input, output) => {
    const exact = (value: string) => Number(value).toFixed(12);
    expect(await articlePrice(pool, provider, model, 'input')).toBe(exact(input));
    expect(await articlePrice(pool, provider, model, 'output')).toBe(exact(output));
  });

  it('holds every model of the article with its MMLU figure', async () => {
    const { rows } = await pool.query<{ model_slug: string; score: string }>(
      `SELECT model_slug, score::text FROM benchmark_result WHERE benchmark_slug = 'mmlu' AND source = 'article'`,
    );
    const mmlu = Object.fromEntries(rows.map((row) => [row.model_slug, Number(row.score)]));
    expect(mmlu).toMatchObject({
      'gpt-4o': 88,
      'claude-3-5-sonnet': 87,
      'gemini-2-0-pro': 86,
      'llama-3-3-70b': 86,
      'qwen-2-5-72b': 85,
      'mistral-large': 84,
      'deepseek-v3': 87,
      'llama-3-1-405b': 88,
    });
  });

  it('holds the article GPU price (A100 80GB at $2/hour) and the self-hosting tools', async () => {
    const { rows } = await pool.query<{ usd: string }>(
      `SELECT usd_per_hour::text AS usd FROM gpu_price WHERE gpu_slug = 'a100-80gb' AND source = 'article'`,
    );
    expect(rows.map((row) => row.usd)).toEqual(['2.000000']);
    const runtimes = await pool.query<{ slug: string }>(
      `SELECT slug FROM provider WHERE 'self-host-runtime' = ANY(kinds) ORDER BY slug`,
    );
    expect(runtimes.rows.map((row) => row.slug)).toEqual(expect.arrayContaining(['llama-cpp', 'ollama', 'sglang', 'tgi', 'vllm']));
    const hosts = await pool.query<{ slug: string }>(`SELECT slug FROM provider`);
    expect(hosts.rows.map((row) => row.slug)).toEqual(
      expect.arrayContaining(['together', 'groq', 'fireworks', 'replicate', 'anyscale', 'aws-bedrock', 'google-vertex', 'azure']),
    );
  });

  it('keeps the article name "Llama 3.2 8B" as an alias of Llama 3.1 8B', async () => {
    const { rows } = await pool.query(`SELECT model_slug FROM model_alias WHERE alias = 'llama 3.2 8b'`);
    expect(rows).toEqual([{ model_slug: 'llama-3-1-8b' }]);
  });
});
