import type { FastifyRequest } from 'fastify';

import { presentedKey } from './api-key.guard.js';
import type { ApiKeysService } from './api-keys.service.js';

const WINDOW_MS = 60_000;

/**
 * Picks the rate-limit bucket of a request, before anything else runs: a valid API key gets a
 * bucket of its own (and the larger limit), anything else is counted against its address. A key
 * not seen in the last minute is verified here, so a client whose address is spent can still come
 * in with its key; but an address whose keys failed verification `maxFailures` times in a minute
 * gets no more checks (each costs a database lookup, and a scrypt when the id exists) until the
 * minute is over: rotating junk or guessed keys buys neither a fresh bucket nor server work.
 */
export class RateLimitBuckets {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly keys: ApiKeysService,
    private readonly maxFailures = 10,
  ) {}

  async bucketOf(request: FastifyRequest): Promise<string> {
    const presented = presentedKey(request);
    if (presented) {
      const key = this.keys.recentlyVerified(presented) ?? (this.mayVerify(request.ip) ? await this.verify(presented, request.ip) : null);
      if (key) return `key:${key.id}`;
    }
    return `ip:${request.ip}`;
  }

  static isKeyBucket(bucket: string): boolean {
    return bucket.startsWith('key:');
  }

  private mayVerify(ip: string): boolean {
    const entry = this.failures.get(ip);
    return !entry || entry.resetAt <= Date.now() || entry.count < this.maxFailures;
  }

  private async verify(presented: string, ip: string) {
    const key = await this.keys.verify(presented);
    if (!key) this.recordFailure(ip);
    return key;
  }

  private recordFailure(ip: string): void {
    const now = Date.now();
    const entry = this.failures.get(ip);
    if (entry && entry.resetAt > now) entry.count++;
    else this.failures.set(ip, { count: 1, resetAt: now + WINDOW_MS });
    // Bounded: forget finished windows once the map grows.
    if (this.failures.size > 10_000) for (const [address, e] of this.failures) if (e.resetAt <= now) this.failures.delete(address);
  }
}
