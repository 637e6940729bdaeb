import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { ScrapeRunnerService } from '../../src/ingest/scrape-runner.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A stand-in for the sources' sites on 127.0.0.1: each path answers as a real source might fail. */
function startSourceServer(routes: Record<string, (res: import('node:http').ServerResponse) => void>): Promise<Server> {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else res.writeHead(404).end('not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let t: TestApp;
let server: Server;
let base: string;
let db: DatabaseConnection;
let adminKey: string;
let readKey: string;
let litellmFixture: string;

beforeAll(async () => {
  t = await startTestApp({ env: { SCRAPE_ALLOW_LOOPBACK: 'true', SCRAPE_TIMEOUT_MS: '300', SCRAPE_MAX_ATTEMPTS: '2' } });
  db = t.app.get<DatabaseConnection>(DATABASE_CONNECTION);
  litellmFixture = await readFile(new URL('../fixtures/litellm/model_prices_and_context_window.json', import.meta.url), 'utf8');
  const togetherBroken = await readFile(new URL('../fixtures/together/pricing-renamed-headers.html', import.meta.url), 'utf8');
  server = await startSourceServer({
    '/litellm.json': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(litellmFixture),
    '/always-500.json': (res) => res.writeHead(500).end('upstream broke'),
    '/never-answers.json': () => undefined,
    '/truncated.json': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(litellmFixture.slice(0, 200)),
    '/together-no-table.html': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(togetherBroken),
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keys = t.app.get(ApiKeysService);
  adminKey = (await keys.create('test admin', ['admin'])).key;
  readKey = (await keys.create('test reader', ['read'])).key;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function catalogCounts() {
  const count = async (table: string) => Number((await db.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  return { points: await count('price_point'), offerings: await count('offering'), models: await count('model') };
}

describe('fetching sources over HTTP (served on 127.0.0.1)', () => {
  it('fetches, parses and ingests a LiteLLM map', async () => {
    const outcome = await t.app.get(ScrapeRunnerService).run({ source: 'litellm', url: `${base}/litellm.json`, trigger: 'cli' });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.counts.seen).toBeGreaterThan(0);
    expect(outcome.counts.added).toBeGreaterThan(0);
  });

  it.each([
    ['HTTP 500', '/always-500.json', 'litellm', true],
    ['a timeout', '/never-answers.json', 'litellm', true],
    ['malformed JSON', '/truncated.json', 'litellm', false],
    ['HTML without its table', '/together-no-table.html', 'together', false],
  ])('%s: the run fails, says why, and the catalog is unchanged', async (_name, path, source, retryable) => {
    const before = await catalogCounts();
    const outcome = await t.app.get(ScrapeRunnerService).run({ source, url: `${base}${path}`, trigger: 'cli' });
    expect(outcome.status).toBe('failed');
    expect(outcome.retryable).toBe(retryable);
    expect(outcome.error).toBeTruthy();
    expect(await catalogCounts()).toEqual(before);
    const run = (await t.http.get(`/v1/scrape-runs/${outcome.runId}`).expect(200)).body;
    expect(run).toMatchObject({ status: 'failed', source });
    expect(run.error).toBe(outcome.error);
  });

  it('refuses hosts other than the source\'s own unless told (no loopback in production)', async () => {
    const strict = await startTestApp({ seeded: false });
    try {
      const outcome = await strict.app.get(ScrapeRunnerService).run({ source: 'litellm', url: `${base}/litellm.json`, trigger: 'cli' });
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toMatch(/host|allowed/i);
    } finally {
      await strict.close();
    }
  });
});

describe('POST /v1/admin/scrape/:source', () => {
  it('needs a key (401), with the right scope (403)', async () => {
    const missing = await t.http.post('/v1/admin/scrape/litellm').send({}).expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await t.http.post('/v1/admin/scrape/litellm').set('x-api-key', 'mlk_000000000000_notarealsecretnotarealsecret').send({}).expect(401);
    const wrongScope = await t.http.post('/v1/admin/scrape/litellm').set('x-api-key', readKey).send({}).expect(403);
    expect(wrongScope.body.message).toMatch(/ingest/);
  });

  it('starts a run and answers with its id; the run completes', async () => {
    const { body } = await t.http
      .post('/v1/admin/scrape/litellm')
      .set('authorization', `Bearer ${adminKey}`)
      .send({ url: `${base}/litellm.json`, asOf: '2026-01-02' })
      .expect(202);
    expect(body).toMatchObject({ runId: expect.any(Number), status: 'running' });
    let run: { status: string } = { status: 'running' };
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = (await t.http.get(`/v1/scrape-runs/${body.runId}`).expect(200)).body;
    }
    expect(run).toMatchObject({ status: 'succeeded', asOf: '2026-01-02T00:00:00.000Z' });
  });

  it.each([
    [{ url: 'not a url' }, 'url'],
    [{ asOf: '2026-02-30' }, 'asOf'],
    [{ dryRun: 'yes' }, 'dryRun'],
    [{ extra: 1 }, ''],
  ])('bad body %o -> 400', async (payload, field) => {
    const { body } = await t.http.post('/v1/admin/scrape/litellm').set('x-api-key', adminKey).send(payload).expect(400);
    if (field) expect(body.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it('an unknown source is a 404 naming it', async () => {
    const { body } = await t.http.post('/v1/admin/scrape/nowhere').set('x-api-key', adminKey).send({}).expect(404);
    expect(body.message).toContain('nowhere');
  });
});

describe('quarantine review', () => {
  it('lists held prices and accepting one appends it to the history, once', async () => {
    const connection = db;
    const { rows } = await connection.pool.query<{ id: number }>(
      `INSERT INTO scrape_run (source, as_of, status) VALUES ('test', now(), 'succeeded') RETURNING id`,
    );
    const offering = (await connection.pool.query<{ id: number }>(`SELECT id FROM offering WHERE provider_model_id = 'gpt-4o' AND provider_slug = 'openai'`)).rows[0]!;
    const held = await connection.pool.query<{ id: number }>(
      `INSERT INTO quarantined_price (scrape_run_id, offering_id, component, unit, previous_usd, proposed_usd, valid_from, observed_at, source, reason)
       VALUES ($1, $2, 'input', '1M tokens', 2.5, 50, '2026-02-01', now(), 'test', 'price rose 20x (limit 10x)') RETURNING id`,
      [rows[0]!.id, offering.id],
    );
    const id = held.rows[0]!.id;
    const list = (await t.http.get('/v1/quarantine').expect(200)).body.items;
    expect(list.map((q: { id: number }) => q.id)).toContain(id);
    await t.http.post(`/v1/admin/quarantine/${id}/accept`).send({}).expect(401);
    await t.http.post(`/v1/admin/quarantine/${id}/accept`).set('x-api-key', readKey).send({}).expect(403);
    const accepted = (await t.http.post(`/v1/admin/quarantine/${id}/accept`).set('x-api-key', adminKey).send({ reason: 'confirmed on the provider page' }).expect(201)).body;
    expect(accepted).toMatchObject({ status: 'accepted', proposedUsd: '50', pricePointId: expect.any(String) });
    const point = await connection.pool.query(`SELECT usd::text, recorded_by, reason FROM price_point WHERE id = $1`, [accepted.pricePointId]);
    expect(Number(point.rows[0].usd)).toBe(50);
    expect(point.rows[0].reason).toMatch(/quarantine #\d+: confirmed/);
    await t.http.post(`/v1/admin/quarantine/${id}/reject`).set('x-api-key', adminKey).send({}).expect(409);
    await t.http.post(`/v1/admin/quarantine/999999/reject`).set('x-api-key', adminKey).send({}).expect(404);
  });
});

describe('scheduled scrapes (pg-boss in the same database)', () => {
  it('two instances with the same schedule: a queued run runs once, on one of them', async () => {
    const env = { SCRAPE_ALLOW_LOOPBACK: 'true', SCRAPE_SCHEDULES: 'litellm=0 0 1 1 *' };
    const first = await startTestApp({ env });
    // A second instance on the same database.
    const { createApp } = await import('../../src/app.factory.js');
    const { loadConfig } = await import('../../src/config/app-config.js');
    const second = await createApp(loadConfig({ DATABASE_URL: first.db.url, DATABASE_POOL_SIZE: String(first.db.poolSize), LOG_LEVEL: 'silent', ...env }));
    await second.init();
    try {
      const pool = first.app.get<DatabaseConnection>(DATABASE_CONNECTION).pool;
      const { ScrapeSchedulerService } = await import('../../src/ingest/scrape-scheduler.service.js');
      // The scheduled job fetches the default URL; point the source at the local server instead.
      const runner = first.app.get(ScrapeRunnerService);
      const secondRunner = second.get(ScrapeRunnerService);
      for (const r of [runner, secondRunner]) {
        const original = r.run.bind(r);
        r.run = (request, onStage) => original({ ...request, url: `${base}/litellm.json` }, onStage);
      }
      const jobId = await first.app.get(ScrapeSchedulerService).enqueue('litellm');
      expect(jobId).toBeTruthy();
      let runs: { status: string }[] = [];
      for (let i = 0; i < 150; i++) {
        runs = (await pool.query(`SELECT status::text FROM scrape_run WHERE trigger = 'schedule'`)).rows;
        if (runs.length && runs.every((run) => run.status !== 'running')) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      runs = (await pool.query(`SELECT status::text FROM scrape_run WHERE trigger = 'schedule'`)).rows;
      expect(runs).toEqual([{ status: 'succeeded' }]);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
