/**
 * Prepares the two templates every test file clones: "migrated" (schema only) and "seeded"
 * (schema + curated catalog). With DATABASE_URL they are databases on that server; without it,
 * dumps of an in-memory PGlite.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

import { loadCatalogSeed, seedCatalog } from '../../seed/seed-catalog.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { createPgPool, parseDatabaseUrl, type PgConnectionFields } from '../../src/database/pg-pool.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { applyMigrations } from '../../src/database/schema-engine.js';

async function migrateAndSeed(fields: PgConnectionFields, poolSize: number, seed: boolean): Promise<void> {
  const pool = createPgPool(fields, poolSize);
  try {
    await applyMigrations(pool);
    if (seed) {
      const prisma = new PrismaService(pool);
      await seedCatalog(prisma, await loadCatalogSeed());
      await prisma.$disconnect();
    }
  } finally {
    await pool.end();
  }
}

type Templates =
  | { mode: 'server'; admin: PgConnectionFields; migrated: string; seeded: string }
  | { mode: 'embedded'; migratedDump: string; seededDump: string };

/**
 * The e2e and browser projects share one set of templates: vitest runs each project's global
 * setup in this same process, at the same time, and the schema engine (WASM) is not reentrant.
 * The first caller prepares them; the last one to finish tears them down.
 */
interface Shared {
  templates?: Promise<{ templates: Templates; teardown: () => Promise<void> }>;
  users: number;
}
// On globalThis: each project loads this file as a module of its own.
const SHARED = Symbol.for('model-ledger.test-templates');
const shared = ((globalThis as Record<symbol, Shared | undefined>)[SHARED] ??= { users: 0 });

export default async function setup(project: TestProject) {
  shared.users++;
  shared.templates ??= prepare();
  const { templates, teardown } = await shared.templates;
  project.provide('testDatabase', templates);
  return async () => {
    if (--shared.users === 0) {
      shared.templates = undefined;
      await teardown();
    }
  };
}

async function prepare(): Promise<{ templates: Templates; teardown: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = parseDatabaseUrl(url);
    const suffix = `${process.pid}_${Date.now().toString(36)}`;
    const migrated = `ml_tpl_migrated_${suffix}`;
    const seeded = `ml_tpl_seeded_${suffix}`;
    const client = new pg.Client(admin);
    await client.connect();
    await client.query(`CREATE DATABASE "${migrated}"`);
    await migrateAndSeed({ ...admin, database: migrated }, 2, false);
    await client.query(`CREATE DATABASE "${seeded}" TEMPLATE "${migrated}"`);
    await migrateAndSeed({ ...admin, database: seeded }, 2, true);
    await client.end();
    return {
      templates: { mode: 'server', admin, migrated, seeded },
      teardown: async () => {
        const cleanup = new pg.Client(admin);
        await cleanup.connect();
        for (const name of [seeded, migrated]) await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'model-ledger-test-'));
  const embedded = await startEmbeddedPostgres();
  try {
    await migrateAndSeed(embedded.fields, 1, false);
    const migratedDump = path.join(dir, 'migrated.tar.gz');
    await writeFile(migratedDump, Buffer.from(await (await embedded.db.dumpDataDir('gzip')).arrayBuffer()));
    await migrateAndSeed(embedded.fields, 1, true);
    const seededDump = path.join(dir, 'seeded.tar.gz');
    await writeFile(seededDump, Buffer.from(await (await embedded.db.dumpDataDir('gzip')).arrayBuffer()));
    return { templates: { mode: 'embedded', migratedDump, seededDump }, teardown: () => rm(dir, { recursive: true, force: true }) };
  } finally {
    await embedded.stop();
  }
}
