/**
 * Security issue #14, classes 1-4, replayed with variants:
 * 1. the read key is decided on the route the router runs, whatever the URL's encoding;
 * 2-3. GraphQL documents are bounded (size, tokens, nesting, repeated fields) before anything parses
 *    or caches them; a stalled request body is cut off at REQUEST_TIMEOUT_MS; failed key checks
 *    are limited where they are made (guarded routes too), and key ids are not shown in public;
 * 4. with the database down, nothing public carries a host, a driver message or a 500.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../../src/app.factory.js';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { loadConfig } from '../../src/config/app-config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphqlViolation, INTERNAL_ERROR_MESSAGE, listen, rawRequest, restViolation, type RawResponse } from '../reliability/reliability-support.js';

/** Every path of the OpenAPI document, with its parameters filled, and its methods. */
async function documentedRoutes(port: number): Promise<{ method: string; path: string }[]> {
  const doc = (await rawRequest(port, { method: 'GET', path: '/openapi.json' })).json as { paths: Record<string, Record<string, unknown>> };
  const routes: { method: string; path: string }[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => (/id$/i.test(name) ? '1' : 'gpt-4o'));
    for (const method of Object.keys(operations)) routes.push({ method: method.toUpperCase(), path });
  }
  return routes;
}

const hex = (char: string) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** The same path spelled in ways a router decodes to it. */
function encodings(path: string): string[] {
  const segments = path.split('/');
  const variants = new Set<string>([
    path,
    // the first letter of each segment percent-encoded, lower and upper case hex
    segments.map((s) => (s ? hex(s[0]!) + s.slice(1) : s)).join('/'),
    segments.map((s) => (s ? hex(s[0]!).toUpperCase() + s.slice(1) : s)).join('/'),
    // the last letter of the first segment
    segments.map((s, i) => (i === 1 && s.length > 1 ? s.slice(0, -1) + hex(s.at(-1)!) : s)).join('/'),
    // every letter of every segment
    segments.map((s) => s.replace(/[a-z]/g, hex)).join('/'),
  ]);
  return [...variants];
}

describe('1. READ_REQUIRES_KEY is decided on the matched route, not on the URL text', () => {
  let t: TestApp;
  let port: number;
  let readKey: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { READ_REQUIRES_KEY: 'true' } });
    readKey = (await t.app.get(ApiKeysService).create('reader', ['read'])).key;
    port = await listen(t.app);
  });
  afterAll(() => t?.close());

  it('no documented /v1 route, in any encoding, answers without a key', async () => {
    const routes = (await documentedRoutes(port)).filter((route) => route.path.startsWith('/v1/'));
    expect(routes.length).toBeGreaterThan(25);
    const served: string[] = [];
    for (const route of routes) {
      for (const path of encodings(route.path)) {
        const res = await rawRequest(port, { method: route.method, path, headers: { 'content-type': 'application/json' }, body: route.method === 'GET' ? undefined : '{}' });
        // 401 (no key) or 404 (the router did not take the spelling): never served, never a 5xx.
        if (res.status !== 401 && res.status !== 404) served.push(`${route.method} ${path} -> ${res.status}`);
      }
    }
    expect(served).toEqual([]);
  });

  it('the plain spelling of every read route is a 401 and the key opens it', async () => {
    const reads = (await documentedRoutes(port)).filter((route) => route.method === 'GET' && route.path.startsWith('/v1/') && !route.path.startsWith('/v1/admin/'));
    for (const route of reads) expect((await rawRequest(port, { method: 'GET', path: route.path })).status, route.path).toBe(401);
    const ok = await rawRequest(port, { method: 'GET', path: '/%761/models?limit=1', headers: { 'x-api-key': readKey } });
    expect(ok.status).toBe(200);
  });

  it.each(['/graphql', '/%67raphql', '/%67%72aphql', '/graph%71l', '/%47raphql'])('GraphQL at %s: never served without a key (POST and GET)', async (path) => {
    const post = await rawRequest(port, { method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ creators { slug } }' }) });
    expect([401, 404]).toContain(post.status);
    expect(post.text).not.toContain('"creators"');
    const get = await rawRequest(port, { method: 'GET', path: `${path}?query=${encodeURIComponent('{ creators { slug } }')}`, headers: { accept: 'application/json' } });
    expect([401, 404]).toContain(get.status);
    expect(get.text).not.toContain('"creators"');
  });

  it('a cached answer is never served to an encoded URL without a key', async () => {
    expect((await rawRequest(port, { method: 'GET', path: '/v1/creators', headers: { 'x-api-key': readKey } })).status).toBe(200);
    for (const path of encodings('/v1/creators')) expect((await rawRequest(port, { method: 'GET', path })).status, path).toBe(401);
  });
});

describe('2-3. GraphQL work is bounded before parsing; bodies have a deadline; key checks are limited everywhere', () => {
  let t: TestApp;
  let port: number;
  let admin: { id: string; key: string };
  beforeAll(async () => {
    t = await startTestApp({ env: { REQUEST_TIMEOUT_MS: '1500', BODY_LIMIT_BYTES: String(2 * 1024 * 1024) } });
    admin = await t.app.get(ApiKeysService).create('ops', ['admin']);
    port = await listen(t.app);
  });
  afterAll(() => t?.close());

  const post = (query: string, headers: Record<string, string> = {}) =>
    rawRequest(port, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const limitOf = (res: RawResponse) => (res.json as { errors?: { extensions?: { limit?: string } }[] }).errors?.[0]?.extensions?.limit;

  it.each([
    ['a 17 KB comment', `# ${'x'.repeat(17 * 1024)}\n{ __typename }`, 'GRAPHQL_MAX_DOCUMENT_BYTES'],
    ['a 900 KB comment', `# ${'x'.repeat(900 * 1024)}\n{ __typename }`, 'GRAPHQL_MAX_DOCUMENT_BYTES'],
    ['10,000 fragment spreads', `{ ${'...F '.repeat(10_000)} } fragment F on Query { creators { slug } }`, 'GRAPHQL_MAX_DOCUMENT_BYTES'],
    ['1,001 tokens in 2 KB', `{ ${'a '.repeat(1000)} }`, 'GRAPHQL_MAX_TOKENS'],
    ['1,500 spreads in 8 KB', `{ ${'...F '.repeat(1500)} } fragment F on Query { creators { slug } }`, 'GRAPHQL_MAX_TOKENS'],
    ['brackets 33 deep', `{ ${'a { '.repeat(32)} b ${'} '.repeat(32)} }`, 'GRAPHQL_MAX_NESTING'],
    ['a list literal 5,000 deep', `{ models(filter: ${'['.repeat(5000)}1${']'.repeat(5000)}) { items { slug } } }`, 'GRAPHQL_MAX_NESTING'],
    ['a list literal 20,000 deep', `{ models(filter: ${'['.repeat(20_000)}1${']'.repeat(20_000)}) { items { slug } } }`, 'GRAPHQL_MAX_DOCUMENT_BYTES'],
    ['a list literal 500 deep', `{ models(filter: ${'['.repeat(500)}1${']'.repeat(500)}) { items { slug } } }`, 'GRAPHQL_MAX_NESTING'],
    ['one field 6 times', `{ ${'creators { slug } '.repeat(6)} }`, 'GRAPHQL_MAX_REPEATED_FIELDS'],
    ['one field through 100 inline fragments', `{ ${'... on Query { __typename } '.repeat(100)} }`, 'GRAPHQL_MAX_REPEATED_FIELDS'],
    ['one field through 60 named fragments', Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { creators { slug } }`).join(' ') + ` { ${Array.from({ length: 60 }, (_, i) => `...F${i}`).join(' ')} }`, 'GRAPHQL_MAX_REPEATED_FIELDS'],
    ['one fragment spread 6 times', `{ ${'...F '.repeat(6)} } fragment F on Query { creators { slug } }`, 'GRAPHQL_MAX_REPEATED_FIELDS'],
  ])('%s: 400 naming the limit, in GraphQL\'s shape', async (_name, query, limit) => {
    const res = await post(query);
    expect(res.status).toBe(400);
    expect(graphqlViolation(res)).toBeNull();
    expect(limitOf(res)).toBe(limit);
  });

  it('the same limits hold over GET and for a raw application/graphql body', async () => {
    const big = `{ ${'a '.repeat(1000)} }`;
    const get = await rawRequest(port, { method: 'GET', path: `/graphql?query=${encodeURIComponent(big)}`, headers: { accept: 'application/json' } });
    expect(get.status).toBe(400);
    expect(limitOf(get)).toBe('GRAPHQL_MAX_TOKENS');
    const raw = await rawRequest(port, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/graphql' }, body: big });
    expect(raw.status).toBe(400);
    expect(limitOf(raw)).toBe('GRAPHQL_MAX_TOKENS');
  });

  it('a document within the limits still works, and a real dashboard-sized query is far inside them', async () => {
    const res = await post(`# ${'x'.repeat(8 * 1024)}\n{ creators { slug } a: creators { name } }`);
    expect(res.status).toBe(200);
    expect((res.json as { data: { creators: unknown[] } }).data.creators.length).toBeGreaterThan(0);
  });

  it('many distinct documents near the size limit are answered and leave /health/live answering', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(`# ${randomBytes(7000).toString('hex')} ${i}\n{ __typename }`)),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(40).fill(200));
    expect((await rawRequest(port, { method: 'GET', path: '/health/live' })).status).toBe(200);
  });

  /** Sends the headers and part of a body, then nothing; resolves with what came back and whether the server closed. */
  function stalledBody(path: string, headers: string[], sent: string): Promise<{ response: string; closed: boolean }> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let response = '';
      const giveUp = setTimeout(() => {
        socket.destroy();
        resolve({ response, closed: false });
      }, 8000);
      socket.on('data', (chunk) => (response += chunk.toString('utf8')));
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve({ response, closed: true });
      });
      socket.on('error', () => undefined);
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers.join('\r\n')}\r\n\r\n${sent}`);
    });
  }

  it.each([
    ['/graphql', ['Content-Type: application/json', 'Content-Length: 100000'], '{'],
    ['/v1/decision', ['Content-Type: application/json', 'Content-Length: 5000'], '{"work'],
    ['/v1/license-check', ['Content-Type: application/json', 'Transfer-Encoding: chunked'], '5\r\n{"mod\r\n'],
    ['/v1/admin/prices', ['Content-Type: application/json', 'Content-Length: 100'], ''],
  ])('a stalled body on %s gets a 408 and its connection closed at REQUEST_TIMEOUT_MS', async (path, headers, sent) => {
    const started = Date.now();
    const { response, closed } = await stalledBody(path, headers, sent);
    expect(closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(7000); // 1.5 s deadline; the give-up is 8 s
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response).toMatch(/did not arrive within 1500 ms/);
  });

  it('public audit answers never carry a key id: a manual correction names the key by its name', async () => {
    const offering = ((await rawRequest(port, { method: 'GET', path: '/v1/offerings?providerModelId=deepseek-chat' })).json as { items: { id: number }[] }).items[0]!;
    const correction = await rawRequest(port, {
      method: 'POST',
      path: '/v1/admin/prices',
      headers: { 'x-api-key': admin.key, 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'deepseek', providerModelId: 'deepseek-chat', component: 'input', usd: '0.31', validFrom: '2026-02-01', reason: 'test' }),
    });
    expect(correction.status, correction.text).toBe(201);
    const audit = await rawRequest(port, { method: 'GET', path: `/v1/offerings/${offering.id}/audit` });
    expect(audit.status).toBe(200);
    expect(audit.text).toContain(`ops (key …${admin.id.slice(-4)})`);
    for (const path of [`/v1/offerings/${offering.id}/audit`, '/v1/changes?limit=200', '/v1/prices/history?provider=deepseek&providerModelId=deepseek-chat']) {
      const res = await rawRequest(port, { method: 'GET', path });
      expect(res.text, path).not.toContain(admin.id);
    }
  });

  it('wrong secrets for a known key id are limited on guarded routes too: at most 10 checks a minute, then 429 with Retry-After', async () => {
    const keys = t.app.get(ApiKeysService);
    const checks = { count: 0 };
    const service = keys as unknown as { check(presented: string): Promise<unknown> };
    const original = service.check.bind(keys);
    service.check = async (presented: string) => {
      checks.count++;
      return original(presented);
    };
    try {
      const statuses: number[] = [];
      let retryAfter: string | string[] | undefined;
      const guarded = [
        { method: 'POST', path: '/v1/admin/prices' },
        { method: 'POST', path: '/v1/admin/scrape/litellm' },
        { method: 'POST', path: '/v1/admin/quarantine/1/accept' },
        { method: 'PATCH', path: '/v1/admin/licenses/mit' },
      ];
      for (let i = 0; i < 24; i++) {
        const route = guarded[i % guarded.length]!;
        const res = await rawRequest(port, {
          method: route.method,
          path: route.path,
          headers: { 'x-api-key': `mlk_${admin.id}_${randomBytes(18).toString('base64url')}`, 'content-type': 'application/json' },
          body: route.method === 'GET' ? undefined : '{}',
        });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers['retry-after'];
      }
      expect(checks.count).toBeLessThanOrEqual(10);
      expect(statuses.slice(0, 10).every((status) => status === 401 || status === 429), statuses.join(',')).toBe(true);
      expect(statuses.slice(12)).toEqual(Array(12).fill(429));
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      service.check = original;
    }
  });

  it('a key verified before the address was blocked still works; a new one waits', async () => {
    // The address (127.0.0.1) is blocked by the previous test; the admin key was verified before it.
    const ok = await rawRequest(port, { method: 'GET', path: '/v1/creators', headers: { 'x-api-key': admin.key } });
    expect(ok.status).toBe(200);
    const fresh = await t.app.get(ApiKeysService).create('late', ['read']);
    const refused = await rawRequest(port, { method: 'POST', path: '/v1/admin/prices', headers: { 'x-api-key': fresh.key, 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(429);
  });

  it('the same wrong key sent again costs no second check', async () => {
    const keys = t.app.get(ApiKeysService);
    const wrong = `mlk_${admin.id}_${randomBytes(18).toString('base64url')}`;
    const service = keys as unknown as { check(presented: string): Promise<unknown> };
    const original = service.check.bind(keys);
    let checks = 0;
    service.check = async (presented: string) => {
      checks++;
      return original(presented);
    };
    try {
      for (let i = 0; i < 5; i++) await keys.verify(wrong, '198.51.100.7');
      expect(checks).toBe(1);
    } finally {
      service.check = original;
    }
  });

});

describe('4. the database down: no internals, liveness without the database', () => {
  let app: Awaited<ReturnType<typeof createApp>>;
  let port: number;
  beforeAll(async () => {
    // Nothing listens on this port: every statement fails to connect.
    const config = loadConfig({ DATABASE_URL: 'postgresql://ledger:s3cret@127.0.0.1:9/catalog', LOG_LEVEL: 'silent', MIGRATE_ON_START: 'false', SEED_ON_START: 'false' });
    app = await createApp(config);
    await app.init();
    port = await listen(app);
  });
  afterAll(() => app?.close());

  const key = { 'x-api-key': `mlk_0123456789ab_${'a'.repeat(32)}` };
  const leaks = (text: string) => /127\.0\.0\.1|:9\b|ECONNREFUSED|s3cret|ledger|catalog\b|prisma|pg_|connect /i.test(text);

  it.each([
    ['GET', '/health/live', undefined],
    ['GET', '/metrics', undefined],
  ])('%s %s answers 200 with or without a key', async (method, path) => {
    expect((await rawRequest(port, { method, path })).status).toBe(200);
    expect((await rawRequest(port, { method, path, headers: key })).status).toBe(200);
  });

  it('/health/ready says 503 and why, without host, port or driver text', async () => {
    for (const headers of [{}, key]) {
      const res = await rawRequest(port, { method: 'GET', path: '/health/ready', headers });
      expect(res.status).toBe(503);
      expect(res.text).toMatch(/cannot be reached|check failed|no answer/);
      expect(leaks(res.text), res.text).toBe(false);
    }
  });

  it.each([
    ['GET', '/v1/models', undefined],
    ['GET', '/v1/models/gpt-4o', undefined],
    ['POST', '/v1/admin/prices', '{"provider":"openai","providerModelId":"gpt-4o","component":"input","usd":"1","reason":"x"}'],
    ['POST', '/graphql', '{"query":"{ creators { slug } }"}'],
  ])('%s %s with a key: 503 with Retry-After, no internals', async (method, path, body) => {
    for (const headers of [key, { authorization: `Bearer ${key['x-api-key']}` }, {}] as Record<string, string>[]) {
      const res = await rawRequest(port, { method, path, headers: { ...headers, 'content-type': 'application/json' }, body: body ?? undefined });
      expect([401, 503], `${path}: ${res.text}`).toContain(res.status);
      if (res.status === 503) expect(res.headers['retry-after']).toBeDefined();
      expect(leaks(res.text), res.text).toBe(false);
      expect(INTERNAL_ERROR_MESSAGE.test(res.text), res.text).toBe(false);
      if (res.status === 503) {
        const message = path === '/graphql' ? (res.json as { errors: { message: string }[] }).errors[0]!.message : (res.json as { message: string }).message;
        expect(message).toMatch(/database is unavailable/);
      } else expect(path === '/graphql' ? graphqlViolation(res) : restViolation(res)).toBeNull();
    }
  });
});
