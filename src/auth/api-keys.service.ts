import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service.js';
import { KeyCheckThrottle } from './key-check-throttle.js';

export const API_KEY_SCOPES = ['admin', 'ingest', 'read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const KEY_PREFIX = 'mlk';
// scrypt cost: N=2^14 (16 MiB, ~40 ms) makes guessing expensive while a checked key is cached.
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scrypt(password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keylen, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export interface VerifiedKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
}

/** 429: the client failed too many key checks this minute; no more are made for it until then. */
export class TooManyFailedKeyChecksException extends HttpException {
  readonly headers: Record<string, string>;
  constructor(retryAfterSeconds: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Too many failed API key checks from this address; retry in ${retryAfterSeconds} seconds`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}

export interface CreatedKey extends VerifiedKey {
  /** The whole key: shown once, never stored. */
  key: string;
  expiresAt: Date | null;
}

/**
 * API keys: `mlk_<id>_<secret>`. Only a scrypt hash of the secret is stored; checks compare in
 * constant time. A verified key is remembered for a minute so a busy client does not pay scrypt
 * on every request; revocation and expiry are checked against the database each time it is.
 */
@Injectable()
export class ApiKeysService {
  private readonly verified = new Map<string, { key: VerifiedKey; until: number }>();
  private readonly throttle = new KeyCheckThrottle();

  constructor(private readonly prisma: PrismaService) {}

  async create(name: string, scopes: ApiKeyScope[], expiresAt: Date | null = null): Promise<CreatedKey> {
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const salt = randomBytes(16);
    const hash = await scrypt(secret, salt, SCRYPT.keylen, SCRYPT);
    await this.prisma.apiKey.create({
      data: {
        id,
        name,
        prefix: `${KEY_PREFIX}_${id}`,
        hash: `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`,
        scopes,
        expiresAt,
      },
    });
    return { id, name, scopes, key: `${KEY_PREFIX}_${id}_${secret}`, expiresAt };
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    for (const [cached, entry] of this.verified) if (entry.key.id === id) this.verified.delete(cached);
    return result.count > 0;
  }

  list() {
    return this.prisma.apiKey.findMany({
      select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
      orderBy: { createdAt: 'asc' },
    });
  }

  /**
   * The key if it was verified in the last minute, without touching the database: cheap enough to
   * pick a rate-limit bucket before anything else runs. Not an authorization check.
   */
  recentlyVerified(presented: string): VerifiedKey | null {
    const cached = this.verified.get(presented);
    return cached && cached.until > Date.now() ? cached.key : null;
  }

  /** Seconds until this client address may have keys checked again (0: now). */
  checksBlockedFor(client: string): number {
    return this.throttle.blockedFor(client);
  }

  /**
   * The key's identity and scopes, or null when it is unknown, wrong, revoked or expired. Failed
   * checks are counted against `client` (the caller's address) wherever the check is made (rate
   * limit bucket, read key, guarded route): past the limit this throws
   * TooManyFailedKeyChecksException without touching the database or running scrypt.
   */
  async verify(presented: string, client = 'local'): Promise<VerifiedKey | null> {
    // A key verified in the last minute needs no scrypt: it passes even from a blocked address.
    const blockedFor = this.recentlyVerified(presented) ? 0 : this.throttle.blockedFor(client);
    if (blockedFor > 0) throw new TooManyFailedKeyChecksException(blockedFor);
    // The same wrong value again: already counted, and no work to do.
    if (this.throttle.failedRecently(presented)) return null;
    const key = await this.check(presented);
    if (!key) this.throttle.recordFailure(client, presented);
    return key;
  }

  private async check(presented: string): Promise<VerifiedKey | null> {
    const match = /^mlk_([0-9a-f]{12})_([A-Za-z0-9_-]{20,64})$/.exec(presented);
    if (!match) return null;
    const [, id, secret] = match as unknown as [string, string, string];
    const row = await this.prisma.apiKey.findUnique({ where: { id } });
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
    const cached = this.recentlyVerified(presented);
    if (cached) return cached;
    const [scheme, n, r, p, salt, expected] = row.hash.split('$');
    if (scheme !== 'scrypt' || !salt || !expected) return null;
    const actual = await scrypt(secret, Buffer.from(salt, 'base64'), SCRYPT.keylen, { N: Number(n), r: Number(r), p: Number(p) });
    const expectedBytes = Buffer.from(expected, 'base64');
    if (actual.length !== expectedBytes.length || !timingSafeEqual(actual, expectedBytes)) return null;
    const key: VerifiedKey = { id: row.id, name: row.name, scopes: row.scopes as ApiKeyScope[] };
    this.verified.set(presented, { key, until: Date.now() + 60_000 });
    void this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
    return key;
  }
}

/**
 * How a key is named in the records it writes (manual corrections, quarantine decisions), which
 * audit answers show to anyone: its name and the last 4 characters of its id. Never the whole
 * id: with it, a stranger could make each guessed secret cost a scrypt.
 */
export function actorLabel(key: VerifiedKey): string {
  return `${key.name} (key …${key.id.slice(-4)})`;
}
