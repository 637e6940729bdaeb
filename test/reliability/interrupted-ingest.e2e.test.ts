/**
 * A scrape CLI killed (SIGKILL) in the middle of its ingest transaction leaves nothing behind but its
 * run row, still 'running'; the next run of that source completes and marks the dead run failed
 * ('interrupted: ...').
 *
 * The CLI runs as its own process from dist/ (built here if missing) on a LiteLLM file of 10,000 new
 * offerings, so the transaction lasts long enough to be caught. It is killed once the database shows
 * its backend holding write locks on offering/price_point inside an open transaction.
 *
 * Server mode only (DATABASE_URL): in embedded mode the test database is one PGlite session served
 * over a socket, so a second process's transaction would share the test's session (and nothing
 * rolls it back when that process dies); an embedded CLI owns its PGlite in-process instead.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { loadConfig } from '../../src/config/app-config.js';
import { openDatabaseConnection, type DatabaseConnection } from '../../src/database/database-connection.js';
import { IngestService } from '../../src/ingest/ingest.service.js';
import { ScrapeRunnerService } from '../../src/ingest/scrape-runner.service.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { waitFor } from './reliability-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/ingest/cli/scrape.cli.js');
const ENTRIES = 10_000;
const AS_OF = '2026-01-01';
const SERVER_MODE = inject('testDatabase').mode === 'server';

/** A LiteLLM map of ENTRIES chat models at openai, none of them in the catalog. */
function bigLitellmFile(): string {
  const tag = randomBytes(4).toString('hex');
  const map: Record<string, unknown> = {};
  for (let i = 0; i < ENTRIES; i++) {
    map[`reliability-${tag}-model-${i}`] = {
      litellm_provider: 'openai',
      mode: 'chat',
      input_cost_per_token: Number(((1 + (i % 97)) * 1e-7).toPrecision(6)),
      output_cost_per_token: Number(((1 + (i % 89)) * 4e-7).toPrecision(6)),
      max_input_tokens: 128_000,
    };
  }
  return JSON.stringify(map);
}

describe.skipIf(!SERVER_MODE)('a scrape process killed mid-transaction (server mode only: see the header)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let dir: string;
  let file: string;
  let child: ChildProcess | undefined;
  let killedRunId: number;
  let before: Record<string, number>;

  const count = async (sql: string, params: unknown[] = []) => Number((await pool.query(sql, params)).rows[0].n);
  const catalogCounts = async () => ({
    price_point: await count('SELECT count(*)::int AS n FROM price_point'),
    offering: await count('SELECT count(*)::int AS n FROM offering'),
    model: await count('SELECT count(*)::int AS n FROM model'),
    offering_event: await count('SELECT count(*)::int AS n FROM offering_event'),
    quarantined_price: await count('SELECT count(*)::int AS n FROM quarantined_price'),
  });

  beforeAll(async () => {
    if (!existsSync(CLI)) await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 170_000 });
    db = await createTestDatabase({ seeded: true });
    pool = new pg.Pool({ ...db.fields, max: 2, application_name: 'reliability-observer' });
    dir = await mkdtemp(path.join(os.tmpdir(), 'ml-interrupted-'));
    file = path.join(dir, 'model_prices_and_context_window.json');
    await writeFile(file, bigLitellmFile());
    before = await catalogCounts();
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await pool?.end();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('SIGKILL while the run writes: no rows of that run exist, its row is still running', { timeout: 120_000 }, async () => {
    let output = '';
    child = spawn(process.execPath, [CLI, 'litellm', '--file', file, '--as-of', AS_OF], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, DATABASE_POOL_SIZE: '2', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));

    // Mid-transaction: the CLI's backend holds row-exclusive locks on the catalog tables it inserts
    // into, inside a transaction that has written (an xid), while its run row says 'running'.
    const caught = await waitFor(
      async () => {
        if (child!.exitCode !== null) throw new Error(`the CLI finished before it could be killed (make the payload larger):\n${output}`);
        const { rows } = await pool.query<{ run_id: number; pid: number; relation: string }>(
          `SELECT r.id AS run_id, a.pid, c.relname AS relation
             FROM scrape_run r
             JOIN pg_stat_activity a ON a.datname = current_database() AND a.application_name = 'model-ledger' AND a.backend_xid IS NOT NULL
             JOIN pg_locks l ON l.pid = a.pid AND l.mode = 'RowExclusiveLock' AND l.granted
             JOIN pg_class c ON c.oid = l.relation AND c.relname IN ('offering', 'price_point')
            WHERE r.source = 'litellm' AND r.status = 'running' AND r.payload_sha256 IS NOT NULL
            ORDER BY r.id DESC LIMIT 1`,
        );
        return rows[0];
      },
      90_000,
      10,
    );
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    killedRunId = caught.run_id;

    // The server notices the dead client and rolls its transaction back; the backend goes away.
    await waitFor(async () => ((await count('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [caught.pid])) === 0 ? true : undefined), 30_000, 50);

    const run = (await pool.query('SELECT status, payload_sha256, finished_at FROM scrape_run WHERE id = $1', [killedRunId])).rows[0];
    expect(run).toMatchObject({ status: 'running', finished_at: null });
    expect(run.payload_sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const table of ['price_point', 'offering', 'model', 'offering_event', 'quarantined_price']) {
      expect(await count(`SELECT count(*)::int AS n FROM ${table} WHERE scrape_run_id = $1`, [killedRunId]), table).toBe(0);
    }
    expect(await catalogCounts()).toEqual(before);
  });

  it('the next run of the source completes, and marks the killed run failed "interrupted"', { timeout: 120_000 }, async () => {
    expect(killedRunId).toBeGreaterThan(0);
    const config = loadConfig({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '2', LOG_LEVEL: 'silent' });
    let connection: DatabaseConnection | undefined;
    let ingest: IngestService | undefined;
    try {
      connection = await openDatabaseConnection(config, { migrate: false });
      ingest = new IngestService(connection, config);
      const runner = new ScrapeRunnerService(ingest, config);
      const outcome = await runner.run({ source: 'litellm', file, asOf: new Date(`${AS_OF}T00:00:00Z`), trigger: 'cli' });
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'succeeded', error: null });
      expect(outcome.runId).toBeGreaterThan(killedRunId);
      expect(outcome.counts.seen).toBe(ENTRIES);

      const killed = (await pool.query('SELECT status, error, finished_at FROM scrape_run WHERE id = $1', [killedRunId])).rows[0];
      expect(killed.status).toBe('failed');
      expect(killed.error).toContain('interrupted');
      expect(killed.finished_at).not.toBeNull();

      // Everything the file holds, once: one offering per entry, input and output price each.
      expect(await count('SELECT count(*)::int AS n FROM offering WHERE scrape_run_id = $1', [outcome.runId])).toBe(ENTRIES);
      expect(await count('SELECT count(*)::int AS n FROM price_point WHERE scrape_run_id = $1', [outcome.runId])).toBe(2 * ENTRIES);
      expect(
        await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM price_point GROUP BY offering_id, component, condition_key, valid_from, source HAVING count(*) > 1) d`),
      ).toBe(0);
      expect(await count("SELECT count(*)::int AS n FROM scrape_run WHERE source = 'litellm' AND status = 'running'")).toBe(0);
    } finally {
      await ingest?.onApplicationShutdown();
      await connection?.close();
    }
  });
});
