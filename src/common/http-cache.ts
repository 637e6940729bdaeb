import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Response cache and ETags for the read API. A GET's body is a function of the URL, the format
 * asked for and the catalog revision (bumped by every write, on any instance), so a body is
 * served from memory while the revision is unchanged, and `If-None-Match` gets a 304. Entries
 * also expire after `ttlMs`, for answers that depend on the clock (a price taking effect later).
 */
export interface HttpCacheOptions {
  /** Only URLs under these prefixes are cached. */
  prefixes: string[];
  revision: () => Promise<string>;
  maxEntries: number;
  /** Bound on the bodies kept, in bytes: entries are counted by size, not only by number. */
  maxBytes: number;
  ttlMs: number;
  /** Cache-Control max-age for clients, in seconds. */
  maxAgeSeconds: number;
}

interface CacheEntry {
  revision: string;
  etag: string;
  body: string | Buffer;
  bytes: number;
  contentType: string;
  storedAt: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    httpCache?: { key: string; revision: string };
  }
}

/** Large bodies (raw payload downloads) get an ETag but are not kept in memory. */
const MAX_CACHED_BYTES = 512 * 1024;

function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

export function registerHttpCache(fastify: FastifyInstance, options: HttpCacheOptions): void {
  const entries = new Map<string, CacheEntry>();
  let cachedBytes = 0;
  let newestRevision = '';
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    cachedBytes -= entry.bytes;
  };
  const cacheControl = `public, max-age=${options.maxAgeSeconds}`;

  const keyOf = (request: FastifyRequest) => `${request.url}\u0000${request.headers.accept ?? ''}`;

  // preHandler, not onRequest: @fastify/rate-limit counts requests in route-level onRequest hooks,
  // which run after every root-level onRequest hook, so a hit served from an onRequest hook was
  // never counted (a repeated URL was not rate limited at all). preHandler runs after them.
  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (!options.prefixes.some((prefix) => request.url.startsWith(prefix))) return;
    let revision: string;
    try {
      revision = await options.revision();
    } catch {
      return; // the database is away: let the route answer (and fail) as it would
    }
    // A new revision makes every entry stale: free them now rather than one eviction at a time.
    if (revision !== newestRevision) {
      newestRevision = revision;
      entries.clear();
      cachedBytes = 0;
    }
    const key = keyOf(request);
    request.httpCache = { key, revision };
    const entry = entries.get(key);
    if (!entry || entry.revision !== revision || Date.now() - entry.storedAt > options.ttlMs) return;
    // Refresh its place in the LRU order.
    entries.delete(key);
    entries.set(key, entry);
    void reply.header('etag', entry.etag).header('cache-control', cacheControl).header('x-cache', 'hit');
    if (matches(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
    return reply.type(entry.contentType).send(entry.body);
  });

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const context = request.httpCache;
    if (!context || reply.statusCode !== 200 || reply.getHeader('x-cache') === 'hit') return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = etagOf(payload);
    if (payload.length > MAX_CACHED_BYTES) {
      void reply.header('etag', etag).header('cache-control', cacheControl);
      return matches(request.headers['if-none-match'], etag) ? (void reply.code(304), '') : payload;
    }
    void reply.header('etag', etag).header('cache-control', cacheControl).header('x-cache', 'miss');
    const bytes = Buffer.byteLength(payload);
    if (context.revision === newestRevision && bytes <= options.maxBytes) {
      remove(context.key);
      entries.set(context.key, {
        revision: context.revision,
        etag,
        body: payload,
        bytes,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        storedAt: Date.now(),
      });
      cachedBytes += bytes;
      // Least recently used first.
      while (entries.size > options.maxEntries || cachedBytes > options.maxBytes) remove(entries.keys().next().value!);
    }
    if (matches(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      return '';
    }
    return payload;
  });
}
