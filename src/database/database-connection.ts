import type pg from 'pg';

import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { createPgPool, parseDatabaseUrl, SERVER_SESSION_OPTIONS, serviceSessionOptions, type PgConnectionFields } from './pg-pool.js';
import { applyMigrations } from './schema-engine.js';

/** Injection token of the open DatabaseConnection. */
export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

/** An open database: a real server (DATABASE_URL) or the embedded one, with migrations applied if asked. */
export interface DatabaseConnection {
  embedded: boolean;
  fields: PgConnectionFields;
  pool: pg.Pool;
  appliedMigrations: string[];
  close(): Promise<void>;
}

export async function openDatabaseConnection(
  config: AppConfig,
  options: { migrate: boolean },
): Promise<DatabaseConnection> {
  if (config.DATABASE_URL) {
    const fields = parseDatabaseUrl(config.DATABASE_URL);
    // Migrations on a connection of their own, without the statement timeout (an index build may
    // take minutes).
    let appliedMigrations: string[] = [];
    if (options.migrate) {
      const migrationPool = createPgPool(fields, 1, SERVER_SESSION_OPTIONS);
      try {
        appliedMigrations = await applyMigrations(migrationPool);
      } finally {
        await migrationPool.end();
      }
    }
    const pool = createPgPool(fields, config.DATABASE_POOL_SIZE, serviceSessionOptions(config.DATABASE_STATEMENT_TIMEOUT_MS));
    return { embedded: false, fields, pool, appliedMigrations, close: () => pool.end() };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR });
  const pool = createPgPool(embedded.fields, 1);
  try {
    // The embedded database is ours alone: it is always brought up to date.
    const appliedMigrations = await applyMigrations(pool);
    return {
      embedded: true,
      fields: embedded.fields,
      pool,
      appliedMigrations,
      async close() {
        await pool.end();
        await embedded.stop();
      },
    };
  } catch (error) {
    await pool.end();
    await embedded.stop();
    throw error;
  }
}
