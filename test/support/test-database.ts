/**
 * A fresh database per test file, cloned from a template that global-setup migrated (and seeded):
 * on a real PostgreSQL (DATABASE_URL) with CREATE DATABASE ... TEMPLATE, otherwise on an in-memory
 * PGlite loaded from a dump of the template. Either way the app connects over the wire protocol.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';

import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { formatDatabaseUrl, type PgConnectionFields } from '../../src/database/pg-pool.js';

export type TestDatabaseTemplates =
  | { mode: 'server'; admin: PgConnectionFields; migrated: string; seeded: string }
  | { mode: 'embedded'; migratedDump: string; seededDump: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseTemplates;
  }
}

export interface TestDatabase {
  url: string;
  fields: PgConnectionFields;
  /** Connections the app may open: PGlite serves one. */
  poolSize: number;
  mode: 'server' | 'embedded';
  close(): Promise<void>;
}

export async function createTestDatabase(options: { seeded?: boolean } = {}): Promise<TestDatabase> {
  const templates = inject('testDatabase');
  const seeded = options.seeded ?? true;
  if (templates.mode === 'server') {
    const name = `ml_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client(templates.admin);
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${seeded ? templates.seeded : templates.migrated}"`);
    } finally {
      await admin.end();
    }
    const fields = { ...templates.admin, database: name };
    return {
      url: formatDatabaseUrl(fields),
      fields,
      poolSize: 5,
      mode: 'server',
      async close() {
        const client = new pg.Client(templates.admin);
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dump = await readFile(seeded ? templates.seededDump : templates.migratedDump);
  const embedded = await startEmbeddedPostgres({ loadDataDir: new Blob([dump]) });
  return {
    url: formatDatabaseUrl(embedded.fields),
    fields: embedded.fields,
    poolSize: 1,
    mode: 'embedded',
    close: () => embedded.stop(),
  };
}
