/**
 * The one HTTP wrapper every scraper uses. Node's global fetch, plus what a polite and safe scraper
 * needs: a per-request timeout, retries with exponential backoff and jitter for transient failures
 * only (network errors, timeouts, 408/429/5xx; Retry-After honoured up to a cap), a User-Agent naming
 * the service, a maximum body size enforced while streaming, a host allow-list checked on every
 * redirect hop (redirects are followed by hand), and secrets redacted from every message and log.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

import { redactHeaders, redactText, redactUrl } from './redact.js';
import { PermanentFetchError, ScraperError, TransientFetchError } from './scraper-errors.js';

/** The service's version from the nearest package.json named model-ledger (source or dist layout). */
function readServiceVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'model-ledger' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return '0.0.0';
}

export const SERVICE_VERSION = readServiceVersion();
export const DEFAULT_USER_AGENT = `model-ledger/${SERVICE_VERSION} (+catalog scraper)`;

/** Where retries, redirects and failures are reported. Messages arrive already redacted. */
export interface HttpLogger {
  debug?(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export const httpClientOptionsSchema = z
  .object({
    /** Source name carried by every error ("litellm", ...). */
    source: z.string().min(1).default('http'),
    /**
     * Hosts that may be contacted, including after redirects: exact names ("openrouter.ai") or a
     * leading wildcard for subdomains ("*.githubusercontent.com"). Anything else is refused.
     */
    allowedHosts: z.array(z.string().min(1).transform((host) => host.toLowerCase())).min(1),
    /** Per attempt, covering connection, headers and the whole body. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Attempts in all, the first included. 1 = no retry. */
    maxAttempts: z.number().int().min(1).max(10).default(4),
    /** First backoff delay; doubles each attempt, capped by maxBackoffMs, plus up to `jitter` of itself. */
    backoffBaseMs: z.number().int().min(0).default(1_000),
    maxBackoffMs: z.number().int().min(0).default(30_000),
    jitter: z.number().min(0).max(1).default(0.25),
    /** The longest wait a Retry-After header can impose; longer requests are cut to this. */
    retryAfterCapMs: z.number().int().min(0).default(60_000),
    maxBodyBytes: z.number().int().positive().default(64 * 1024 * 1024),
    maxRedirects: z.number().int().min(0).max(20).default(5),
    userAgent: z.string().min(1).default(DEFAULT_USER_AGENT),
    /** Extra request headers (Accept, Authorization for a token...). Never logged unredacted. */
    headers: z.record(z.string(), z.string()).default({}),
    logger: z
      .custom<HttpLogger>((value) => typeof value === 'object' && value !== null && typeof (value as HttpLogger).warn === 'function', {
        message: 'a logger with a warn(message, context) method',
      })
      .optional(),
  })
  .strict();

export type HttpClientOptions = z.input<typeof httpClientOptionsSchema>;
export type ResolvedHttpClientOptions = z.output<typeof httpClientOptionsSchema>;

export interface HttpResponse {
  /** The final URL after redirects, redacted. */
  url: string;
  status: number;
  contentType: string;
  headers: Headers;
  body: Buffer;
  /** Attempts made (1 when the first succeeded). */
  attempts: number;
}

export interface RequestOptions {
  headers?: Record<string, string>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

export class HttpClient {
  readonly options: ResolvedHttpClientOptions;

  constructor(options: HttpClientOptions) {
    this.options = httpClientOptionsSchema.parse(options);
  }

  /** True when `host` (a URL hostname) is on the allow-list. */
  isHostAllowed(host: string): boolean {
    const name = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
    return this.options.allowedHosts.some((allowed) =>
      allowed.startsWith('*.') ? name.endsWith(allowed.slice(1)) && name.length > allowed.length - 1 : name === allowed,
    );
  }

  /** GET with retries; resolves on a 2xx, rejects with TransientFetchError or PermanentFetchError. */
  async get(url: string, request: RequestOptions = {}): Promise<HttpResponse> {
    const { maxAttempts, source } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.once(url, request);
        return { ...response, attempts: attempt };
      } catch (error) {
        if (!(error instanceof TransientFetchError)) throw error;
        if (attempt >= maxAttempts) throw error.withAttempts(attempt);
        const delay = this.retryDelay(attempt, error);
        this.log('warn', `${source}: ${error.message}; retry ${attempt + 1}/${maxAttempts} in ${delay} ms`, {
          source,
          url: error.url,
          status: error.status,
          attempt,
          delayMs: delay,
        });
        await sleep(delay);
      }
    }
  }

  /** Delay before attempt `attempt + 1`: Retry-After (capped) when the server gave one, else backoff + jitter. */
  retryDelay(attempt: number, error?: TransientFetchError): number {
    const { backoffBaseMs, maxBackoffMs, jitter, retryAfterCapMs } = this.options;
    if (error?.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, retryAfterCapMs);
    const exponential = Math.min(maxBackoffMs, backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(exponential + exponential * jitter * Math.random());
  }

  private async once(url: string, request: RequestOptions): Promise<Omit<HttpResponse, 'attempts'>> {
    const { source, timeoutMs, maxRedirects } = this.options;
    let current = this.checkedUrl(url);
    const headers: Record<string, string> = {
      ...lowerCaseKeys(this.options.headers),
      ...lowerCaseKeys(request.headers ?? {}),
      'user-agent': this.options.userAgent,
    };

    for (let hop = 0; ; hop++) {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const shownUrl = redactUrl(current);
      try {
        this.options.logger?.debug?.(`${source}: GET ${shownUrl}`, { source, url: shownUrl, headers: redactHeaders(headers) });
        const response = await fetch(current, { method: 'GET', headers, redirect: 'manual', signal: controller.signal });

        if (response.status >= 300 && response.status < 400 && response.status !== 304) {
          await discard(response);
          const location = response.headers.get('location');
          if (!location) {
            throw new PermanentFetchError(`${source}: HTTP ${response.status} redirect without Location from ${shownUrl}`, {
              source,
              url: shownUrl,
              reason: 'bad-redirect',
              status: response.status,
            });
          }
          if (hop >= maxRedirects) {
            throw new PermanentFetchError(`${source}: more than ${maxRedirects} redirects from ${redactUrl(url)}`, {
              source,
              url: shownUrl,
              reason: 'too-many-redirects',
              status: response.status,
            });
          }
          let next: URL;
          try {
            next = new URL(location, current);
          } catch {
            throw new PermanentFetchError(`${source}: unreadable redirect Location from ${shownUrl}`, {
              source,
              url: shownUrl,
              reason: 'bad-redirect',
              status: response.status,
            });
          }
          const checked = this.checkedUrl(next.toString(), shownUrl);
          this.options.logger?.debug?.(`${source}: redirect ${response.status} ${shownUrl} -> ${redactUrl(checked)}`, { source });
          current = checked;
          continue;
        }

        if (response.status >= 200 && response.status < 300) {
          const body = await this.readBody(response, shownUrl, controller);
          return {
            url: shownUrl,
            status: response.status,
            contentType: response.headers.get('content-type') ?? 'application/octet-stream',
            headers: response.headers,
            body,
          };
        }

        await discard(response);
        if (isTransientStatus(response.status)) {
          throw new TransientFetchError(`${source}: HTTP ${response.status} from ${shownUrl}`, {
            source,
            url: shownUrl,
            reason: 'http-status',
            status: response.status,
            retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
          });
        }
        throw new PermanentFetchError(`${source}: HTTP ${response.status} from ${shownUrl}`, {
          source,
          url: shownUrl,
          reason: 'http-status',
          status: response.status,
        });
      } catch (error) {
        if (error instanceof ScraperError) throw error;
        if (timedOut) {
          throw new TransientFetchError(`${source}: timed out after ${timeoutMs} ms fetching ${shownUrl}`, {
            source,
            url: shownUrl,
            reason: 'timeout',
          });
        }
        throw new TransientFetchError(`${source}: network error fetching ${shownUrl}: ${describeCause(error)}`, {
          source,
          url: shownUrl,
          reason: 'network',
          cause: redactedCause(error),
        });
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** Parses and checks one URL: http(s) only, plain http only to loopback, host on the allow-list. */
  private checkedUrl(url: string, from?: string): URL {
    const { source } = this.options;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new PermanentFetchError(`${source}: not a URL: ${redactText(url)}`, { source, url: redactText(url), reason: 'invalid-url' });
    }
    const shown = redactUrl(parsed);
    const via = from ? ` (redirected from ${from})` : '';
    const host = parsed.hostname.toLowerCase();
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(host))) {
      throw new PermanentFetchError(`${source}: refusing ${parsed.protocol} URL ${shown}${via}: only https (http for loopback)`, {
        source,
        url: shown,
        reason: 'invalid-url',
        host,
      });
    }
    if (!this.isHostAllowed(host)) {
      throw new PermanentFetchError(
        `${source}: host "${host}" is not allowed${via}; allowed: ${this.options.allowedHosts.join(', ')}`,
        { source, url: shown, reason: 'host-not-allowed', host },
      );
    }
    return parsed;
  }

  /** Reads the body as a stream, aborting as soon as it passes maxBodyBytes. */
  private async readBody(response: Response, shownUrl: string, controller: AbortController): Promise<Buffer> {
    const { source, maxBodyBytes } = this.options;
    const tooLarge = (size: string) =>
      new PermanentFetchError(`${source}: body of ${shownUrl} is ${size}, over the ${maxBodyBytes}-byte limit`, {
        source,
        url: shownUrl,
        reason: 'body-too-large',
        status: response.status,
      });
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      controller.abort();
      throw tooLarge(`${declared} bytes (Content-Length)`);
    }
    if (!response.body) return Buffer.alloc(0);
    const reader = response.body.getReader();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBodyBytes) {
        await reader.cancel().catch(() => undefined);
        controller.abort();
        throw tooLarge(`more than ${maxBodyBytes} bytes`);
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
    return Buffer.concat(chunks, total);
  }

  private log(level: 'warn' | 'debug', message: string, context: Record<string, unknown>): void {
    const logger = this.options.logger;
    if (!logger) return;
    const safe = redactText(message);
    if (level === 'warn') logger.warn(safe, context);
    else logger.debug?.(safe, context);
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // nothing to release
  }
}

/** fetch's TypeError("fetch failed") hides the reason in `cause` (ECONNREFUSED, ENOTFOUND...). */
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return redactText(String(error));
  const inner = error.cause instanceof Error ? `${error.cause.message}` : '';
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return redactText([error.message, inner, typeof code === 'string' && !inner.includes(code) ? code : ''].filter(Boolean).join(': '));
}

function redactedCause(error: unknown): Error {
  const copy = new Error(describeCause(error));
  copy.name = error instanceof Error ? error.name : 'Error';
  return copy;
}

/** Convenience: one client for one call. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new HttpClient(options);
}
