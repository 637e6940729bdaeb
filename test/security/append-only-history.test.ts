/**
 * The history cannot be rewritten or emptied (issue #14, class 7): every append-only table refuses
 * UPDATE, DELETE and TRUNCATE, also TRUNCATE ... CASCADE of any table whose foreign keys reach it,
 * a DELETE of a parent that would cascade into it, and all of it in a session that sets
 * session_replication_role = replica. `TRUNCATE offering_event CASCADE` (and license_version,
 * model_license) used to succeed.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createPgPool } from '../../src/database/pg-pool.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** The append-only tables (README, "Data model and history"), each with a column UPDATE may try. */
const HISTORY: Record<string, string> = {
  price_point: 'usd = 0',
  gpu_price: 'usd_per_hour = 0',
  offering_event: "source = 'rewritten'",
  license_version: "version = 'rewritten'",
  model_license: "source = 'rewritten'",
};
const TABLES = Object.keys(HISTORY);
const REFUSED = /is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/;

let db: TestDatabase;
let pool: pg.Pool;
let countsBefore: Record<string, number>;

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) result[table] = Number((await pool.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  return result;
}

/** Runs a statement in a transaction that is rolled back whatever happens: a statement that should have been refused changes nothing. */
async function attempt(sql: string, options: { replica?: boolean } = {}): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (options.replica) await client.query('SET LOCAL session_replication_role = replica');
    await client.query(sql);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

/** Every table from which TRUNCATE ... CASCADE reaches `table` through foreign keys (itself included). */
async function tablesReaching(table: string): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `WITH RECURSIVE reach(rel) AS (
       SELECT $1::regclass
       UNION
       SELECT c.confrelid FROM pg_constraint c JOIN reach r ON c.conrelid = r.rel WHERE c.contype = 'f'
     )
     SELECT rel::regclass::text AS name FROM reach ORDER BY 1`,
    [table],
  );
  return rows.map((row) => row.name.replaceAll('"', ''));
}

beforeAll(async () => {
  db = await createTestDatabase({ seeded: true });
  pool = createPgPool(db.fields, 1);
  // The seed writes no listing events: append one (appending is allowed) so there is a row to protect.
  await pool.query(`INSERT INTO offering_event (offering_id, kind, at, source) SELECT id, 'listed', now(), 'manual' FROM offering ORDER BY id LIMIT 2`);
  countsBefore = await counts();
});

afterAll(async () => {
  await pool?.end();
  await db?.close();
});

describe('append-only history tables', () => {
  it('every one of them has rows to refuse changing', () => {
    for (const table of TABLES) expect(countsBefore[table], table).toBeGreaterThan(0);
  });

  describe.each(TABLES)('%s', (table) => {
    it.each([
      ['UPDATE of one row', `UPDATE "${table}" SET ${HISTORY[table]} WHERE id = (SELECT min(id) FROM "${table}")`],
      ['UPDATE of every row', `UPDATE "${table}" SET ${HISTORY[table]}`],
      ['DELETE of one row', `DELETE FROM "${table}" WHERE id = (SELECT min(id) FROM "${table}")`],
      ['DELETE of every row', `DELETE FROM "${table}"`],
      ['TRUNCATE', `TRUNCATE "${table}"`],
      ['TRUNCATE ... CASCADE', `TRUNCATE "${table}" CASCADE`],
      ['TRUNCATE ... RESTART IDENTITY CASCADE', `TRUNCATE TABLE ONLY "${table}" RESTART IDENTITY CASCADE`],
    ])('refuses %s', async (_name, sql) => {
      await expect(attempt(sql)).rejects.toThrow(REFUSED);
    });

    it.each([
      ['UPDATE', `UPDATE "${table}" SET ${HISTORY[table]}`],
      ['DELETE', `DELETE FROM "${table}"`],
      ['TRUNCATE', `TRUNCATE "${table}" CASCADE`],
    ])('refuses %s also with session_replication_role = replica', async (_name, sql) => {
      await expect(attempt(sql, { replica: true })).rejects.toThrow(REFUSED);
    });

    it('refuses TRUNCATE ... CASCADE of every table whose foreign keys reach it (parents, grandparents)', async () => {
      const parents = (await tablesReaching(table)).filter((name) => name !== table);
      expect(parents.length).toBeGreaterThan(0);
      for (const parent of parents) {
        await expect(attempt(`TRUNCATE "${parent}" CASCADE`), `TRUNCATE ${parent} CASCADE`).rejects.toThrow(/is append-only: TRUNCATE is not allowed/);
      }
    });
  });

  it('names the parents the issue names: offering, license and model reach their history', async () => {
    expect(await tablesReaching('offering_event')).toContain('offering');
    expect(await tablesReaching('license_version')).toContain('license');
    expect(await tablesReaching('model_license')).toEqual(expect.arrayContaining(['model', 'license', 'creator']));
    for (const parent of ['offering', 'license', 'model', 'provider', 'gpu_type', 'scrape_run', 'creator']) {
      await expect(attempt(`TRUNCATE "${parent}" CASCADE`), parent).rejects.toThrow(/is append-only: TRUNCATE is not allowed/);
    }
  });

  it('a DELETE of a parent row that would cascade into the history is refused (model -> model_license)', async () => {
    const { rows } = await pool.query<{ model_slug: string }>('SELECT model_slug FROM model_license LIMIT 1');
    await expect(attempt(`DELETE FROM model WHERE slug = '${rows[0]!.model_slug.replaceAll("'", "''")}'`)).rejects.toThrow();
  });

  it('tables the history does not hang from can still be truncated (the refusal is about the history, not every TRUNCATE)', async () => {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY 1`,
    );
    const reaching = new Set((await Promise.all(TABLES.map(tablesReaching))).flat());
    const free = rows.map((row) => row.name).filter((name) => !reaching.has(name));
    expect(free).toContain('api_key');
    for (const name of free) await expect(attempt(`TRUNCATE "${name}" CASCADE`), name).resolves.toBeUndefined();
  });

  it('new rows are still appended', async () => {
    const { rows } = await pool.query<{ id: number }>('SELECT id FROM offering ORDER BY id LIMIT 1');
    await attempt(`INSERT INTO offering_event (offering_id, kind, at, source) VALUES (${rows[0]!.id}, 'listed', now(), 'manual')`);
    await attempt(
      `INSERT INTO model_license (model_slug, license_id, valid_from, source) SELECT slug, license_id, now(), 'manual' FROM model WHERE license_id IS NOT NULL LIMIT 1`,
    );
  });

  it('after all the attempts, every history table holds what it held', async () => {
    expect(await counts()).toEqual(countsBefore);
  });
});
