import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_USER_AGENT, HttpClient, parseRetryAfter, type HttpClientOptions, type HttpLogger } from './http-client.js';
import { redactHeaders, redactText, redactUrl } from './redact.js';
import { PermanentFetchError, TransientFetchError } from './scraper-errors.js';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

let server: Server;
let base: string;
const sockets = new Set<Socket>();
const hits = new Map<string, number>();
const seenHeaders: Array<IncomingMessage['headers']> = [];

const routes: Record<string, Handler> = {
  '/ok': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
  '/flaky': (_req, res, hit) => {
    if (hit === 1) {
      res.writeHead(500);
      res.end('boom');
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('recovered');
    }
  },
  '/always-500': (_req, res) => {
    res.writeHead(503);
    res.end('down');
  },
  '/408': (_req, res, hit) => {
    res.writeHead(hit === 1 ? 408 : 200);
    res.end('x');
  },
  '/404': (_req, res) => {
    res.writeHead(404);
    res.end('missing');
  },
  '/hang': () => {
    // never answers
  },
  '/big-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('a'.repeat(600));
    res.write('b'.repeat(600));
    res.end('c'.repeat(600));
  },
  '/big-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000' });
    res.end('d'.repeat(5000));
  },
  '/redirect-same-host': (_req, res) => {
    res.writeHead(302, { location: '/ok' });
    res.end();
  },
  '/redirect-evil': (_req, res) => {
    res.writeHead(302, { location: 'https://evil.example.com/steal?token=abc' });
    res.end();
  },
  '/redirect-loop': (_req, res) => {
    res.writeHead(301, { location: '/redirect-loop' });
    res.end();
  },
  '/retry-after-zero': (_req, res, hit) => {
    if (hit === 1) {
      res.writeHead(429, { 'retry-after': '0' });
      res.end();
    } else {
      res.writeHead(200);
      res.end('ok');
    }
  },
  '/retry-after-long': (_req, res, hit) => {
    if (hit === 1) {
      res.writeHead(503, { 'retry-after': '120' });
      res.end();
    } else {
      res.writeHead(200);
      res.end('ok');
    }
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    seenHeaders.push(req.headers);
    const route = routes[path];
    if (route) route(req, res, hit);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  hits.clear();
  seenHeaders.length = 0;
});

/** Fast settings: tiny backoff, short timeout. */
function client(overrides: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    source: 'test',
    allowedHosts: ['127.0.0.1'],
    timeoutMs: 2_000,
    maxAttempts: 3,
    backoffBaseMs: 5,
    maxBackoffMs: 20,
    retryAfterCapMs: 60,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('HttpClient', () => {
  it('fetches a 2xx body with its content type and a User-Agent naming the service', async () => {
    const response = await client().get(`${base}/ok`);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('{"ok":true}');
    expect(response.contentType).toBe('application/json');
    expect(response.attempts).toBe(1);
    expect(seenHeaders[0]!['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toMatch(/^model-ledger\/\d+\.\d+\.\d+ \(\+catalog scraper\)$/);
  });

  it('retries a 500 and returns the later success', async () => {
    const response = await client().get(`${base}/flaky`);
    expect(response.body.toString()).toBe('recovered');
    expect(response.attempts).toBe(2);
    expect(hits.get('/flaky')).toBe(2);
  });

  it('retries 408 like a server error', async () => {
    const response = await client().get(`${base}/408`);
    expect(response.attempts).toBe(2);
  });

  it('gives up on a persistent 5xx with a TransientFetchError after maxAttempts', async () => {
    const error = await failure(client({ maxAttempts: 3 }).get(`${base}/always-500`));
    expect(error).toBeInstanceOf(TransientFetchError);
    const transient = error as TransientFetchError;
    expect(transient.retryable).toBe(true);
    expect(transient.status).toBe(503);
    expect(transient.attempts).toBe(3);
    expect(transient.source).toBe('test');
    expect(transient.message).toMatch(/HTTP 503.*gave up after 3 attempts/);
    expect(hits.get('/always-500')).toBe(3);
  });

  it('does not retry a 404: PermanentFetchError on the first attempt', async () => {
    const error = await failure(client().get(`${base}/404`));
    expect(error).toBeInstanceOf(PermanentFetchError);
    expect((error as PermanentFetchError).status).toBe(404);
    expect((error as PermanentFetchError).retryable).toBe(false);
    expect(hits.get('/404')).toBe(1);
  });

  it('times out a server that never answers (transient, retried, then given up)', async () => {
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 100, maxAttempts: 2 }).get(`${base}/hang`));
    expect(error).toBeInstanceOf(TransientFetchError);
    expect((error as TransientFetchError).reason).toBe('timeout');
    expect((error as TransientFetchError).attempts).toBe(2);
    expect(hits.get('/hang')).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused connection as a transient network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(client({ maxAttempts: 1 }).get(`http://127.0.0.1:${port}/`));
    expect(error).toBeInstanceOf(TransientFetchError);
    expect((error as TransientFetchError).reason).toBe('network');
  });

  it('aborts a streamed body over the size limit', async () => {
    const error = await failure(client({ maxBodyBytes: 1_000 }).get(`${base}/big-chunked`));
    expect(error).toBeInstanceOf(PermanentFetchError);
    expect((error as PermanentFetchError).reason).toBe('body-too-large');
    expect(hits.get('/big-chunked')).toBe(1);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const error = await failure(client({ maxBodyBytes: 1_000 }).get(`${base}/big-declared`));
    expect(error).toBeInstanceOf(PermanentFetchError);
    expect((error as PermanentFetchError).message).toMatch(/5000 bytes \(Content-Length\)/);
  });

  it('follows a redirect to an allowed host', async () => {
    const response = await client().get(`${base}/redirect-same-host`);
    expect(response.body.toString()).toBe('{"ok":true}');
    expect(response.url).toBe(`${base}/ok`);
  });

  it('refuses a redirect to a host outside the allow-list, without contacting it', async () => {
    const error = await failure(client().get(`${base}/redirect-evil`));
    expect(error).toBeInstanceOf(PermanentFetchError);
    const permanent = error as PermanentFetchError;
    expect(permanent.reason).toBe('host-not-allowed');
    expect(permanent.host).toBe('evil.example.com');
    expect(permanent.message).toContain('redirected from');
    expect(permanent.message).not.toContain('token=abc');
  });

  it('refuses a URL whose host is not allowed before any request', async () => {
    const error = await failure(client().get('https://evil.example.com/'));
    expect(error).toBeInstanceOf(PermanentFetchError);
    expect((error as PermanentFetchError).reason).toBe('host-not-allowed');
  });

  it('stops after maxRedirects', async () => {
    const error = await failure(client({ maxRedirects: 2 }).get(`${base}/redirect-loop`));
    expect((error as PermanentFetchError).reason).toBe('too-many-redirects');
    expect(hits.get('/redirect-loop')).toBe(3);
  });

  it('honours Retry-After instead of its own backoff', async () => {
    const started = Date.now();
    // Backoff alone would wait 5 s; Retry-After: 0 says retry now.
    const response = await client({ backoffBaseMs: 5_000, maxBackoffMs: 5_000 }).get(`${base}/retry-after-zero`);
    expect(response.attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('caps a long Retry-After at retryAfterCapMs', async () => {
    const started = Date.now();
    const response = await client({ retryAfterCapMs: 60 }).get(`${base}/retry-after-long`);
    const elapsed = Date.now() - started;
    expect(response.attempts).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('redacts secrets from error messages and log lines, and still sends the headers', async () => {
    const lines: string[] = [];
    const logger: HttpLogger = {
      warn: (message, context) => lines.push(message + JSON.stringify(context ?? {})),
      debug: (message, context) => lines.push(message + JSON.stringify(context ?? {})),
    };
    const http = client({ logger, headers: { Authorization: 'Bearer sk-live-SECRET' } });

    const error = await failure(http.get(`${base}/404?api_key=SECRET123&token=SECRET456&page=2`));
    const permanent = error as PermanentFetchError;
    expect(permanent.message).not.toMatch(/SECRET/);
    expect(permanent.url).toContain('api_key=REDACTED');
    expect(permanent.url).toContain('token=REDACTED');
    expect(permanent.url).toContain('page=2');

    await http.get(`${base}/flaky?key=SECRET789`);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/SECRET/);
    expect(seenHeaders.some((headers) => headers.authorization === 'Bearer sk-live-SECRET')).toBe(true);
  });

  it('validates its options with zod', () => {
    expect(() => new HttpClient({ allowedHosts: [] })).toThrow();
    expect(() => new HttpClient({ allowedHosts: ['a.test'], timeoutMs: -1 })).toThrow();
    expect(() => new HttpClient({ allowedHosts: ['a.test'], unknownOption: true } as HttpClientOptions)).toThrow();
  });

  it('matches wildcard hosts on subdomains only', () => {
    const http = new HttpClient({ allowedHosts: ['*.githubusercontent.com', 'models.dev'] });
    expect(http.isHostAllowed('raw.githubusercontent.com')).toBe(true);
    expect(http.isHostAllowed('githubusercontent.com')).toBe(false);
    expect(http.isHostAllowed('evilgithubusercontent.com')).toBe(false);
    expect(http.isHostAllowed('MODELS.dev')).toBe(true);
  });

  it('grows its backoff exponentially within the jitter bound', () => {
    const http = new HttpClient({ allowedHosts: ['a.test'], backoffBaseMs: 100, maxBackoffMs: 1_000, jitter: 0.5 });
    for (const [attempt, floor] of [[1, 100], [2, 200], [3, 400], [5, 1_000]] as const) {
      const delay = http.retryDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(floor);
      expect(delay).toBeLessThanOrEqual(floor * 1.5);
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
  });
});

describe('redaction', () => {
  it('redacts secret query parameters and userinfo in URLs', () => {
    expect(redactUrl('https://user:pw@api.test/v1?api_key=abc&model=x&access_token=t')).toBe(
      'https://REDACTED:REDACTED@api.test/v1?api_key=REDACTED&model=x&access_token=REDACTED',
    );
  });

  it('redacts bearer tokens, header-like pairs and URLs inside text', () => {
    const text = redactText('GET https://h.test/?key=abc failed; Authorization: Bearer sk-123; {"api_key": "zzz"}');
    expect(text).not.toMatch(/abc|sk-123|zzz/);
    expect(text).toContain('key=REDACTED');
  });

  it('redacts secret headers for logging', () => {
    expect(redactHeaders({ Authorization: 'Bearer x', 'X-Api-Key': 'y', Accept: 'application/json' })).toEqual({
      Authorization: 'REDACTED',
      'X-Api-Key': 'REDACTED',
      Accept: 'application/json',
    });
  });
});
