import { createHash } from 'node:crypto';

const WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;

/**
 * Failed API-key checks, per client address: after `maxFailures` in a minute the address gets no
 * more checks until its minute is over (each check costs a database lookup, and a scrypt when the
 * key id exists; key ids are not secret enough to rely on). A presented value that failed is
 * remembered (by hash) for the same minute, so repeating it costs nothing and counts once.
 */
export class KeyCheckThrottle {
  private readonly failuresByClient = new Map<string, { count: number; resetAt: number }>();
  private readonly failedValues = new Map<string, number>();

  constructor(private readonly maxFailures = 10) {}

  /** Seconds until the client may be checked again, or 0 when it may be now. */
  blockedFor(client: string, now = Date.now()): number {
    const entry = this.failuresByClient.get(client);
    if (!entry || entry.resetAt <= now || entry.count < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((entry.resetAt - now) / 1000));
  }

  /** Whether this exact value failed in the last minute. */
  failedRecently(presented: string, now = Date.now()): boolean {
    const until = this.failedValues.get(digest(presented));
    return until !== undefined && until > now;
  }

  recordFailure(client: string, presented: string, now = Date.now()): void {
    const entry = this.failuresByClient.get(client);
    if (entry && entry.resetAt > now) entry.count++;
    else this.failuresByClient.set(client, { count: 1, resetAt: now + WINDOW_MS });
    this.failedValues.set(digest(presented), now + WINDOW_MS);
    // Bounded: finished windows are forgotten once a map grows; past the bound, oldest first.
    prune(this.failuresByClient, (e) => e.resetAt <= now);
    prune(this.failedValues, (until) => until <= now);
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function prune<V>(map: Map<string, V>, expired: (value: V) => boolean): void {
  if (map.size <= MAX_TRACKED) return;
  for (const [key, value] of map) if (expired(value)) map.delete(key);
  for (const key of map.keys()) {
    if (map.size <= MAX_TRACKED) break;
    map.delete(key);
  }
}
