/**
 * The decision catalog is kept per catalog revision. Priced "now", it can also age without any
 * write, when a price dated in the future takes effect: once RESPONSE_CACHE_TTL_MS old, the next
 * decision starts a fresh read in the background and is answered with the catalog in hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { DecisionCatalogRepository } from '../../src/decision/decision-catalog.repository.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TTL_MS = 400;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { RESPONSE_CACHE_TTL_MS: String(TTL_MS) } });
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('decision catalog priced now', () => {
  it('picks up a price that takes effect later, without a write, and no decision waits for the reload', async () => {
    const pool = t.app.get<DatabaseConnection>(DATABASE_CONNECTION).pool;
    const repository = t.app.get(DecisionCatalogRepository);
    const offering = (await pool.query<{ id: number }>(
      `SELECT o.id FROM offering o JOIN provider p ON p.slug = o.provider_slug
        WHERE o.provider_slug = 'together' AND o.provider_model_id ILIKE '%llama-3.3-70b%' AND o.status = 'listed' LIMIT 1`,
    )).rows[0]!;
    const inputOf = async () => (await repository.load({})).offerings.find((o) => o.id === offering.id)?.lines.find((l) => l.component === 'input' && l.condition === null)?.usd;

    // Written now (a new revision), in force in 1.5 s.
    const takesEffect = Date.now() + 1_500;
    await pool.query(
      `INSERT INTO price_point (offering_id, component, unit, usd, valid_from, observed_at, source)
       VALUES ($1, 'input', '1M tokens', 7.77, $2, now(), 'manual')`,
      [offering.id, new Date(takesEffect)],
    );
    const before = await inputOf();
    expect(before).toBeDefined();
    expect(before).not.toBe('7.77');

    await sleep(Math.max(0, takesEffect - Date.now()) + TTL_MS + 100);
    // Aged: answered at once with the catalog in hand, while a fresh read starts.
    const started = performance.now();
    expect(await inputOf()).toBe(before);
    expect(performance.now() - started).toBeLessThan(1_000);
    // The fresh read lands, and the next decision sees the price now in force.
    let after: string | undefined;
    for (let i = 0; i < 50 && after !== '7.77'; i++) {
      await sleep(100);
      after = await inputOf();
    }
    expect(after).toBe('7.77');
  });
});
