import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: { id: string; key: string };
let ingestOnly: string;

beforeAll(async () => {
  t = await startTestApp();
  const keys = t.app.get(ApiKeysService);
  const created = await keys.create('ops', ['admin']);
  admin = { id: created.id, key: created.key };
  ingestOnly = (await keys.create('robot', ['ingest'])).key;
});
afterAll(() => t.close());

describe('POST /v1/admin/prices', () => {
  it('appends a manual point that records who and why, and supersedes the one it corrects', async () => {
    const offering = (await t.http.get('/v1/offerings?providerModelId=deepseek-chat').expect(200)).body.items[0];
    const old = offering.prices.find((p: { component: string }) => p.component === 'input');
    const audit = (await t.http.get(`/v1/offerings/${offering.id}/audit`).expect(200)).body;
    const oldPoint = audit.points.find((p: { component: string; usd: string }) => p.component === 'input' && p.usd === old.usd);
    const { body } = await t.http
      .post('/v1/admin/prices')
      .set('x-api-key', admin.key)
      .send({ provider: 'deepseek', providerModelId: 'deepseek-chat', component: 'input', usd: '0.28', validFrom: '2026-02-01', supersedes: oldPoint.id, reason: 'provider page says 0.28' })
      .expect(201);
    expect(body).toMatchObject({ usd: '0.28', source: 'manual', recordedBy: `ops (key …${admin.id.slice(-4)})`, reason: 'provider page says 0.28', supersedesId: oldPoint.id });
    const now = (await t.http.get('/v1/offerings?providerModelId=deepseek-chat').expect(200)).body.items[0];
    expect(now.prices.find((p: { component: string }) => p.component === 'input')).toMatchObject({ usd: '0.28', source: 'manual' });
    // The old point is still there.
    const after = (await t.http.get(`/v1/offerings/${offering.id}/audit`).expect(200)).body;
    expect(after.points.map((p: { id: string }) => p.id)).toContain(oldPoint.id);
    expect(after.points.find((p: { id: string }) => p.id === body.id)).toMatchObject({ origin: 'manual' });
  });

  it.each([
    [{ component: 'input', usd: '1', validFrom: '2026-01-01', reason: 'x y z' }, 'offeringId'],
    [{ offeringId: 1, component: 'input', usd: '-1', validFrom: '2026-01-01', reason: 'negative' }, 'usd'],
    [{ offeringId: 1, component: 'input', usd: '1', validFrom: '2026-01-01' }, 'reason'],
    [{ offeringId: 1, component: 'tokens', usd: '1', validFrom: '2026-01-01', reason: 'bad component' }, 'component'],
    [{ offeringId: 1, component: 'input', usd: 1, validFrom: '2026-01-01', reason: 'a number is not exact' }, 'usd'],
  ])('refuses %o naming %s, writing nothing', async (payload, field) => {
    const db = t.app.get<DatabaseConnection>(DATABASE_CONNECTION);
    const before = (await db.pool.query('SELECT count(*) FROM price_point')).rows[0].count;
    const { body } = await t.http.post('/v1/admin/prices').set('x-api-key', admin.key).send(payload).expect(400);
    expect(body.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect((await db.pool.query('SELECT count(*) FROM price_point')).rows[0].count).toBe(before);
  });

  it('needs the admin scope', async () => {
    await t.http.post('/v1/admin/prices').send({}).expect(401);
    await t.http.post('/v1/admin/prices').set('x-api-key', ingestOnly).send({}).expect(403);
  });
});

describe('PATCH /v1/admin/licenses/:id', () => {
  it('appends a new version with the terms merged, and the license follows it', async () => {
    const before = (await t.http.get('/v1/licenses/llama-3.3/versions').expect(200)).body.items;
    const { body } = await t.http
      .patch('/v1/admin/licenses/llama-3.3')
      .set('x-api-key', admin.key)
      .send({
        effectiveFrom: '2026-03-01',
        terms: { userCapMau: { value: 800000000, section: '2. Additional Commercial Terms', quote: 'greater than 800 million monthly active users' } },
        reason: 'hypothetical amendment raising the cap',
      })
      .expect(200);
    expect(body).toMatchObject({ userCapMau: 800000000, source: 'manual', reason: 'hypothetical amendment raising the cap' });
    const after = (await t.http.get('/v1/licenses/llama-3.3/versions').expect(200)).body.items;
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1).terms.attribution.value).toBe('Built with Llama');
    expect((await t.http.get('/v1/licenses/llama-3.3').expect(200)).body.userCapMau).toBe(800000000);
  });

  it('refuses terms that break the terms schema, naming the field', async () => {
    const { body } = await t.http
      .patch('/v1/admin/licenses/llama-3.3')
      .set('x-api-key', admin.key)
      .send({ effectiveFrom: '2026-03-02', terms: { commercialUse: { value: 'sometimes' } }, reason: 'bad data' })
      .expect(400);
    expect(body.issues[0].path).toMatch(/^terms\.commercialUse/);
  });

  it('404 for an unknown license', async () => {
    await t.http.patch('/v1/admin/licenses/nope').set('x-api-key', admin.key).send({ effectiveFrom: '2026-03-02', terms: {}, reason: 'nothing' }).expect(404);
  });
});

describe('license history and metrics', () => {
  it('a model carries its license history', async () => {
    const { body } = await t.http.get('/v1/models/llama-3-3-70b').expect(200);
    expect(body.licenseHistory).toEqual([expect.objectContaining({ license: { id: 'llama-3.3', name: expect.any(String) }, validFrom: '2024-12-06' })]);
  });

  it('/metrics exposes request durations by route, GraphQL operations and pool use', async () => {
    await t.http.get('/v1/models/gpt-4o').expect(200);
    await t.http.post('/graphql').send({ query: 'query Licenses { licenses { id } }' }).expect(200);
    const { text } = await t.http.get('/metrics').expect(200);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/v1\/models\/:slug"/);
    expect(text).toMatch(/graphql_operations_total\{operation="Licenses",outcome="ok"\} 1/);
    expect(text).toMatch(/db_pool_connections\{state="total"\}/);
    expect(text).toContain('scrape_runs_total');
  });
});
