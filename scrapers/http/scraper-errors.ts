/**
 * Typed scraper failures. A job runner decides from `retryable` alone: transient errors retry with
 * backoff, permanent ones end the run. Every error names its source and the (redacted) URL.
 */

export interface ScraperErrorContext {
  /** The scraper's source name ("litellm", "openrouter", ...) or "http" outside a scraper. */
  source: string;
  /** The URL involved, already redacted (no keys or tokens). */
  url?: string;
  cause?: unknown;
}

export abstract class ScraperError extends Error {
  abstract readonly retryable: boolean;
  readonly source: string;
  readonly url?: string;

  protected constructor(message: string, context: ScraperErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.source = context.source;
    this.url = context.url;
  }
}

export type TransientReason = 'network' | 'timeout' | 'http-status';

/** Worth another try later: network error, timeout, HTTP 408/429/5xx. */
export class TransientFetchError extends ScraperError {
  readonly retryable = true as const;
  readonly reason: TransientReason;
  readonly status?: number;
  /** What the server asked for (Retry-After), in ms, before any cap. */
  readonly retryAfterMs?: number;
  /** How many attempts were made before giving up (set on the error thrown to the caller). */
  readonly attempts: number;

  constructor(
    message: string,
    context: ScraperErrorContext & { reason: TransientReason; status?: number; retryAfterMs?: number; attempts?: number },
  ) {
    super(message, context);
    this.reason = context.reason;
    this.status = context.status;
    this.retryAfterMs = context.retryAfterMs;
    this.attempts = context.attempts ?? 1;
  }

  withAttempts(attempts: number): TransientFetchError {
    return new TransientFetchError(`${this.message} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`, {
      source: this.source,
      url: this.url,
      reason: this.reason,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      attempts,
      cause: this.cause,
    });
  }
}

export type PermanentReason =
  | 'http-status'
  | 'host-not-allowed'
  | 'body-too-large'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'invalid-url';

/** Retrying will not help: HTTP 4xx, a host outside the allow-list, a body over the limit. */
export class PermanentFetchError extends ScraperError {
  readonly retryable = false as const;
  readonly reason: PermanentReason;
  readonly status?: number;
  /** The refused host, for host-not-allowed. */
  readonly host?: string;

  constructor(message: string, context: ScraperErrorContext & { reason: PermanentReason; status?: number; host?: string }) {
    super(message, context);
    this.reason = context.reason;
    this.status = context.status;
    this.host = context.host;
  }
}

/** The structure the parser needs is gone (payload not JSON, table missing...). Permanent. */
export class ScraperParseError extends ScraperError {
  readonly retryable = false as const;
  /** What was missing or malformed: a JSON path, a header name, "body". */
  readonly field?: string;

  constructor(message: string, context: ScraperErrorContext & { field?: string }) {
    super(message, context);
    this.field = context.field;
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof ScraperError && error.retryable;
}
