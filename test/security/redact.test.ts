/**
 * The one redaction module (scrapers/http/redact.ts): URLs, free text, local paths and errors as a
 * scrape run stores them and the public API shows them. Pure functions: every variant is cheap.
 */
import { describe, expect, it } from 'vitest';

import { fileSourceRef, isSecretParam, publicSourceRef, redactError, redactPublicText, redactText, redactUrl } from '../../scrapers/http/redact.js';

const SECRET = 'S3cr3tV4lue9';

describe('redactUrl: credentials never survive', () => {
  it.each([
    ['user and password', `https://alice:${SECRET}@api.example.com/v1/models`],
    ['user only (a token as user name)', `https://${SECRET}@raw.example.com/x/y.json`],
    ['password only', `https://:${SECRET}@api.example.com/`],
    ['encoded userinfo', `https://al%40ice:${SECRET}%21@api.example.com/`],
    ['non-http scheme', `ftp://bob:${SECRET}@files.example.com/a.json`],
  ])('%s', (_name, url) => {
    const out = redactUrl(url);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('REDACTED');
    expect(out).toContain('example.com');
  });

  it.each([
    'token',
    'access_token',
    'api_key',
    'apiKey',
    'API-KEY',
    'key',
    'secret',
    'client_secret',
    'sig',
    'signature',
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Amz-Security-Token',
    'password',
    'pwd',
    'auth',
    'hf_token',
    'private_token',
    'refreshToken',
    'x-goog-api-key',
    'Ocp-Apim-Subscription-Key',
    'session_id',
    'code',
    'jwt',
  ])('query parameter %s', (name) => {
    const out = redactUrl(`https://api.example.com/v1/models?page=2&${name}=${SECRET}&sort=asc`);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('page=2');
    expect(out).toContain('sort=asc');
  });

  it.each([
    ['percent-encoded name', `https://h.example/x?%74oken=${SECRET}`],
    ['double-encoded name', `https://h.example/x?%2574oken=${SECRET}`],
    ['encoded underscore', `https://h.example/x?api%5Fkey=${SECRET}`],
    ['encoded = inside the pair', `https://h.example/x?token%3D${SECRET}`],
    ['semicolon separator', `https://h.example/x?a=1;token=${SECRET}`],
    ['repeated parameter', `https://h.example/x?token=a&token=${SECRET}`],
    ['nested query in a value', `https://h.example/x?q=${encodeURIComponent(`a&token=${SECRET}`)}`],
    ['nested URL with userinfo', `https://h.example/x?next=${encodeURIComponent(`https://u:${SECRET}@other.example/`)}`],
    ['fragment parameters', `https://h.example/cb#access_token=${SECRET}&token_type=bearer`],
    ['matrix parameter in the path', `https://h.example/x;token=${SECRET}/y.json`],
    ['a provider key as a value', `https://h.example/x?q=sk-live-${SECRET}`],
    ['a provider key in the path', `https://h.example/bot/hf_${SECRET}abc/models`],
    ['our own key as a value', `https://h.example/x?k2=mlk_abcdef123456_${SECRET}`],
    ['upper-case name', `https://h.example/x?TOKEN=${SECRET}`],
  ])('%s', (_name, url) => {
    expect(redactUrl(url)).not.toContain(SECRET);
  });

  it('leaves harmless URLs exactly as written', () => {
    for (const url of ['http://127.0.0.1:3000/litellm.json', 'https://openrouter.ai/api/v1/models?supported_parameters=tools&max_tokens=10']) {
      expect(redactUrl(url)).toBe(url);
    }
    expect(isSecretParam('max_tokens')).toBe(false);
    expect(isSecretParam('author')).toBe(false);
  });

  it('does not loop on something URL-shaped that does not parse', () => {
    expect(redactText(`see http://[ and http://u:${SECRET}@[::`)).not.toContain(SECRET);
  });
});

describe('publicSourceRef and fileSourceRef: a local file is only its name', () => {
  it.each([
    ['/home/alice/snapshots/litellm-2025-03-01.json', 'file:litellm-2025-03-01.json'],
    ['./data/litellm.json', 'file:litellm.json'],
    ['../../archive/models.json', 'file:models.json'],
    ['~/secret-dir/models.json', 'file:models.json'],
    ['file:///srv/private/ops/openrouter.json', 'file:openrouter.json'],
    ['file://fileserver/share/dir/x.json', 'file:x.json'],
    ['C:\\Users\\bob\\Downloads\\api.json', 'file:api.json'],
    ['\\\\nas\\backups\\api.json', 'file:api.json'],
    ['/tmp/dir%20with%20space/a%20b.json', 'file:a b.json'],
  ])('%s -> %s', (ref, expected) => {
    expect(publicSourceRef(ref)).toBe(expected);
  });

  it('a relative path without ./ is a file when the caller says so', () => {
    expect(fileSourceRef('data/nested/snap.json')).toBe('file:snap.json');
  });

  it('is idempotent and keeps URLs', () => {
    expect(publicSourceRef('file:snap.json')).toBe('file:snap.json');
    expect(publicSourceRef('https://models.dev/api.json')).toBe('https://models.dev/api.json');
    expect(publicSourceRef(`https://u:${SECRET}@models.dev/api.json`)).toBe('https://REDACTED:REDACTED@models.dev/api.json');
    expect(publicSourceRef(null)).toBeNull();
  });
});

describe('redactPublicText and redactError: no path, host, credential or driver text', () => {
  it('paths inside messages become file:<basename>', () => {
    const text = redactPublicText(`ENOENT: no such file or directory, open '/home/alice/private/snap.json'`);
    expect(text).not.toContain('/home/alice');
    expect(text).toContain('file:snap.json');
    expect(redactPublicText('read data/x.json failed', ['data/x.json'])).toBe('read file:x.json failed');
    expect(redactPublicText('see file:///var/lib/a/b.json')).toBe('see file:b.json');
    expect(redactPublicText('GET https://h.example/v1/a/b failed')).toBe('GET https://h.example/v1/a/b failed');
  });

  it('file-system errors name only the file', () => {
    const error = Object.assign(new Error(`ENOENT: no such file or directory, open '/home/alice/x/snap.json'`), {
      code: 'ENOENT',
      syscall: 'open',
      path: '/home/alice/x/snap.json',
      errno: -2,
    });
    expect(redactError(error)).toBe('cannot open file:snap.json: no such file or directory (ENOENT)');
  });

  it('database errors keep their SQLSTATE, never the driver message or host', () => {
    const pg = Object.assign(new Error('new row for relation "price_point" violates check constraint "price_point_usd_check"'), {
      code: '23514',
      severity: 'ERROR',
      table: 'price_point',
      constraint: 'price_point_usd_check',
    });
    expect(redactError(pg)).toBe('the database refused the operation: check_violation (SQLSTATE 23514) on table price_point, constraint price_point_usd_check');
    const down = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED', syscall: 'connect', address: '10.1.2.3', port: 5432 });
    expect(redactError(down)).toBe('connection failed: connection refused (ECONNREFUSED)');
    const ours = Object.assign(new Error('price_point is append-only'), { code: 'P0001', severity: 'ERROR' });
    expect(redactError(ours)).toBe('price_point is append-only');
  });

  it('other errors keep their message, redacted', () => {
    expect(redactError(new Error(`GET https://u:${SECRET}@h.example/x?token=${SECRET} failed: Authorization: Bearer ${SECRET}`))).not.toContain(SECRET);
    expect(redactError(`plain ${SECRET}`)).toBe(`plain ${SECRET}`);
  });
});
