/**
 * Getting a source's payload: over HTTP through the shared client, limited to the scraper's own
 * hosts, or from a file for `--file` imports (replaying a saved snapshot).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { HttpClient, type HttpClientOptions } from './http/http-client.js';
import type { RawPayload, Scraper } from './scraper.types.js';

/** Loopback hosts, added to the allow-list only with `allowLoopback` (tests, local mirrors). */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'] as const;

export interface FetchSourceOptions {
  /** Defaults to the scraper's defaultUrl. */
  url?: string;
  /** Client settings (timeouts, retries, limits, logger...); the host list comes from the scraper. */
  http?: Omit<HttpClientOptions, 'allowedHosts' | 'source'>;
  /** Also allow 127.0.0.1 / localhost / ::1. Off unless asked for explicitly. */
  allowLoopback?: boolean;
  /** What the source expects; sent as Accept. */
  accept?: string;
}

export async function fetchSource(scraper: Scraper, options: FetchSourceOptions = {}): Promise<RawPayload> {
  const allowedHosts = [...scraper.allowedHosts, ...(options.allowLoopback ? LOOPBACK_HOSTS : [])];
  const client = new HttpClient({ ...options.http, allowedHosts, source: scraper.source });
  const response = await client.get(options.url ?? scraper.defaultUrl, {
    headers: { accept: options.accept ?? 'application/json, text/html;q=0.9, */*;q=0.5' },
  });
  return { url: response.url, contentType: response.contentType, body: response.body, fetchedAt: new Date() };
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
};

/** A saved payload as if fetched: url is the file's file:// URL, fetchedAt the file's mtime unless given. */
export async function readSourceFile(filePath: string, options: { fetchedAt?: Date } = {}): Promise<RawPayload> {
  const absolute = path.resolve(filePath);
  const [body, info] = await Promise.all([readFile(absolute), stat(absolute)]);
  return {
    url: pathToFileURL(absolute).href,
    contentType: CONTENT_TYPES[path.extname(absolute).toLowerCase()] ?? 'application/octet-stream',
    body,
    fetchedAt: options.fetchedAt ?? info.mtime,
  };
}
