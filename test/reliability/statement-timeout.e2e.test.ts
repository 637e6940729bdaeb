/**
 * DATABASE_STATEMENT_TIMEOUT_MS: a statement that runs (or waits) longer is cancelled by the server
 * and its request answered 503 with Retry-After, instead of holding a connection for as long as the
 * query would take. Server mode only: the embedded database takes no session options.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/test-app.js';

const SERVER_MODE = inject('testDatabase').mode === 'server';

describe.skipIf(!SERVER_MODE)('a statement over DATABASE_STATEMENT_TIMEOUT_MS', () => {
  let t: TestApp;
  let locker: pg.Client;
  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_STATEMENT_TIMEOUT_MS: '300', RESPONSE_CACHE_ENTRIES: '0' } });
    locker = new pg.Client({ ...t.db.fields, application_name: 'reliability-locker' });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await t?.close();
  });

  it('is cancelled, and the request answered 503 with Retry-After; the next one passes', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE creator IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const blocked = await t.http.get('/v1/creators');
    const took = Date.now() - started;
    await locker.query('ROLLBACK');
    expect(blocked.status, blocked.text).toBe(503);
    expect(blocked.headers['retry-after']).toBe('5');
    expect(blocked.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/retry/) });
    expect(took).toBeLessThan(5_000);
    expect((await t.http.get('/v1/creators')).status).toBe(200);
  });
});
