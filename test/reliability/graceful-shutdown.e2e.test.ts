/**
 * Graceful shutdown: app.close() (what SIGTERM triggers through enableShutdownHooks) while a
 * request is in flight must let that request finish with its answer.
 *
 * Requests are made slow by holding a lock on a table they read, from another connection (server
 * mode: in embedded mode that connection would share PGlite's single session, so nothing would
 * wait), or by a delay put into the service they call, which also says when the request is inside
 * the app (both modes).
 */
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';

import { CreatorsService } from '../../src/catalog/creators/creators.service.js';
import { ModelsRepository } from '../../src/catalog/models/models.repository.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { listen, rawRequest, sleep, waitFor, type RawResponse } from './reliability-support.js';

const SERVER_MODE = inject('testDatabase').mode === 'server';

let t: TestApp | undefined;
let locker: pg.Client | undefined;
afterEach(async () => {
  await locker?.query('ROLLBACK').catch(() => undefined);
  await locker?.end().catch(() => undefined);
  locker = undefined;
  // close() twice is harmless; the database goes in any case.
  await t?.app.close().catch(() => undefined);
  await t?.db.close().catch(() => undefined);
  t = undefined;
});

/** Holds `LOCK TABLE <table>` in an open transaction until released; resolves once a query waits on it. */
async function holdLock(test: TestApp, table: string) {
  locker = new pg.Client({ ...test.db.fields, application_name: 'reliability-locker' });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  const client = locker;
  return {
    // pg_stat_activity is read once per transaction unless its snapshot is cleared.
    waiting: () =>
      waitFor(
        async () => {
          await client.query('SELECT pg_stat_clear_snapshot()');
          const { rowCount } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'model-ledger' AND datname = current_database()`);
          return rowCount ? true : undefined;
        },
        10_000,
        20,
      ),
    release: () => client.query('COMMIT'),
  };
}

/** Starts close() while `inFlight` is pending, then lets the request go on after `delayMs`. */
async function closeDuring(test: TestApp, inFlight: Promise<RawResponse>, releaseAfter: () => Promise<unknown>) {
  let closed = false;
  const closing = test.app.close().then(() => (closed = true));
  await sleep(300);
  expect(closed, 'close() must wait for the request in flight').toBe(false);
  await releaseAfter();
  const res = await inFlight;
  await closing;
  return res;
}

describe('app.close() with a request in flight', () => {
  it.skipIf(!SERVER_MODE)('a REST read waiting ~1 s on a locked table still gets its 200', { timeout: 60_000 }, async () => {
    t = await startTestApp();
    const port = await listen(t.app);
    const lock = await holdLock(t, 'creator');
    const inFlight = rawRequest(port, { method: 'GET', path: '/v1/creators?format=json', timeoutMs: 20_000 });
    await lock.waiting();
    const res = await closeDuring(t, inFlight, async () => {
      await sleep(700);
      await lock.release();
    });
    expect(res.status, res.text).toBe(200);
    expect((res.json as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  // The request waits in the response cache's revision query (catalog_revision locked) when close()
  // starts; once the lock goes, the route still needs the pool for its own queries.
  it.skipIf(!SERVER_MODE)('a REST read waiting in its first query, with more to run, still gets its 200', { timeout: 60_000 }, async () => {
    t = await startTestApp();
    const port = await listen(t.app);
    const lock = await holdLock(t, 'catalog_revision');
    const inFlight = rawRequest(port, { method: 'GET', path: '/v1/models/gpt-4o?during-shutdown=2', timeoutMs: 20_000 });
    await lock.waiting();
    const res = await closeDuring(t, inFlight, async () => {
      await sleep(700);
      await lock.release();
    });
    expect(res.status, res.text).toBe(200);
    expect((res.json as { slug: string }).slug).toBe('gpt-4o');
  });

  /** Makes `method` of a provider signal when a request reaches it, then take 800 ms more. */
  function slowDown<T extends object, K extends keyof T>(target: T, method: K): Promise<void> {
    let entered!: () => void;
    const reached = new Promise<void>((resolve) => (entered = resolve));
    const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
    (target as Record<K, unknown>)[method] = async (...args: unknown[]) => {
      entered();
      await sleep(800);
      return original(...args);
    };
    return reached;
  }

  it('a REST read that is inside its service when close() starts still gets its 200', { timeout: 60_000 }, async () => {
    t = await startTestApp();
    const port = await listen(t.app);
    const reached = slowDown(t.app.get(CreatorsService), 'list');
    const inFlight = rawRequest(port, { method: 'GET', path: '/v1/creators', timeoutMs: 20_000 });
    await reached;
    const closing = t.app.close();
    const res = await inFlight;
    await closing;
    expect(res.status, res.text).toBe(200);
    expect((res.json as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('a GraphQL query over many models that is inside its resolver when close() starts still gets its 200', { timeout: 60_000 }, async () => {
    t = await startTestApp();
    const port = await listen(t.app);
    const reached = slowDown(t.app.get(ModelsRepository), 'list');
    // As large as the cost limit (5,000) lets through; the rest of the work comes after the delay.
    const query = `{ models(first: 50, filter: { status: "all" }) { nodes { slug name aliases license { id terms }
        benchmarkResults { score setting source } offerings(status: "all") { providerModelId currentPrices { usd unit component } } cheapestOffering { input output } } } }`;
    const inFlight = rawRequest(port, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), timeoutMs: 30_000 });
    await reached;
    const closing = t.app.close();
    const res = await inFlight;
    await closing;
    expect(res.status, res.text.slice(0, 500)).toBe(200);
    const body = res.json as { data?: { models: { nodes: unknown[] } }; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)?.slice(0, 500)).toBeUndefined();
    expect(body.data!.models.nodes.length).toBeGreaterThan(20);
  });
});
