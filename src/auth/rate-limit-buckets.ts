import type { FastifyRequest } from 'fastify';

import { presentedKey } from './api-key.guard.js';
import type { ApiKeysService } from './api-keys.service.js';

/**
 * Picks the rate-limit bucket of a request, before anything else runs: a valid API key gets a
 * bucket of its own (and the larger limit), anything else is counted against its address. A key
 * not seen in the last minute is verified here, so a client whose address is spent can still come
 * in with its key; failed checks are limited per address by ApiKeysService itself, so rotating
 * junk or guessed keys buys neither a fresh bucket nor server work. Operational routes get no
 * bucket and no key check (liveness must not touch the database).
 */
export class RateLimitBuckets {
  constructor(private readonly keys: ApiKeysService) {}

  async bucketOf(request: FastifyRequest): Promise<string> {
    if (isOperationalRoute(request)) return 'operational';
    const presented = presentedKey(request);
    if (presented) {
      const key = this.keys.recentlyVerified(presented) ?? (this.keys.checksBlockedFor(request.ip) > 0 ? null : await this.tryVerify(presented, request.ip));
      if (key) return `key:${key.id}`;
    }
    return `ip:${request.ip}`;
  }

  static isKeyBucket(bucket: string): boolean {
    return bucket.startsWith('key:');
  }

  /** A database outage or a refused check leaves the request in its address's bucket. */
  private async tryVerify(presented: string, ip: string) {
    try {
      return await this.keys.verify(presented, ip);
    } catch {
      return null;
    }
  }
}

/** Health and metrics, decided on the route that will run (never on the URL text). */
export function isOperationalRoute(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route !== undefined && /^\/(health|metrics)(\/|$)/.test(route);
}
