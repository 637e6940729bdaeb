import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getScraper } from '../../scrapers/registry.js';
import { IngestService } from '../../src/ingest/ingest.service.js';
import { parseCsv } from '../support/csv.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Hand-written LiteLLM snapshots (USD per token) with known changes between them. */
const SNAPSHOTS: Record<string, Record<string, unknown>> = {
  '2025-01-01': {
    'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5 },
    'deepseek/deepseek-chat': { litellm_provider: 'deepseek', mode: 'chat', input_cost_per_token: 2.7e-7, output_cost_per_token: 1.1e-6 },
    'gemini/gemini-2.5-pro': {
      litellm_provider: 'gemini',
      mode: 'chat',
      input_cost_per_token: 1.25e-6,
      output_cost_per_token: 1e-5,
      input_cost_per_token_above_200k_tokens: 2.5e-6,
      output_cost_per_token_above_200k_tokens: 1.5e-5,
    },
  },
  '2025-02-01': {
    // gpt-4o: output drops 10 -> 8, batch prices appear; deepseek: input rises, cache reads appear
    'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 8e-6, input_cost_per_token_batches: 1.25e-6, output_cost_per_token_batches: 4e-6 },
    'deepseek/deepseek-chat': { litellm_provider: 'deepseek', mode: 'chat', input_cost_per_token: 2.8e-7, output_cost_per_token: 1.1e-6, cache_read_input_token_cost: 7e-8 },
    'gemini/gemini-2.5-pro': {
      litellm_provider: 'gemini',
      mode: 'chat',
      input_cost_per_token: 1.25e-6,
      output_cost_per_token: 1e-5,
      input_cost_per_token_above_200k_tokens: 2.5e-6,
      output_cost_per_token_above_200k_tokens: 1.5e-5,
    },
  },
  '2025-03-01': {
    // batch prices withdrawn; deepseek-chat vanished
    'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 8e-6 },
    'gemini/gemini-2.5-pro': {
      litellm_provider: 'gemini',
      mode: 'chat',
      input_cost_per_token: 1.25e-6,
      output_cost_per_token: 1e-5,
      input_cost_per_token_above_200k_tokens: 2.5e-6,
      output_cost_per_token_above_200k_tokens: 1.5e-5,
    },
  },
  '2025-04-01': {
    // deepseek-chat re-listed at its old input price
    'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 8e-6 },
    'deepseek/deepseek-chat': { litellm_provider: 'deepseek', mode: 'chat', input_cost_per_token: 2.7e-7, output_cost_per_token: 1.1e-6, cache_read_input_token_cost: 7e-8 },
    'gemini/gemini-2.5-pro': {
      litellm_provider: 'gemini',
      mode: 'chat',
      input_cost_per_token: 1.25e-6,
      output_cost_per_token: 1e-5,
      input_cost_per_token_above_200k_tokens: 2.5e-6,
      output_cost_per_token_above_200k_tokens: 1.5e-5,
    },
  },
};

async function importSnapshots(t: TestApp, dates: string[]) {
  const ingest = t.app.get(IngestService);
  const scraper = getScraper('litellm');
  const runs: Record<string, { runId: number; sha256: string }> = {};
  for (const date of dates) {
    const body = Buffer.from(JSON.stringify(SNAPSHOTS[date]));
    const outcome = await ingest.ingest({
      source: 'litellm',
      sourceUrl: `test://litellm/${date}.json`,
      payload: { url: `test://litellm/${date}.json`, contentType: 'application/json', body, fetchedAt: new Date() },
      parse: (payload) => scraper.parse(payload),
      asOf: new Date(`${date}T00:00:00Z`),
      trigger: 'cli',
    });
    expect(outcome.status).toBe('succeeded');
    runs[date] = { runId: outcome.runId, sha256: createHash('sha256').update(body).digest('hex') };
  }
  return runs;
}

type AtItem = { offering: { provider: string; providerModelId: string }; prices: { component: string; usd: string; condition: unknown; source: string }[] };

async function pricesAt(t: TestApp, date: string, query: Record<string, string>) {
  const { body } = await t.http.get('/v1/prices/at').query({ date, source: 'litellm', ...query }).expect(200);
  return body.items as AtItem[];
}

const price = (items: AtItem[], component: string, condition: unknown = null) =>
  items[0]?.prices.find((p) => p.component === component && JSON.stringify(p.condition) === JSON.stringify(condition))?.usd;

let t: TestApp;
let runs: Awaited<ReturnType<typeof importSnapshots>>;
beforeAll(async () => {
  t = await startTestApp();
  runs = await importSnapshots(t, Object.keys(SNAPSHOTS));
});
afterAll(() => t.close());

describe('price at a date', () => {
  const deepseek = { provider: 'deepseek', providerModelId: 'deepseek-chat' };
  const gpt4o = { provider: 'openai', providerModelId: 'gpt-4o' };

  it('on each side of a rise, with a new component appearing', async () => {
    expect(price(await pricesAt(t, '2025-01-31', deepseek), 'input')).toBe('0.27');
    expect(price(await pricesAt(t, '2025-01-31', deepseek), 'cached_input')).toBeUndefined();
    const after = await pricesAt(t, '2025-02-01', deepseek);
    expect(price(after, 'input')).toBe('0.28');
    expect(price(after, 'cached_input')).toBe('0.07');
  });

  it('on each side of a drop (a date is the whole day, UTC)', async () => {
    expect(price(await pricesAt(t, '2025-01-31', gpt4o), 'output')).toBe('10');
    expect(price(await pricesAt(t, '2025-02-01', gpt4o), 'output')).toBe('8');
  });

  it('a withdrawn component is absent after its withdrawal', async () => {
    expect(price(await pricesAt(t, '2025-02-15', gpt4o), 'batch_input')).toBe('1.25');
    expect(price(await pricesAt(t, '2025-03-15', gpt4o), 'batch_input')).toBeUndefined();
    expect(price(await pricesAt(t, '2025-03-15', gpt4o), 'input')).toBe('2.5');
  });

  it('an unlisted offering has no prices while unlisted, and they return with it', async () => {
    expect(await pricesAt(t, '2025-03-15', deepseek)).toEqual([]);
    const back = await pricesAt(t, '2025-04-02', deepseek);
    expect(price(back, 'input')).toBe('0.27');
  });

  it('keeps the long-context tier as its own line', async () => {
    const gemini = await pricesAt(t, '2025-01-15', { provider: 'google', providerModelId: 'gemini-2.5-pro' });
    expect(price(gemini, 'input')).toBe('1.25');
    expect(price(gemini, 'input', { promptTokensAbove: 200000 })).toBe('2.5');
    expect(price(gemini, 'output', { promptTokensAbove: 200000 })).toBe('15');
  });

  it('nothing before the first snapshot, from this source', async () => {
    expect(await pricesAt(t, '2024-12-31', deepseek)).toEqual([]);
  });

  it('answers for all offerings of a provider, and as CSV', async () => {
    const all = await pricesAt(t, '2025-02-15', { provider: 'openai' });
    expect(all.map((item) => item.offering.providerModelId)).toContain('gpt-4o');
    const csv = await t.http.get('/v1/prices/at').query({ date: '2025-02-15', provider: 'openai', source: 'litellm', format: 'csv' }).expect(200);
    const rows = parseCsv(csv.text);
    expect(Object.keys(rows[0]!)).toEqual([
      'date', 'offeringId', 'provider', 'providerModelId', 'model', 'component', 'condition', 'unit', 'usd', 'validFrom', 'observedAt', 'source', 'sourceUrl', 'runId',
    ]);
    expect(rows.find((r) => r.providerModelId === 'gpt-4o' && r.component === 'output')!.usd).toBe('8');
    expect(rows[0]!.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it.each([
    ['date=2025-13-01', 'date'],
    ['date=yesterday', 'date'],
    ['date=2025-01-01&component=tokens', 'component'],
    ['', 'date'],
  ])('bad input %s -> 400 naming %s', async (query, field) => {
    const { body } = await t.http.get(`/v1/prices/at?${query}`).expect(400);
    expect(body.issues.map((i: { path: string }) => i.path)).toContain(field);
  });
});

describe('the change log', () => {
  it('has one row per changed line with old, new, absolute and percent change', async () => {
    const { body } = await t.http.get('/v1/changes').query({ providerModelId: 'gpt-4o', provider: 'openai', source: 'litellm', since: '2025-01-02' }).expect(200);
    const output = body.items.find((row: { component: string }) => row.component === 'output');
    expect(output).toMatchObject({ oldUsd: '10', newUsd: '8', changeUsd: '-2', changePct: '-20', source: 'litellm', runId: runs['2025-02-01']!.runId });
    expect(output.date).toBe('2025-02-01T00:00:00.000Z');
    const withdrawal = body.items.find((row: { component: string; newUsd: string | null }) => row.component === 'batch_input' && row.newUsd === null);
    expect(withdrawal).toMatchObject({ oldUsd: '1.25', date: '2025-03-01T00:00:00.000Z' });
  });

  it('filters by percent change', async () => {
    const { body } = await t.http.get('/v1/changes').query({ provider: 'deepseek', minChangePct: '3', source: 'litellm' }).expect(200);
    // 0.27 -> 0.28 is +3.7%; 0.28 -> 0.27 is -3.57%
    expect(body.items.map((row: { oldUsd: string; newUsd: string }) => [row.oldUsd, row.newUsd])).toEqual([
      ['0.27', '0.28'],
      ['0.28', '0.27'],
    ]);
    const none = await t.http.get('/v1/changes').query({ provider: 'deepseek', minChangePct: '5', source: 'litellm' }).expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('as CSV with ISO dates', async () => {
    const csv = await t.http.get('/v1/changes').query({ provider: 'openai', source: 'litellm', format: 'csv' }).expect(200);
    const rows = parseCsv(csv.text);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => /^\d{4}-\d{2}-\d{2}T/.test(row.date!))).toBe(true);
  });
});

describe('history and provenance', () => {
  it('history: every point oldest first, with withdrawals and the unlisting and relisting', async () => {
    const { body } = await t.http.get('/v1/prices/history').query({ provider: 'deepseek', providerModelId: 'deepseek-chat', source: 'litellm' }).expect(200);
    const kinds = body.items.map((entry: { type: string; component: string | null; usd: string | null; validFrom: string }) =>
      entry.type === 'price' ? `${entry.validFrom.slice(0, 10)} ${entry.component} ${entry.usd}` : `${entry.validFrom.slice(0, 10)} ${entry.type}`,
    );
    // The offering came from the seed catalog: its listing history starts with this source's first unlisting.
    expect(kinds).toEqual([
      '2025-01-01 input 0.27',
      '2025-01-01 output 1.1',
      '2025-02-01 input 0.28',
      '2025-02-01 cached_input 0.07',
      '2025-03-01 unlisted',
      '2025-04-01 relisted',
      '2025-04-01 input 0.27',
    ]);
  });

  it('history pages with a cursor without gaps', async () => {
    const whole = (await t.http.get('/v1/prices/history').query({ provider: 'openai', source: 'litellm' }).expect(200)).body.items;
    const walked: unknown[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const { body } = await t.http.get('/v1/prices/history').query({ provider: 'openai', source: 'litellm', limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
      walked.push(...body.items);
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(walked).toEqual(whole);
  });

  it('audit: the provenance chain down to the payload hash, and the payload itself', async () => {
    const offerings = (await t.http.get('/v1/offerings').query({ provider: 'deepseek', providerModelId: 'deepseek-chat', status: 'all' }).expect(200)).body.items;
    const { body } = await t.http.get(`/v1/offerings/${offerings[0].id}/audit`).expect(200);
    const fromRuns = body.points.filter((point: { origin: string }) => point.origin === 'scrape');
    expect(fromRuns.length).toBe(5);
    const first = fromRuns.find((point: { validFrom: string }) => point.validFrom.startsWith('2025-01-01'));
    expect(first.run).toMatchObject({ id: runs['2025-01-01']!.runId, source: 'litellm', payloadSha256: runs['2025-01-01']!.sha256 });
    const payload = await t.http.get(first.run.payloadUrl).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(payload.status).toBe(200);
    expect(createHash('sha256').update(payload.body as Buffer).digest('hex')).toBe(runs['2025-01-01']!.sha256);
    expect(payload.headers['x-payload-sha256']).toBe(runs['2025-01-01']!.sha256);
    expect(body.events.map((event: { kind: string }) => event.kind)).toEqual(['unlisted', 'relisted']);
  });

  it('scrape runs: listed newest first, one by id with counts', async () => {
    const { body } = await t.http.get('/v1/scrape-runs?source=litellm').expect(200);
    expect(body.items.map((run: { id: number }) => run.id)).toEqual(Object.values(runs).map((run) => run.runId).reverse());
    const run = (await t.http.get(`/v1/scrape-runs/${runs['2025-03-01']!.runId}`).expect(200)).body;
    expect(run).toMatchObject({ status: 'succeeded', counts: { unlisted: 1 } });
    await t.http.get('/v1/scrape-runs/999999').expect(404);
  });
});

describe('the same answers whatever the order of the runs', () => {
  it('price-at-date agrees after importing the snapshots in reverse order', async () => {
    const other = await startTestApp();
    try {
      await importSnapshots(other, Object.keys(SNAPSHOTS).reverse());
      for (const date of ['2025-01-15', '2025-02-15', '2025-03-15', '2025-04-15']) {
        for (const query of [
          { provider: 'openai', providerModelId: 'gpt-4o' },
          { provider: 'google', providerModelId: 'gemini-2.5-pro' },
          { provider: 'deepseek', providerModelId: 'deepseek-chat' },
        ]) {
          const strip = (items: AtItem[]) => items.map((item) => item.prices.map((p) => [p.component, p.condition, p.usd]).sort());
          expect(strip(await pricesAt(other, date, query))).toEqual(strip(await pricesAt(t, date, query)));
        }
      }
    } finally {
      await other.close();
    }
  });
});

describe('the same through GraphQL', () => {
  it('pricesAt, priceChanges and scrapeRuns answer as REST does', async () => {
    const query = `{
      pricesAt(date: "2025-02-15", provider: "deepseek", providerModelId: "deepseek-chat", source: "litellm") {
        offering { providerModelId } prices { component usd runId }
      }
      priceChanges(provider: "openai", providerModelId: "gpt-4o", source: "litellm", component: "output") { oldUsd newUsd changePct date }
      scrapeRuns(source: "litellm", first: 2) { id status counts { added unlisted } }
    }`;
    const { body } = await t.http.post('/graphql').send({ query });
    expect(body.data.pricesAt[0].prices).toEqual(expect.arrayContaining([{ component: 'input', usd: '0.28', runId: runs['2025-02-01']!.runId }]));
    expect(body.data.priceChanges).toEqual(expect.arrayContaining([{ oldUsd: '10', newUsd: '8', changePct: '-20', date: '2025-02-01T00:00:00.000Z' }]));
    expect(body.data.scrapeRuns).toHaveLength(2);
    const bad = await t.http.post('/graphql').send({ query: '{ pricesAt(date: "tomorrow") { offering { id } } }' });
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'date' });
  });
});
