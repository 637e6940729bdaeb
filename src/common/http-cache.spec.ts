import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { registerHttpCache, type HttpCacheOptions } from './http-cache.js';

/** A server whose /v1/echo/:n answers n bytes, counting the handler's calls. */
async function server(options: Partial<HttpCacheOptions>, revision = { value: '1' }) {
  const app = Fastify();
  const calls: string[] = [];
  registerHttpCache(app, { prefixes: ['/v1/'], revision: async () => revision.value, maxEntries: 100, maxBytes: 10_000, ttlMs: 60_000, maxAgeSeconds: 30, ...options });
  app.get<{ Params: { n: string }; Querystring: { tag?: string } }>('/v1/echo/:n', async (request, reply) => {
    calls.push(request.url);
    return reply.type('text/plain').send('x'.repeat(Number(request.params.n)));
  });
  await app.ready();
  return { app, calls, revision };
}

let current: FastifyInstance | undefined;
afterEach(async () => current?.close());

const get = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url });

describe('response cache', () => {
  it('serves a repeated GET from memory, with the same ETag', async () => {
    const { app, calls } = await server({});
    current = app;
    const first = await get(app, '/v1/echo/10');
    const second = await get(app, '/v1/echo/10');
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['miss', 'hit']);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(calls).toHaveLength(1);
  });

  it('keeps no more bytes than maxBytes: the least recently used answers go first', async () => {
    const { app, calls } = await server({ maxBytes: 10_000 });
    current = app;
    for (const tag of ['a', 'b', 'c']) await get(app, `/v1/echo/4000?tag=${tag}`); // 12,000 bytes asked to be kept
    expect((await get(app, '/v1/echo/4000?tag=c')).headers['x-cache']).toBe('hit');
    expect((await get(app, '/v1/echo/4000?tag=b')).headers['x-cache']).toBe('hit');
    expect((await get(app, '/v1/echo/4000?tag=a')).headers['x-cache']).toBe('miss'); // evicted to make room
    expect(calls).toHaveLength(4);
  });

  it('never keeps one answer larger than maxBytes', async () => {
    const { app } = await server({ maxBytes: 1_000 });
    current = app;
    await get(app, '/v1/echo/2000');
    const again = await get(app, '/v1/echo/2000');
    expect(again.headers['x-cache']).toBeUndefined(); // not kept: neither a hit nor a stored miss
    expect(again.headers.etag).toBeDefined();
  });

  it('drops everything when the catalog revision changes', async () => {
    const { app, calls, revision } = await server({});
    current = app;
    await get(app, '/v1/echo/10');
    revision.value = '2';
    expect((await get(app, '/v1/echo/10')).headers['x-cache']).toBe('miss');
    expect((await get(app, '/v1/echo/10')).headers['x-cache']).toBe('hit');
    expect(calls).toHaveLength(2);
  });

  it('answers If-None-Match with 304', async () => {
    const { app } = await server({});
    current = app;
    const first = await get(app, '/v1/echo/10');
    const again = await app.inject({ method: 'GET', url: '/v1/echo/10', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});
