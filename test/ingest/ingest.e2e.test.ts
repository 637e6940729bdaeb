import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ParseResult, RawPayload, ScrapedOffering } from '../../scrapers/scraper.types.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { IngestService, RunInProgressError } from '../../src/ingest/ingest.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SOURCE = 'test-source';

function offering(providerModelId: string, input: string, output: string, extra: Partial<ScrapedOffering> = {}): ScrapedOffering {
  return {
    provider: 'openai',
    providerModelId,
    sourceKey: providerModelId,
    model: { candidateIds: [providerModelId] },
    features: {},
    prices: [
      { component: 'input', usd: input, unit: '1M tokens' },
      { component: 'output', usd: output, unit: '1M tokens' },
    ],
    ...extra,
  };
}

const payload = (text: string): RawPayload => ({ url: 'test://snapshot', contentType: 'application/json', body: Buffer.from(text), fetchedAt: new Date() });
const result = (offerings: ScrapedOffering[], rejected = 0): ParseResult => ({
  offerings,
  modelMeta: [],
  rejected: Array.from({ length: rejected }, (_, i) => ({ key: `bad-${i}`, reason: 'input_cost_per_token: expected number' })),
  skipped: 0,
});

let t: TestApp;
let ingest: IngestService;
let db: DatabaseConnection;

async function count(table: string, where = 'true'): Promise<number> {
  return Number((await db.pool.query(`SELECT count(*) FROM ${table} WHERE ${where}`)).rows[0].count);
}

function run(offerings: ScrapedOffering[], asOf: string, options: { rejected?: number; dryRun?: boolean; text?: string } = {}) {
  return ingest.ingest({
    source: SOURCE,
    sourceUrl: 'test://snapshot',
    payload: payload(options.text ?? JSON.stringify(offerings)),
    parse: () => result(offerings, options.rejected),
    asOf: new Date(`${asOf}T00:00:00Z`),
    trigger: 'cli',
    dryRun: options.dryRun,
  });
}

beforeAll(async () => {
  t = await startTestApp();
  ingest = t.app.get(IngestService);
  db = t.app.get<DatabaseConnection>(DATABASE_CONNECTION);
});
afterAll(() => t.close());

describe('ingest: snapshots into price history', () => {
  const snapshotA = [offering('gpt-4o', '2.5', '10'), offering('gpt-4o-mini', '0.15', '0.6'), offering('brand-new-model-x1', '1', '2')];
  const snapshotB = [
    offering('gpt-4o', '2.5', '8'), // output dropped
    offering('brand-new-model-x1', '1', '2', {
      prices: [
        { component: 'input', usd: '1', unit: '1M tokens' },
        { component: 'output', usd: '2', unit: '1M tokens' },
        { component: 'cached_input', usd: '0.5', unit: '1M tokens' }, // new component
      ],
    }),
    // gpt-4o-mini vanished
  ];

  it('imports snapshot A: matches known models, discovers the unknown one', async () => {
    const outcome = await run(snapshotA, '2025-03-01');
    expect(outcome).toMatchObject({ status: 'succeeded', counts: { seen: 3, added: 6, changed: 0, unchanged: 0, discovered: 1, unlisted: 0 } });
    const discovered = await db.pool.query(`SELECT slug, status FROM model WHERE slug = 'brand-new-model-x1'`);
    expect(discovered.rows).toEqual([{ slug: 'brand-new-model-x1', status: 'discovered' }]);
    const matched = await db.pool.query(`SELECT model_slug FROM offering WHERE provider_slug = 'openai' AND provider_model_id = 'gpt-4o'`);
    expect(matched.rows).toEqual([{ model_slug: 'gpt-4o' }]);
    const runRow = await db.pool.query(`SELECT status, payload_sha256, payload_bytes, seen, added FROM scrape_run WHERE id = $1`, [outcome.runId]);
    expect(runRow.rows[0]).toMatchObject({ status: 'succeeded', seen: 3, added: 6 });
    expect(runRow.rows[0].payload_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('imports snapshot B: exactly the changed, new and withdrawn lines, and unlists what vanished', async () => {
    const before = await count('price_point', `source = '${SOURCE}'`);
    const outcome = await run(snapshotB, '2025-04-01');
    // gpt-4o output changed; x1 cached_input added; gpt-4o-mini unlisted (its lines stay as they were)
    expect(outcome.counts).toMatchObject({ seen: 2, added: 1, changed: 1, unchanged: 3, unlisted: 1, quarantined: 0 });
    expect(await count('price_point', `source = '${SOURCE}'`)).toBe(before + 2);
    const points = await db.pool.query(
      `SELECT o.provider_model_id, p.component::text, p.usd::text, p.valid_from FROM price_point p JOIN offering o ON o.id = p.offering_id
        WHERE p.scrape_run_id = $1 ORDER BY 1, 2`,
      [outcome.runId],
    );
    expect(points.rows.map((r) => [r.provider_model_id, r.component, Number(r.usd)])).toEqual([
      ['brand-new-model-x1', 'cached_input', 0.5],
      ['gpt-4o', 'output', 8],
    ]);
    const mini = await db.pool.query(`SELECT status, unlisted_at FROM offering WHERE provider_model_id = 'gpt-4o-mini' AND provider_slug = 'openai'`);
    expect(mini.rows[0].status).toBe('unlisted');
    expect(mini.rows[0].unlisted_at.toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(await count('offering_event', `kind = 'unlisted'`)).toBe(1);
  });

  it('re-importing the same snapshot writes no price point', async () => {
    const before = await count('price_point');
    const outcome = await run(snapshotB, '2025-04-01');
    expect(outcome.counts).toMatchObject({ added: 0, changed: 0, unchanged: 5, unlisted: 0 });
    expect(await count('price_point')).toBe(before);
  });

  it('relists an offering that comes back', async () => {
    const outcome = await run([...snapshotB, offering('gpt-4o-mini', '0.15', '0.6')], '2025-05-01');
    expect(outcome.counts.unchanged).toBe(7);
    const mini = await db.pool.query(`SELECT status FROM offering WHERE provider_model_id = 'gpt-4o-mini' AND provider_slug = 'openai'`);
    expect(mini.rows[0].status).toBe('listed');
    expect(await count('offering_event', `kind = 'relisted'`)).toBe(1);
  });

  it('withdraws a component the source stops giving', async () => {
    const outcome = await run([offering('gpt-4o', '2.5', '8'), offering('brand-new-model-x1', '1', '2'), offering('gpt-4o-mini', '0.15', '0.6')], '2025-06-01');
    expect(outcome.counts.changed).toBe(1);
    const withdrawn = await db.pool.query(`SELECT component::text, usd FROM price_point WHERE scrape_run_id = $1`, [outcome.runId]);
    expect(withdrawn.rows).toEqual([{ component: 'cached_input', usd: null }]);
  });

  it('quarantines a 20x jump instead of applying it', async () => {
    const before = await count('price_point');
    const outcome = await run([offering('gpt-4o', '50', '8'), offering('brand-new-model-x1', '1', '2'), offering('gpt-4o-mini', '0.15', '0.6')], '2025-07-01');
    expect(outcome.counts).toMatchObject({ quarantined: 1, changed: 0 });
    expect(await count('price_point')).toBe(before);
    const held = await db.pool.query(`SELECT previous_usd::text, proposed_usd::text, reason, status::text FROM quarantined_price WHERE scrape_run_id = $1`, [outcome.runId]);
    expect(held.rows).toHaveLength(1);
    expect(Number(held.rows[0].previous_usd)).toBe(2.5);
    expect(Number(held.rows[0].proposed_usd)).toBe(50);
    expect(held.rows[0]).toMatchObject({ status: 'pending' });
    expect(held.rows[0].reason).toMatch(/rose 20x/);
  });

  it('a dry run reports what would change and writes nothing but its run', async () => {
    const before = await count('price_point');
    const outcome = await run([offering('gpt-4o', '2.5', '7'), offering('brand-new-model-x1', '1', '2'), offering('gpt-4o-mini', '0.15', '0.6')], '2025-08-01', { dryRun: true });
    expect(outcome).toMatchObject({ status: 'succeeded', dryRun: true, counts: { changed: 1 } });
    expect(await count('price_point')).toBe(before);
  });
});

describe('ingest: failures leave the catalog unchanged', () => {
  async function catalogCounts() {
    return { points: await count('price_point'), offerings: await count('offering'), models: await count('model'), quarantined: await count('quarantined_price') };
  }

  it('a parse failure fails the run with its reason', async () => {
    const before = await catalogCounts();
    const outcome = await ingest.ingest({
      source: SOURCE,
      sourceUrl: 'test://broken',
      payload: payload('<html>no table</html>'),
      parse: () => {
        throw new Error('no table with a "Model" header');
      },
      trigger: 'cli',
    });
    expect(outcome).toMatchObject({ status: 'failed', error: 'no table with a "Model" header' });
    expect(await catalogCounts()).toEqual(before);
    const runRow = await db.pool.query(`SELECT status::text, error FROM scrape_run WHERE id = $1`, [outcome.runId]);
    expect(runRow.rows[0]).toEqual({ status: 'failed', error: 'no table with a "Model" header' });
  });

  it('too many rejected records fail the run', async () => {
    const before = await catalogCounts();
    const outcome = await run([offering('gpt-4o', '2.5', '9')], '2025-09-01', { rejected: 5 });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/5 of 6 records/);
    expect(await catalogCounts()).toEqual(before);
  });

  it('a failure in the middle of the writes rolls everything back', async () => {
    const before = await catalogCounts();
    // A price the database refuses (negative) after valid ones in the same run.
    const outcome = await run([offering('gpt-4o', '2.5', '9'), offering('yet-another-new-model', '1', '-1' as string)], '2025-10-01');
    expect(outcome.status).toBe('failed');
    expect(await catalogCounts()).toEqual(before);
  });

  // Two sessions at once: the embedded database serves one connection, so this needs a server.
  it.skipIf(!process.env.DATABASE_URL)('two concurrent runs of one source: one runs, the other is refused', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('model-ledger:ingest:' || $1))`, [SOURCE]);
      await expect(run([offering('gpt-4o', '2.5', '9')], '2025-11-01')).rejects.toBeInstanceOf(RunInProgressError);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    const outcome = await run([offering('gpt-4o', '2.5', '9')], '2025-11-01');
    expect(outcome.status).toBe('succeeded');
  });
});

describe('ingest: model metadata from Hugging Face', () => {
  it('records a license change in the model\'s license history, from the snapshot date', async () => {
    const { getScraper } = await import('../../scrapers/registry.js');
    const scraper = getScraper('huggingface');
    const body = JSON.stringify({
      id: 'meta-llama/Llama-3.3-70B-Instruct',
      modelId: 'meta-llama/Llama-3.3-70B-Instruct',
      gated: 'manual',
      tags: ['license:mit'],
      cardData: { license: 'mit' },
      safetensors: { total: 70553706496 },
    });
    const outcome = await ingest.ingest({
      source: 'huggingface',
      sourceUrl: 'https://huggingface.co/api/models/meta-llama/Llama-3.3-70B-Instruct',
      payload: { url: 'https://huggingface.co/api/models/meta-llama/Llama-3.3-70B-Instruct', contentType: 'application/json', body: Buffer.from(body), fetchedAt: new Date() },
      parse: (raw) => scraper.parse(raw),
      asOf: new Date('2026-05-01T00:00:00Z'),
      trigger: 'cli',
    });
    expect(outcome).toMatchObject({ status: 'succeeded', counts: { changed: 1 } });
    const { body: model } = await t.http.get('/v1/models/llama-3-3-70b').expect(200);
    expect(model.license.id).toBe('MIT');
    expect(model.licenseHistory.map((entry: { license: { id: string }; validFrom: string }) => [entry.license.id, entry.validFrom])).toEqual([
      ['llama-3.3', '2024-12-06'],
      ['MIT', '2026-05-01'],
    ]);
  });
});
