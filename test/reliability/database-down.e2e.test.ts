/**
 * The database goes away and comes back. A PostgreSQL cluster of the test's own (never the shared
 * one): initdb into a temp folder owned by the `postgres` OS user (PostgreSQL refuses to run as
 * root, so initdb/pg_ctl run through `runuser -u postgres --` when the tests run as root), started
 * on a free port; the schema and catalog come from the app itself (MIGRATE_ON_START, SEED_ON_START).
 * Then: stop the cluster -> readiness and uncached reads answer 503 quickly (no hang, no 500);
 * start it again -> the same app answers again within seconds, without a restart.
 *
 * Needs the PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin) and, as root, runuser:
 * skipped otherwise. Independent of DATABASE_URL, so it runs the same in both modes.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { INTERNAL_ERROR_MESSAGE, listen, rawRequest, waitFor } from './reliability-support.js';

const run = promisify(execFile);

function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, 'bin', 'pg_ctl')) && existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0]!, 'bin') : null;
}

const BIN = findBinDir();
const IS_ROOT = process.getuid?.() === 0;
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((candidate) => existsSync(candidate));
const CAN_RUN = BIN !== null && (!IS_ROOT || RUNUSER !== undefined);
const SKIP_REASON = BIN === null ? 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin' : 'running as root without runuser';

/** Runs a PostgreSQL binary as the postgres OS user (as root) or as ourselves. */
async function pgBinary(name: string, args: string[], cwd: string, timeout = 60_000) {
  const binary = path.join(BIN!, name);
  const [command, argv] = IS_ROOT ? [RUNUSER!, ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  return run(command, argv, { cwd, timeout });
}

async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 55432 + Math.floor(Math.random() * 2000);
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port in 55432-57431');
}

class OwnCluster {
  readonly dataDir: string;
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.dataDir = path.join(dir, 'data');
  }

  static async create(): Promise<OwnCluster> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ml-db-down-'));
    if (IS_ROOT) {
      const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
      const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
      await chown(dir, uid, gid);
    }
    const cluster = new OwnCluster(dir, await freePort());
    await pgBinary('initdb', ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions'], dir);
    await cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/model_ledger`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=off -c full_page_writes=off`;
    await pgBinary('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', path.join(this.dir, 'server.log'), '-w', '-t', '30', 'start'], this.dir);
  }

  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await pgBinary('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '30', 'stop'], this.dir);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

describe.skipIf(!CAN_RUN)(`the database goes down and comes back (own cluster${CAN_RUN ? '' : `; skipped: ${SKIP_REASON}`})`, () => {
  let cluster: OwnCluster;
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    cluster = await OwnCluster.create();
    const admin = new pg.Client({ host: '127.0.0.1', port: cluster.port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query('CREATE DATABASE model_ledger');
    await admin.end();
    app = await createApp(
      loadConfig({
        DATABASE_URL: cluster.url,
        DATABASE_POOL_SIZE: '4',
        LOG_LEVEL: 'silent',
        MIGRATE_ON_START: 'true',
        SEED_ON_START: 'true',
        RATE_LIMIT_PER_MINUTE: '1000000',
      }),
    );
    await app.init();
    port = await listen(app);
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await cluster?.destroy();
  });

  const get = (pathname: string, timeoutMs = 8_000) => rawRequest(port, { method: 'GET', path: pathname, timeoutMs });

  it('serves normally with the cluster up (schema migrated and catalog seeded by the app)', async () => {
    expect((await get('/health/ready')).status).toBe(200);
    const model = await get('/v1/models/gpt-4o');
    expect(model.status).toBe(200);
    expect((model.json as { slug: string }).slug).toBe('gpt-4o');
  });

  it('with the cluster stopped: /health/ready is 503 and uncached reads are 503 + Retry-After, within seconds', async () => {
    await cluster.stop('fast');

    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(5_000);
    expect(JSON.stringify(ready.json)).toMatch(/database/);

    for (const pathname of ['/v1/models/gpt-4o?while-down=1', '/v1/models?limit=3', '/v1/compare?models=gpt-4o,llama-3-3-70b', '/v1/creators?format=csv']) {
      const res = await get(pathname);
      expect(res.status, `${pathname}: ${res.text}`).toBe(503);
      expect(res.ms, pathname).toBeLessThan(5_000);
      expect(res.headers['retry-after'], pathname).toBe('5');
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json).toMatchObject({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/database is unavailable/) });
    }
    // Liveness says nothing of the database.
    expect((await get('/health/live')).status).toBe(200);
  });

  it('with the cluster stopped: a write is refused with 503 too', async () => {
    const write = await rawRequest(port, { method: 'POST', path: '/v1/license-check', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'llama-3-3-70b' }), timeoutMs: 8_000 });
    expect(write.status, write.text).toBe(503);
    expect(write.ms).toBeLessThan(5_000);
    expect(write.headers['retry-after']).toBe('5');
  });

  // GraphQL used to answer 200 {"data":{"model":null},"errors":[{"message":"Invalid
  // `this.prisma.model.findUnique()` invocation in /work/main/src/... Can't reach database server at
  // 127.0.0.1:<port>"}]}: a success, a null that reads as "no such model", and internals leaked.
  it('with the cluster stopped: GraphQL answers 503 with Retry-After and a coded error, without internals', async () => {
    const graphql = await rawRequest(port, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ model(slug: "claude-3-5-sonnet") { slug } }' }), timeoutMs: 8_000 });
    expect(graphql.ms).toBeLessThan(5_000);
    expect(graphql.status, graphql.text).toBe(503);
    expect(graphql.headers['retry-after']).toBe('5');
    expect(graphql.text).not.toMatch(INTERNAL_ERROR_MESSAGE);
    expect(graphql.text).not.toContain('127.0.0.1');
    const errors = (graphql.json as { errors: { message: string; extensions: { code: string } }[] }).errors;
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/database is unavailable/), extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('with the cluster started again: ready within 15 s and the API answers, without restarting the app', async () => {
    await cluster.start();
    const started = Date.now();
    await waitFor(async () => ((await get('/health/ready', 3_000)).status === 200 ? true : undefined), 15_000, 250);
    expect(Date.now() - started).toBeLessThan(15_000);
    const model = await get('/v1/models/gpt-4o?after-restart=1');
    expect(model.status).toBe(200);
    expect((model.json as { slug: string }).slug).toBe('gpt-4o');
    const graphql = await rawRequest(port, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ model(slug: "claude-3-5-sonnet") { slug } }' }) });
    expect(graphql.status).toBe(200);
    expect((graphql.json as { data: { model: { slug: string } } }).data.model.slug).toBe('claude-3-5-sonnet');
  });

  it('survives a second outage: a crash (immediate stop) and a restart', async () => {
    await cluster.stop('immediate');
    expect((await get('/health/ready')).status).toBe(503);
    expect((await get('/v1/models/gpt-4o?second-outage=1')).status).toBe(503);
    await cluster.start();
    await waitFor(async () => ((await get('/v1/models/gpt-4o?second-restart=1', 3_000)).status === 200 ? true : undefined), 15_000, 250);
  });
});
