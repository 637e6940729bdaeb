/**
 * Security settings of src/app.factory.ts, each on an app started with the setting: helmet's
 * headers, the rate limit (per IP, per key, operational routes exempt), READ_REQUIRES_KEY, CORS,
 * the body limit, revoked and expired keys, and keys stored as hashes only.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphqlViolation, restViolation, type RawResponse } from './reliability-support.js';

/** supertest's response in the shape restViolation checks. */
const asRaw = (res: { status: number; headers: Record<string, string>; text: string; body: unknown }): RawResponse => ({
  status: res.status,
  headers: res.headers,
  text: res.text,
  json: res.body,
  ms: 0,
});

const expectJsonError = (res: { status: number; headers: Record<string, string>; text: string; body: unknown }, status: number) => {
  expect(res.status).toBe(status);
  expect(restViolation(asRaw(res))).toBeNull();
};

describe('default settings: headers, body limit, CORS, keys', () => {
  let t: TestApp;
  let keys: ApiKeysService;
  let pool: DatabaseConnection['pool'];
  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '4096', CORS_ORIGINS: 'https://dash.example.com' } });
    keys = t.app.get(ApiKeysService);
    pool = t.app.get<DatabaseConnection>(DATABASE_CONNECTION).pool;
  });
  afterAll(() => t?.close());

  it.each(['/v1/models?limit=1', '/health/live', '/v1/no-such-route'])('helmet sets the security headers on %s', async (path) => {
    const res = await t.http.get(path);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    // Plain HTTP service: no upgrade-insecure-requests (it would break the dashboard on http://host).
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-dns-prefetch-control']).toBe('off');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('a body over BODY_LIMIT_BYTES (4096 here) is refused with a JSON 413, on REST and GraphQL alike', async () => {
    const big = JSON.stringify({ model: 'llama-3-3-70b', padding: 'x'.repeat(5000) });
    expectJsonError(await t.http.post('/v1/license-check').set('content-type', 'application/json').send(big), 413);
    // GraphQL answers in its own shape: {"data": null, "errors": [{"message": "Request body is too large"}]}.
    const graphql = await t.http.post('/graphql').set('content-type', 'application/json').send(JSON.stringify({ query: `{ creators { slug } } # ${'x'.repeat(5000)}` }));
    expect(graphql.status).toBe(413);
    expect(graphqlViolation(asRaw(graphql))).toBeNull();
    expect(graphql.body.errors[0].message).toMatch(/too large/);
    // Just under the limit is read (and answered on its merits).
    const small = await t.http.post('/v1/license-check').send({ model: 'llama-3-3-70b' });
    expect(small.status).toBe(200);
  });

  it('CORS: a preflight from the allowed origin is answered with that origin; another origin gets no allow header', async () => {
    const allowed = await t.http.options('/v1/models').set('origin', 'https://dash.example.com').set('access-control-request-method', 'GET');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dash.example.com');
    expect(allowed.headers['access-control-allow-methods']).toContain('GET');

    const other = await t.http.options('/v1/models').set('origin', 'https://evil.example.com').set('access-control-request-method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const simple = await t.http.get('/v1/creators').set('origin', 'https://dash.example.com');
    expect(simple.headers['access-control-allow-origin']).toBe('https://dash.example.com');
    expect(simple.headers['access-control-expose-headers']).toContain('etag');
    const simpleOther = await t.http.get('/v1/creators').set('origin', 'https://evil.example.com');
    expect(simpleOther.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('revoked and expired keys are refused with 401 (an admin route: no key, bad key, revoked, expired, wrong scope)', async () => {
    // A quarantined price that does not exist: a key that passes the guard gets a harmless 404.
    const path = '/v1/admin/quarantine/2147483647/reject';
    const admin = await keys.create('security admin', ['admin']);
    expectJsonError(await t.http.post(path).send({}), 401);
    expectJsonError(await t.http.post(path).set('x-api-key', 'not-a-key').send({}), 401);
    expectJsonError(await t.http.post(path).set('x-api-key', `${admin.key.slice(0, -2)}xx`).send({}), 401);
    expectJsonError(await t.http.post(path).set('x-api-key', admin.key).send({}), 404);
    expectJsonError(await t.http.post(path).set('authorization', `Bearer ${admin.key}`).send({}), 404);

    const reader = await keys.create('security reader', ['read']);
    expectJsonError(await t.http.post(path).set('x-api-key', reader.key).send({}), 403);

    // Revocation takes effect at once, though the key was just verified (and is cached for a minute).
    expect(await keys.revoke(admin.id)).toBe(true);
    const revoked = await t.http.post(path).set('x-api-key', admin.key).send({});
    expectJsonError(revoked, 401);
    expect(revoked.body.message).toMatch(/unknown, revoked or expired/);

    const expired = await keys.create('security expired', ['admin'], new Date(Date.now() - 60_000));
    expectJsonError(await t.http.post(path).set('x-api-key', expired.key).send({}), 401);

    // A key that expires while cached is refused from then on.
    const expiresAt = new Date(Date.now() + 5_000);
    const shortLived = await keys.create('security short-lived', ['admin'], expiresAt);
    expectJsonError(await t.http.post(path).set('x-api-key', shortLived.key).send({}), 404);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt.getTime() - Date.now()) + 100));
    expectJsonError(await t.http.post(path).set('x-api-key', shortLived.key).send({}), 401);
  });

  it('keys are stored hashed: no column of api_key holds the secret or the whole key', async () => {
    const created = await keys.create('security hashed', ['read']);
    const secret = created.key.split('_').slice(2).join('_');
    expect(secret.length).toBeGreaterThanOrEqual(20);
    const { rows } = await pool.query('SELECT to_jsonb(api_key)::text AS row, hash FROM api_key WHERE id = $1', [created.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(rows[0].hash).not.toContain(secret);
    expect(rows[0].row).not.toContain(secret);
    expect(rows[0].row).not.toContain(created.key);
    // Nor in its base64 or hex forms.
    expect(rows[0].row).not.toContain(Buffer.from(secret).toString('base64').slice(0, 20));
    expect(rows[0].row).not.toContain(Buffer.from(secret).toString('hex').slice(0, 20));
  });
});

describe('rate limit: RATE_LIMIT_PER_MINUTE=5, RATE_LIMIT_KEY_PER_MINUTE=8', () => {
  let t: TestApp;
  let readKey: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_KEY_PER_MINUTE: '8' } });
    readKey = (await t.app.get(ApiKeysService).create('rate reader', ['read'])).key;
  });
  afterAll(() => t?.close());

  // The same URL each time: the 2nd to 5th answers come from the response cache, and count all the same.
  // (Before the fix in src/common/http-cache.ts a cached answer was served before the limit was
  // consulted: the 6th, 7th... request for a cached URL answered 200 without x-ratelimit-* headers.)
  it('answers the 6th request in a minute with a JSON 429 naming the limit, with Retry-After', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await t.http.get('/v1/creators');
      if (i > 1) expect(res.headers['x-cache']).toBe('hit');
      expect(res.status, `request ${i}`).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('5');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(5 - i));
    }
    const sixth = await t.http.get('/v1/creators');
    expectJsonError(sixth, 429);
    expect(sixth.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(sixth.body.message).toMatch(/Rate limit of 5 requests a minute exceeded/);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Every route shares the bucket: another URL, GraphQL, a write.
    expectJsonError(await t.http.get('/v1/models/gpt-4o'), 429);
    const graphql = await t.http.post('/graphql').send({ query: '{ creators { slug } }' });
    expect(graphql.status).toBe(429);
    expect(graphqlViolation(asRaw(graphql))).toBeNull();
    expect(JSON.stringify(graphql.body)).toMatch(/Rate limit of 5 requests a minute exceeded/);
    expectJsonError(await t.http.post('/v1/license-check').send({ model: 'gpt-4o' }), 429);
  });

  it('/health/live, /health/ready and /metrics are not limited', async () => {
    for (let i = 0; i < 12; i++) {
      expect((await t.http.get('/health/live')).status).toBe(200);
      expect((await t.http.get('/health/ready')).status).toBe(200);
    }
    expect((await t.http.get('/metrics')).status).toBe(200);
  });

  it('a presented API key gets its own bucket of RATE_LIMIT_KEY_PER_MINUTE', async () => {
    // The address's bucket is spent (previous test); the key's is not.
    expect((await t.http.get('/v1/creators')).status).toBe(429);
    for (let i = 1; i <= 8; i++) {
      const res = await t.http.get('/v1/creators').set('x-api-key', readKey);
      expect(res.status, `keyed request ${i}`).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('8');
    }
    const ninth = await t.http.get('/v1/creators').set('authorization', `Bearer ${readKey}`);
    expectJsonError(ninth, 429);
    expect(ninth.body.message).toMatch(/Rate limit of 8 requests a minute exceeded/);
    expect(ninth.headers['retry-after']).toBeDefined();
  });

  // Was a bug: the bucket was named after whatever x-api-key value was presented, unverified, so a
  // client whose address was spent sent `x-api-key: junk-<random>` and got a fresh bucket each time.
  // Now only a verified key has a bucket (src/auth/rate-limit-buckets.ts).
  it('rotating junk x-api-key values does not escape the per-address limit', async () => {
    expect((await t.http.get('/v1/creators')).status).toBe(429);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await t.http.get('/v1/creators').set('x-api-key', `junk-${randomBytes(8).toString('hex')}`)).status);
    expect(statuses).toEqual(Array(10).fill(429));
  });

  it('guessed secrets for a real key id are counted against the address, and checks stop after 10 failures a minute', async () => {
    const keys = t.app.get(ApiKeysService);
    const realId = readKey.split('_')[1]!;
    const original = keys.verify.bind(keys);
    let verifications = 0;
    keys.verify = async (presented: string) => {
      verifications++;
      return original(presented);
    };
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) statuses.push((await t.http.get('/v1/creators').set('x-api-key', `mlk_${realId}_${randomBytes(18).toString('base64url')}`)).status);
      expect(statuses).toEqual(Array(15).fill(429));
      expect(verifications).toBeLessThanOrEqual(10);
    } finally {
      keys.verify = original;
    }
    // The real key, verified earlier, keeps its own bucket.
    expect((await t.http.get('/v1/creators').set('x-api-key', readKey)).status).toBe(429); // its 8 are spent too
    expect((await t.http.get('/v1/creators').set('x-api-key', readKey)).headers['x-ratelimit-limit']).toBe('8');
  });
});

describe('READ_REQUIRES_KEY=true', () => {
  let t: TestApp;
  let readKey: string;
  let ingestKey: string;
  let adminKey: string;
  let revokedKey: { id: string; key: string };
  beforeAll(async () => {
    t = await startTestApp({ env: { READ_REQUIRES_KEY: 'true' } });
    const keys = t.app.get(ApiKeysService);
    readKey = (await keys.create('reader', ['read'])).key;
    ingestKey = (await keys.create('ingester', ['ingest'])).key;
    adminKey = (await keys.create('admin', ['admin'])).key;
    revokedKey = await keys.create('revoked reader', ['read']);
    await keys.revoke(revokedKey.id);
  });
  afterAll(() => t?.close());

  it('GET /v1/models without a key -> 401 JSON', async () => {
    const res = await t.http.get('/v1/models');
    expectJsonError(res, 401);
    expect(res.body.message).toMatch(/requires an API key/);
    expectJsonError(await t.http.get('/v1/models').set('x-api-key', 'mlk_000000000000_aaaaaaaaaaaaaaaaaaaaaaaa'), 401);
    expectJsonError(await t.http.get('/v1/models').set('x-api-key', revokedKey.key), 401);
  });

  it("with a key lacking 'read' (scope 'ingest') -> 403 JSON naming the scope", async () => {
    const res = await t.http.get('/v1/models').set('x-api-key', ingestKey);
    expectJsonError(res, 403);
    expect(res.body).toMatchObject({ requiredScope: 'read' });
  });

  it("with 'read' (or 'admin') -> 200", async () => {
    const res = await t.http.get('/v1/models?limit=2').set('x-api-key', readKey);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect((await t.http.get('/v1/models/gpt-4o').set('authorization', `Bearer ${adminKey}`)).status).toBe(200);
  });

  it('GraphQL is a read surface too: 401 without a key, 200 with one', async () => {
    expectJsonError(await t.http.post('/graphql').send({ query: '{ creators { slug } }' }), 401);
    const ok = await t.http.post('/graphql').set('x-api-key', readKey).send({ query: '{ creators { slug } }' });
    expect(ok.status).toBe(200);
    expect(ok.body.data.creators.length).toBeGreaterThan(0);
  });

  it('/health/live and /health/ready still answer 200 without a key', async () => {
    expect((await t.http.get('/health/live')).status).toBe(200);
    expect((await t.http.get('/health/ready')).status).toBe(200);
  });

  it('a cached answer is not served to a caller without a key', async () => {
    const url = '/v1/creators';
    expect((await t.http.get(url).set('x-api-key', readKey)).status).toBe(200);
    expect((await t.http.get(url).set('x-api-key', readKey)).headers['x-cache']).toBe('hit');
    expectJsonError(await t.http.get(url), 401);
  });
});

describe('READ_REQUIRES_KEY=true with RATE_LIMIT_PER_MINUTE=3', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { READ_REQUIRES_KEY: 'true', RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => t?.close());

  // Was a bug: the read-key check ran in a root onRequest hook, before the rate limit's route-level
  // one, so refusals were never counted: unlimited key guessing. It is a preHandler now.
  it('refused requests count against the limit: the 4th anonymous request is a 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.http.get('/v1/creators').set('x-api-key', 'mlk_000000000000_aaaaaaaaaaaaaaaaaaaaaaaa')).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
  });
});
