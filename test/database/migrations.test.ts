import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';

import { createPgPool } from '../../src/database/pg-pool.js';
import {
  applyMigrations,
  diffMigrationsToSchema,
  embeddedShadowDatabase,
  readMigrationList,
  serverShadowDatabase,
} from '../../src/database/schema-engine.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('migrations', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
    pool = createPgPool(db.fields, 1);
  });
  afterAll(async () => {
    await pool.end();
    await db.close();
  });

  it('are recorded in _prisma_migrations with the checksum prisma migrate expects', async () => {
    const list = await readMigrationList();
    const { rows } = await pool.query<{ migration_name: string; finished_at: Date | null; checksum: string }>(
      'SELECT migration_name, finished_at, checksum FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(list.migrationDirectories.map((dir) => dir.path));
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    const { createHash } = await import('node:crypto');
    const first = list.migrationDirectories[0]!.migrationFile.content;
    expect(first.tag).toBe('ok');
    expect(rows[0]!.checksum).toBe(createHash('sha256').update(first.value).digest('hex'));
  });

  it('created every table of the catalog', async () => {
    const { rows } = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        'api_key', 'benchmark', 'benchmark_result', 'creator', 'deployment_profile', 'gpu_price', 'gpu_type',
        'license', 'license_version', 'model', 'model_alias', 'model_license', 'offering', 'offering_event',
        'price_point', 'quarantined_price', 'scrape_run',
      ]),
    );
  });

  it('applying again applies nothing', async () => {
    expect(await applyMigrations(pool)).toEqual([]);
  });

  it('agree with schema.prisma (no drift)', async () => {
    const shadow = db.mode === 'server' ? serverShadowDatabase(db.fields) : embeddedShadowDatabase();
    expect(await diffMigrationsToSchema(pool, shadow)).toBe('');
    // Replaying the migrations into a shadow PGlite (WASM) is slow on a busy machine.
  }, 240_000);
});
