/**
 * Helpers shared by the reliability suite: a raw HTTP client (byte-exact URLs, bounded waits),
 * the row counts of the main tables, and the checks every error answer must pass.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  ms: number;
}

export interface RawRequest {
  method: string;
  /** Sent byte for byte: no normalisation, no re-encoding. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The request fails with "no answer within ..." after this long (a hang is a bug). */
  timeoutMs?: number;
}

export class NoAnswerError extends Error {}

/** Starts listening on 127.0.0.1 (port 0) and returns the port. */
export async function listen(app: NestFastifyApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

/** One request on a fresh connection, with the path exactly as given. */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  const started = Date.now();
  const timeoutMs = request.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const req = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers, agent: false, insecureHTTPParser: false });
    const timer = setTimeout(() => {
      req.destroy(new NoAnswerError(`no answer within ${timeoutMs} ms: ${request.method} ${request.path.slice(0, 200)}`));
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: Date.now() - started });
      });
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

export const MAIN_TABLES = ['price_point', 'offering', 'model', 'license_version', 'scrape_run', 'api_key', 'quarantined_price'] as const;

export async function tableCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of MAIN_TABLES) counts[table] = Number((await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  return counts;
}

/** Shortens a value for an assertion message (inputs can be 10 KB). */
export function brief(value: unknown, max = 300): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max)}... (${text.length} chars)` : text;
}

/**
 * The REST contract for every answer: never a 5xx; every 4xx is JSON `{statusCode, error, message}`
 * with a non-empty message. Returns a description of the violation, or null.
 */
export function restViolation(res: RawResponse): string | null {
  if (res.status >= 500) return `status ${res.status}: ${brief(res.text)}`;
  if (res.status < 400) return null;
  const contentType = String(res.headers['content-type'] ?? '');
  if (!contentType.includes('application/json')) return `status ${res.status} with content-type "${contentType}": ${brief(res.text)}`;
  const body = res.json as { statusCode?: unknown; error?: unknown; message?: unknown } | undefined;
  if (!body || typeof body !== 'object') return `status ${res.status} without a JSON object body: ${brief(res.text)}`;
  if (body.statusCode !== res.status) return `status ${res.status} but body.statusCode ${brief(body.statusCode)}`;
  if (typeof body.error !== 'string' || !body.error) return `status ${res.status} without body.error: ${brief(res.text)}`;
  if (typeof body.message !== 'string' || !body.message.trim()) return `status ${res.status} without a message: ${brief(res.text)}`;
  return null;
}

/**
 * What an unexpected exception looks like when GraphQL passes its message through (Prisma's
 * "Invalid `prisma.x()` invocation in /path/file.ts:12", driver and TypeError messages): the
 * GraphQL equivalent of a 500, and a leak of internals.
 */
export const INTERNAL_ERROR_MESSAGE = /invocation in|prisma|\/src\/|\.ts:\d+|Database error|SQLSTATE|ECONNREFUSED|Cannot read propert|is not a function|is not iterable|Maximum call stack|Internal server error/i;

/** GraphQL: never a 5xx; a 4xx (and any answer with errors) names the problem in errors[0].message, never an internal failure. */
export function graphqlViolation(res: RawResponse): string | null {
  if (res.status >= 500) return `status ${res.status}: ${brief(res.text)}`;
  const body = res.json as { errors?: { message?: unknown }[]; statusCode?: unknown; message?: unknown } | undefined;
  const internal = Array.isArray(body?.errors) ? body.errors.find((error) => typeof error?.message === 'string' && INTERNAL_ERROR_MESSAGE.test(error.message)) : undefined;
  if (internal) return `status ${res.status} with an internal error passed through: ${brief(internal.message, 600)}`;
  if (res.status >= 400) {
    if (!body || typeof body !== 'object') return `status ${res.status} without a JSON body: ${brief(res.text)}`;
    // Refusals made before GraphQL runs (body too large, wrong content type) use the REST shape.
    if (!Array.isArray(body.errors)) return restViolation(res);
    const message = body.errors[0]?.message;
    if (typeof message !== 'string' || !message.trim()) return `status ${res.status} with errors[0] lacking a message: ${brief(res.text)}`;
    return null;
  }
  if (body && Array.isArray(body.errors)) {
    const message = body.errors[0]?.message;
    if (typeof message !== 'string' || !message.trim()) return `errors[0] lacking a message: ${brief(res.text)}`;
  }
  return null;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
    await sleep(intervalMs);
  }
}
