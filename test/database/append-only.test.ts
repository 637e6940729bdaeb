import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';

import { createPgPool } from '../../src/database/pg-pool.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('price history is append-only in the database', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let pointId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
    pool = createPgPool(db.fields, 1);
    const { rows } = await pool.query<{ id: string }>('SELECT id::text FROM price_point ORDER BY id LIMIT 1');
    pointId = rows[0]!.id;
  });
  afterAll(async () => {
    await pool.end();
    await db.close();
  });

  it('rejects UPDATE of a price point', async () => {
    await expect(pool.query('UPDATE price_point SET usd = 0 WHERE id = $1', [pointId])).rejects.toThrow(/append-only/);
  });

  it('rejects DELETE of a price point', async () => {
    await expect(pool.query('DELETE FROM price_point WHERE id = $1', [pointId])).rejects.toThrow(/append-only/);
  });

  it('rejects TRUNCATE of the price history', async () => {
    await expect(pool.query('TRUNCATE price_point CASCADE')).rejects.toThrow(/append-only/);
  });

  it('rejects UPDATE of GPU prices and license versions', async () => {
    await expect(pool.query('UPDATE gpu_price SET usd_per_hour = 0')).rejects.toThrow(/append-only/);
    await expect(pool.query("UPDATE license_version SET version = 'x'")).rejects.toThrow(/append-only/);
  });

  it('still accepts new points, and refuses negative prices', async () => {
    const { rows } = await pool.query<{ offering_id: number }>('SELECT offering_id FROM price_point WHERE id = $1', [pointId]);
    const offeringId = rows[0]!.offering_id;
    await pool.query(
      `INSERT INTO price_point (offering_id, component, unit, usd, valid_from, observed_at, source)
       VALUES ($1, 'input', '1M tokens', 0.5, now(), now(), 'manual')`,
      [offeringId],
    );
    await expect(
      pool.query(
        `INSERT INTO price_point (offering_id, component, unit, usd, valid_from, observed_at, source)
         VALUES ($1, 'input', '1M tokens', -1, now(), now(), 'manual')`,
        [offeringId],
      ),
    ).rejects.toThrow(/price_point_usd_non_negative/);
  });
});
