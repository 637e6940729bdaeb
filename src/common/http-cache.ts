import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getOperationAST, parse } from 'graphql';

/**
 * Response cache and ETags for the read API. A GET's body is a function of the URL, the format
 * asked for and the catalog revision (bumped by every write, on any instance), so a body is
 * served from memory while the revision is unchanged, and `If-None-Match` gets a 304. Entries
 * also expire after `ttlMs`, for answers that depend on the clock (a price taking effect later).
 * GraphQL queries (not mutations) POSTed to `graphqlPath` are kept the same way, keyed by their
 * document, variables and operation name: a dashboard asking the same thing again is answered from
 * memory until the catalog changes.
 */
export interface HttpCacheOptions {
  /** Only URLs under these prefixes are cached (GET and HEAD). */
  prefixes: string[];
  /** POSTed GraphQL queries to this path are cached too. */
  graphqlPath?: string;
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
    httpCache?: { key: string; revision: string; graphql: boolean };
  }
}

/** What an entry holds besides its body: the hashed key, the ETag, the map's own slot. */
const ENTRY_OVERHEAD_BYTES = 256;

/** Large bodies (raw payload downloads) get an ETag but are not kept in memory. */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** Whether a GraphQL document's chosen operation is a query, remembered by a hash of the document. */
const operationIsQuery = new Map<string, boolean>();

/** Keys are hashes: an entry's size does not depend on how long a client's URL or document is. */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function isQueryOperation(document: string, operationName: string | undefined): boolean {
  const key = digest(`${operationName ?? ''}\u0000${document}`);
  let known = operationIsQuery.get(key);
  if (known === undefined) {
    try {
      known = getOperationAST(parse(document), operationName)?.operation === 'query';
    } catch {
      known = false; // not GraphQL: GraphQL itself will say so, uncached
    }
    if (operationIsQuery.size >= 1000) operationIsQuery.clear();
    operationIsQuery.set(key, known);
  }
  return known;
}

/** The cache key of a POSTed GraphQL query, or null when it is not a plain query. */
function graphqlKey(path: string, body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || (operationName !== undefined && operationName !== null && typeof operationName !== 'string')) return null;
  if (!isQueryOperation(query, operationName ?? undefined)) return null;
  return digest(`POST ${path}\u0000${query}\u0000${JSON.stringify(variables ?? null)}\u0000${operationName ?? ''}`);
}

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

  // Decided on the matched route, like every other check (the URL text may be encoded).
  const keyOf = (request: FastifyRequest): string | null => {
    const route = request.routeOptions.url;
    if (route === undefined) return null;
    if (request.method === 'GET' || request.method === 'HEAD') {
      return options.prefixes.some((prefix) => route.startsWith(prefix)) ? digest(`${request.url}\u0000${request.headers.accept ?? ''}`) : null;
    }
    if (request.method === 'POST' && options.graphqlPath && route === options.graphqlPath) return graphqlKey(options.graphqlPath, request.body);
    return null;
  };

  // preHandler, not onRequest: @fastify/rate-limit counts requests in route-level onRequest hooks,
  // which run after every root-level onRequest hook, so a hit served from an onRequest hook was
  // never counted (a repeated URL was not rate limited at all). preHandler runs after them.
  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = keyOf(request);
    if (key === null) return;
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
    const graphql = request.method === 'POST';
    request.httpCache = { key, revision, graphql };
    const entry = entries.get(key);
    if (!entry || entry.revision !== revision || Date.now() - entry.storedAt > options.ttlMs) return;
    // Refresh its place in the LRU order.
    entries.delete(key);
    entries.set(key, entry);
    void reply.header('x-cache', 'hit');
    if (!graphql) {
      void reply.header('etag', entry.etag).header('cache-control', cacheControl);
      if (matches(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
    }
    return reply.type(entry.contentType).send(entry.body);
  });

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const context = request.httpCache;
    if (!context || reply.statusCode !== 200 || reply.getHeader('x-cache') === 'hit') return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    // A GraphQL answer with errors (a partial answer) is not kept: the next one may be whole.
    if (context.graphql && payload.includes('"errors":')) return payload;
    // ETags and Cache-Control are for GETs; a POSTed query is only kept here.
    const etag = context.graphql ? null : etagOf(payload);
    if (etag) void reply.header('etag', etag).header('cache-control', cacheControl);
    // The key (a hash) and the entry's bookkeeping count too.
    const bytes = Buffer.byteLength(payload) + ENTRY_OVERHEAD_BYTES;
    if (bytes <= Math.min(MAX_ENTRY_BYTES, options.maxBytes) && context.revision === newestRevision) {
      void reply.header('x-cache', 'miss');
      remove(context.key);
      entries.set(context.key, {
        revision: context.revision,
        etag: etag ?? '',
        body: payload,
        bytes,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        storedAt: Date.now(),
      });
      cachedBytes += bytes;
      // Least recently used first.
      while (entries.size > options.maxEntries || cachedBytes > options.maxBytes) remove(entries.keys().next().value!);
    }
    if (etag && matches(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      return '';
    }
    return payload;
  });
}
