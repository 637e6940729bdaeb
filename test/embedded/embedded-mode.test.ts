import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';

import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { DataDirLockedError, startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

async function bootEmbedded(dataDir: string) {
  // No DATABASE_URL: the service runs on PGlite under DATA_DIR.
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('embedded mode (no DATABASE_URL)', () => {
  let dataDir: string;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, loads the catalog, serves it, and keeps data across a restart', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'model-ledger-embedded-'));
    const first = await bootEmbedded(dataDir);
    const listed = await request(first.getHttpServer()).get('/v1/models?limit=200').expect(200);
    expect(listed.body.items.length).toBeGreaterThan(10);
    const connection = first.get<DatabaseConnection>(DATABASE_CONNECTION);
    expect(connection.embedded).toBe(true);
    // A row the seed would never write: it must survive the restart.
    await connection.pool.query(
      `INSERT INTO creator (slug, name, source) VALUES ('restart-marker', 'Restart marker', 'test')`,
    );
    // While the service runs, nothing else may open the same data directory.
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();

    const second = await bootEmbedded(dataDir);
    const again = await request(second.getHttpServer()).get('/v1/models?limit=200').expect(200);
    expect(again.body.items.length).toBe(listed.body.items.length);
    const marker = await second.get<DatabaseConnection>(DATABASE_CONNECTION).pool.query(
      `SELECT name FROM creator WHERE slug = 'restart-marker'`,
    );
    expect(marker.rows).toEqual([{ name: 'Restart marker' }]);
    await request(second.getHttpServer()).get('/health/ready').expect(200);
    await second.close();
    // initdb, migrations and the seed under PGlite (WASM) take a while on a busy two-core machine.
  }, 240_000);
});
