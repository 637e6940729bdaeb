/**
 * Issue #14, class 8: a run that would unlist more than INGEST_MAX_UNLIST_SHARE of the offerings
 * its source lists (once at least INGEST_UNLIST_HOLD_MIN_COUNT would go) is held for review: the
 * whole run is rolled back (no price point, no event, no offering change), the run says `held`
 * with what it would have done and why, and an admin approves (applied then, in one transaction)
 * or rejects it. Real LiteLLM-format payloads are served from 127.0.0.1 to the admin endpoint.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ParseResult, ScrapedOffering } from '../../scrapers/scraper.types.js';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { IngestService } from '../../src/ingest/ingest.service.js';
import { ScrapeRunnerService } from '../../src/ingest/scrape-runner.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let db: DatabaseConnection;
let server: Server;
let base: string;
let adminKey: string;
let ingestKey: string;
const payloads = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApp({ env: { SCRAPE_ALLOW_LOOPBACK: 'true', INGEST_MAX_UNLIST_SHARE: '0.2', INGEST_UNLIST_HOLD_MIN_COUNT: '10' } });
  db = t.app.get<DatabaseConnection>(DATABASE_CONNECTION);
  server = createServer((req, res) => {
    const body = payloads.get(req.url ?? '');
    if (body) res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keys = t.app.get(ApiKeysService);
  adminKey = (await keys.create('unlist admin', ['admin'])).key;
  ingestKey = (await keys.create('unlist ingest', ['ingest'])).key;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const count = async (sql: string, params: unknown[] = []) => Number((await db.pool.query(sql, params)).rows[0].n);

/** A LiteLLM map of the given model numbers (USD per token), as the source publishes it; `priceOf` overrides input prices. */
function litellmMap(ids: number[], priceOf: Record<number, number> = {}): string {
  const map: Record<string, unknown> = {};
  for (const i of ids) {
    map[`mass-unlist-model-${i}`] = {
      litellm_provider: 'openai',
      mode: 'chat',
      input_cost_per_token: priceOf[i] ?? Number(((1 + (i % 7)) * 1e-7).toPrecision(6)),
      output_cost_per_token: Number(((1 + (i % 5)) * 4e-7).toPrecision(6)),
      max_input_tokens: 128_000,
    };
  }
  return JSON.stringify(map);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function waitForRun(id: number) {
  for (let i = 0; i < 300; i++) {
    const { body } = await t.http.get(`/v1/scrape-runs/${id}`).expect(200);
    if (body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${id} did not finish`);
}

/** Serves the payload and runs it through POST /v1/admin/scrape/litellm (ingest key), as an operator would. */
async function adminRun(name: string, ids: number[], asOf: string, options: { dryRun?: boolean; priceOf?: Record<number, number> } = {}) {
  payloads.set(`/${name}.json`, litellmMap(ids, options.priceOf));
  const { body } = await t.http
    .post('/v1/admin/scrape/litellm')
    .set('x-api-key', ingestKey)
    .send({ url: `${base}/${name}.json`, asOf, dryRun: options.dryRun ?? false })
    .expect(202);
  return waitForRun(body.runId);
}

const listedOfLitellm = () => count(`SELECT count(*)::int AS n FROM offering WHERE provider_model_id LIKE 'mass-unlist-model-%' AND status = 'listed'`);
const writtenBy = async (runId: number) => ({
  points: await count('SELECT count(*)::int AS n FROM price_point WHERE scrape_run_id = $1', [runId]),
  events: await count('SELECT count(*)::int AS n FROM offering_event WHERE scrape_run_id = $1', [runId]),
  offerings: await count('SELECT count(*)::int AS n FROM offering WHERE scrape_run_id = $1', [runId]),
  quarantined: await count('SELECT count(*)::int AS n FROM quarantined_price WHERE scrape_run_id = $1', [runId]),
});
const catalogTotals = async () => ({
  points: await count('SELECT count(*)::int AS n FROM price_point'),
  events: await count('SELECT count(*)::int AS n FROM offering_event'),
  offerings: await count('SELECT count(*)::int AS n FROM offering'),
  listed: await count(`SELECT count(*)::int AS n FROM offering WHERE status = 'listed'`),
  models: await count('SELECT count(*)::int AS n FROM model'),
});

describe('the share limit, through the admin endpoint (LiteLLM source, 100 offerings)', () => {
  let heldAbove: number; // 17 of 80
  let heldMass: number; // 58 of 64, 6 entries left

  it('a first import lists 100 offerings', async () => {
    const run = await adminRun('base', range(0, 100), '2026-01-01');
    expect(run).toMatchObject({ status: 'succeeded', counts: { seen: 100, unlisted: 0 }, hold: null });
    expect(await listedOfLitellm()).toBe(100);
  });

  it('exactly the share (20 of 100 = 20%) applies', async () => {
    const run = await adminRun('minus-20', range(20, 100), '2026-01-02');
    expect(run).toMatchObject({ status: 'succeeded', counts: { unlisted: 20 }, hold: null });
    expect(await listedOfLitellm()).toBe(80);
    expect((await writtenBy(run.id)).events).toBe(20);
  });

  it('just above (17 of 80 = 21.25%) is held: nothing of the run is applied, not even its price change', async () => {
    const before = await catalogTotals();
    // Also a 2x price change on one offering: held with the rest.
    const run = await adminRun('minus-17', range(37, 100), '2026-01-03', { priceOf: { 50: 2 * (1 + (50 % 7)) * 1e-7 } });
    expect(run).toMatchObject({
      status: 'held',
      error: null,
      counts: { seen: 63, unlisted: 17, changed: 1 },
      hold: { wouldUnlist: 17, listed: 80, maxShare: 0.2, minCount: 10, reason: expect.stringMatching(/17 of the 80 .*21\.3%.*20%/) },
      review: null,
    });
    heldAbove = run.id;
    expect(await writtenBy(run.id)).toEqual({ points: 0, events: 0, offerings: 0, quarantined: 0 });
    expect(await catalogTotals()).toEqual(before);
    expect(await listedOfLitellm()).toBe(80);
  });

  it('just below (16 of 80 = 20%) applies', async () => {
    const run = await adminRun('minus-16', range(36, 100), '2026-01-04');
    expect(run).toMatchObject({ status: 'succeeded', counts: { unlisted: 16 }, hold: null });
    expect(await listedOfLitellm()).toBe(64);
  });

  it('the replayed incident: a payload of 6 entries would unlist 58 of 64: held', async () => {
    const before = await catalogTotals();
    const run = await adminRun('six-entries', range(94, 100), '2026-01-05');
    expect(run).toMatchObject({ status: 'held', counts: { seen: 6, unlisted: 58 }, hold: { wouldUnlist: 58, listed: 64 } });
    heldMass = run.id;
    expect(await catalogTotals()).toEqual(before);
  });

  it('held runs are visible: REST list by status, CSV, GraphQL', async () => {
    const { body } = await t.http.get('/v1/scrape-runs?status=held&source=litellm').expect(200);
    expect(body.items.map((run: { id: number }) => run.id)).toEqual([heldMass, heldAbove]);
    const csv = await t.http.get('/v1/scrape-runs?status=held&format=csv').expect(200);
    expect(csv.text).toMatch(/holdReason/);
    expect(csv.text).toMatch(/would unlist 58 of the 64/);
    const gql = await t.http
      .post('/graphql')
      .send({
        query: `{ scrapeRuns(source: "litellm", status: "held", first: 10) { id status counts { unlisted } hold { wouldUnlist listed maxShare minCount reason } review { decision } } }`,
      })
      .expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.scrapeRuns[0]).toMatchObject({
      id: heldMass,
      status: 'held',
      counts: { unlisted: 58 },
      hold: { wouldUnlist: 58, listed: 64, maxShare: 0.2, minCount: 10 },
      review: null,
    });
  });

  it('a dry run of the same payload says it would be held, and cannot be approved', async () => {
    const before = await catalogTotals();
    const run = await adminRun('six-entries-dry', range(94, 100), '2026-01-06', { dryRun: true });
    expect(run).toMatchObject({ status: 'held', dryRun: true, hold: { wouldUnlist: 58 } });
    await t.http.post(`/v1/admin/scrape-runs/${run.id}/approve`).set('x-api-key', adminKey).send({}).expect(409);
    const rejected = await t.http.post(`/v1/admin/scrape-runs/${run.id}/reject`).set('x-api-key', adminKey).send({}).expect(201);
    expect(rejected.body).toMatchObject({ status: 'failed', review: { decision: 'rejected' } });
    expect(await catalogTotals()).toEqual(before);
  });

  it('approving needs a key with the admin scope: none 401, ingest 403; a bad decision or id 400', async () => {
    await t.http.post(`/v1/admin/scrape-runs/${heldMass}/approve`).send({}).expect(401);
    const forbidden = await t.http.post(`/v1/admin/scrape-runs/${heldMass}/approve`).set('x-api-key', ingestKey).send({}).expect(403);
    expect(forbidden.body.message).toMatch(/admin/);
    await t.http.post(`/v1/admin/scrape-runs/${heldMass}/apply`).set('x-api-key', adminKey).send({}).expect(400);
    await t.http.post(`/v1/admin/scrape-runs/2147483648/approve`).set('x-api-key', adminKey).send({}).expect(400);
    await t.http.post(`/v1/admin/scrape-runs/999999/approve`).set('x-api-key', adminKey).send({}).expect(404);
    expect((await t.http.get(`/v1/scrape-runs/${heldMass}`).expect(200)).body.status).toBe('held');
  });

  it('an admin approves: the unlisting applies then, in one go, recorded on the run', async () => {
    const before = await catalogTotals();
    const { body } = await t.http
      .post(`/v1/admin/scrape-runs/${heldMass}/approve`)
      .set('x-api-key', adminKey)
      .send({ reason: 'the provider really retired them' })
      .expect(201);
    expect(body).toMatchObject({
      id: heldMass,
      status: 'succeeded',
      counts: { unlisted: 58 },
      hold: { wouldUnlist: 58 },
      review: { decision: 'approved', note: 'the provider really retired them', at: expect.any(String), by: expect.stringContaining('unlist admin') },
    });
    expect(await listedOfLitellm()).toBe(6);
    const written = await writtenBy(heldMass);
    expect(written.events).toBe(58);
    expect(await count(`SELECT count(*)::int AS n FROM offering_event WHERE scrape_run_id = $1 AND kind = 'unlisted' AND at = '2026-01-05'`, [heldMass])).toBe(
      58,
    );
    expect((await catalogTotals()).events).toBe(before.events + 58);
    // Decided once.
    await t.http.post(`/v1/admin/scrape-runs/${heldMass}/approve`).set('x-api-key', adminKey).send({}).expect(409);
    await t.http.post(`/v1/admin/scrape-runs/${heldMass}/reject`).set('x-api-key', adminKey).send({}).expect(409);
    expect((await writtenBy(heldMass)).events).toBe(58);
  });

  it('an admin rejects the other held run: it fails, says why, and nothing of it is ever applied', async () => {
    const before = await catalogTotals();
    const { body } = await t.http
      .post(`/v1/admin/scrape-runs/${heldAbove}/reject`)
      .set('x-api-key', adminKey)
      .send({ reason: 'truncated upstream' })
      .expect(201);
    expect(body).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/held for review and rejected/),
      review: { decision: 'rejected', note: 'truncated upstream' },
    });
    await t.http.post(`/v1/admin/scrape-runs/${heldAbove}/approve`).set('x-api-key', adminKey).send({}).expect(409);
    expect(await writtenBy(heldAbove)).toEqual({ points: 0, events: 0, offerings: 0, quarantined: 0 });
    expect(await catalogTotals()).toEqual(before);
  });

  it('a source coming back after an approved unlisting relists normally (no hold on relisting)', async () => {
    const run = await adminRun('back', range(36, 100), '2026-01-07');
    expect(run).toMatchObject({ status: 'succeeded', counts: { unlisted: 0 } });
    expect(await listedOfLitellm()).toBe(64);
  });
});

describe('approving an older held run after a newer run (a backfill)', () => {
  it("applies the unlisting at its own date and keeps the newer run's listing", async () => {
    // Listed now: 36..99 (64). A held run at 01-08 drops 36..89; a normal run at 01-09 lists them all.
    const held = await adminRun('backfill-held', range(90, 100), '2026-01-08');
    expect(held).toMatchObject({ status: 'held', hold: { wouldUnlist: 54, listed: 64 } });
    const later = await adminRun('backfill-later', range(36, 100), '2026-01-09');
    expect(later.status).toBe('succeeded');
    await t.http.post(`/v1/admin/scrape-runs/${held.id}/approve`).set('x-api-key', adminKey).send({}).expect(201);
    // The history says they were unlisted from 01-08 and back on 01-09; they are listed now.
    expect(await listedOfLitellm()).toBe(64);
    expect(await count(`SELECT count(*)::int AS n FROM offering_event WHERE kind = 'unlisted' AND at = '2026-01-08'`)).toBe(54);
    expect(await count(`SELECT count(*)::int AS n FROM offering_event WHERE kind = 'relisted' AND at = '2026-01-09'`)).toBe(54);
  });
});

describe('small sources and configuration', () => {
  const offering = (id: string): ScrapedOffering => ({
    provider: 'openai',
    providerModelId: id,
    sourceKey: id,
    model: { candidateIds: [id] },
    features: {},
    prices: [{ component: 'input', usd: '1', unit: '1M tokens' }],
  });
  const parsed = (ids: string[]): ParseResult => ({ offerings: ids.map(offering), modelMeta: [], rejected: [], skipped: 0 });
  const ingestWith = (service: IngestService, source: string, ids: string[], asOf: string, allowMassUnlist = false) =>
    service.ingest({
      source,
      sourceUrl: `https://${source}.example/prices.json`,
      payload: { url: `https://${source}.example/prices.json`, contentType: 'application/json', body: Buffer.from(JSON.stringify(ids)), fetchedAt: new Date() },
      parse: () => parsed(ids),
      asOf: new Date(`${asOf}T00:00:00Z`),
      trigger: 'cli',
      allowMassUnlist,
    });
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

  it.each([
    ['a tiny source losing 4 of 5 (80%, under 10)', 5, 1, 'succeeded'],
    ['a small source losing 9 of 12 (75%, under 10)', 12, 3, 'succeeded'],
    ['a small source losing 10 of 12 (83%, 10 reached)', 12, 2, 'held'],
    ['a source losing all of its 30', 30, 0, 'held'],
  ])('%s: %s', async (name, size, kept, status) => {
    const service = t.app.get(IngestService);
    const source = `small-${name.replace(/[^a-z0-9]+/g, '-').slice(0, 30)}`;
    const all = ids(source, size);
    expect((await ingestWith(service, source, all, '2026-02-01')).status).toBe('succeeded');
    const outcome = await ingestWith(service, source, all.slice(0, kept), '2026-02-02');
    expect(outcome.status).toBe(status);
    expect(outcome.counts.unlisted).toBe(size - kept);
    const unlistedEvents = await count(`SELECT count(*)::int AS n FROM offering_event WHERE scrape_run_id = $1`, [outcome.runId]);
    expect(unlistedEvents).toBe(status === 'held' ? 0 : size - kept);
  });

  it('the incident at scale: 2,428 offerings, then a payload of 6: held in one piece', async () => {
    const service = t.app.get(IngestService);
    const all = ids('bulk-source', 2428);
    expect((await ingestWith(service, 'bulk-source', all, '2026-03-01')).status).toBe('succeeded');
    const before = await catalogTotals();
    const outcome = await ingestWith(service, 'bulk-source', all.slice(0, 6), '2026-03-02');
    expect(outcome).toMatchObject({ status: 'held', counts: { unlisted: 2422 }, hold: { wouldUnlist: 2422, listed: 2428 } });
    expect(await catalogTotals()).toEqual(before);
    // Not a scraper source: it cannot be re-read on approval; the operator re-runs it deliberately instead.
    await t.http.post(`/v1/admin/scrape-runs/${outcome.runId}/approve`).set('x-api-key', adminKey).send({}).expect(409);
    const forced = await ingestWith(service, 'bulk-source', all.slice(0, 6), '2026-03-02', true);
    expect(forced).toMatchObject({ status: 'succeeded', counts: { unlisted: 2422 } });
  });

  it("the CLI's --allow-mass-unlist reaches the runner", async () => {
    payloads.set('/cli-base.json', litellmMap([...range(36, 100), ...range(200, 230)]));
    payloads.set('/cli-cut.json', litellmMap([...range(94, 100), ...range(200, 205)]));
    const runner = t.app.get(ScrapeRunnerService);
    // The litellm source lists 64 + 30 = 94 then; cutting to 6 + 5 = 11 of them is a mass unlisting.
    const grown = await runner.run({ source: 'litellm', url: `${base}/cli-base.json`, asOf: new Date('2026-04-01T00:00:00Z'), trigger: 'cli' });
    expect(grown).toMatchObject({ status: 'succeeded', counts: { unlisted: 0, seen: 94 } });
    const held = await runner.run({ source: 'litellm', url: `${base}/cli-cut.json`, asOf: new Date('2026-04-02T00:00:00Z'), trigger: 'cli' });
    expect(held).toMatchObject({ status: 'held', counts: { unlisted: 83 }, hold: { listed: 94 } });
    const forced = await runner.run({
      source: 'litellm',
      url: `${base}/cli-cut.json`,
      asOf: new Date('2026-04-02T00:00:00Z'),
      trigger: 'cli',
      allowMassUnlist: true,
    });
    expect(forced).toMatchObject({ status: 'succeeded', counts: { unlisted: held.counts.unlisted } });
  });

  it('INGEST_MAX_UNLIST_SHARE and INGEST_UNLIST_HOLD_MIN_COUNT are parsed by zod, with defaults 0.2 and 10', async () => {
    const defaults = loadConfig({});
    expect(defaults.INGEST_MAX_UNLIST_SHARE).toBe(0.2);
    expect(defaults.INGEST_UNLIST_HOLD_MIN_COUNT).toBe(10);
    for (const bad of ['1.5', '-0.1', 'lots']) expect(() => loadConfig({ INGEST_MAX_UNLIST_SHARE: bad })).toThrow(ConfigError);
    for (const bad of ['0', '2.5', 'x']) expect(() => loadConfig({ INGEST_UNLIST_HOLD_MIN_COUNT: bad })).toThrow(ConfigError);

    // A looser limit on the same database: 50% of a source may go.
    const config = loadConfig({ DATABASE_URL: t.db.url, INGEST_MAX_UNLIST_SHARE: '0.5', INGEST_UNLIST_HOLD_MIN_COUNT: '1' });
    const loose = new IngestService(db, config);
    try {
      const all = ids('loose-source', 20);
      expect((await ingestWith(loose, 'loose-source', all, '2026-05-01')).status).toBe('succeeded');
      expect((await ingestWith(loose, 'loose-source', all.slice(0, 10), '2026-05-02')).status).toBe('succeeded'); // 10 of 20 = 50%
      expect((await ingestWith(loose, 'loose-source', all.slice(0, 4), '2026-05-03')).status).toBe('held'); // 6 of 10 = 60%
    } finally {
      await loose.onApplicationShutdown();
    }
  });
});
