/**
 * Builds a database holding the synthetic catalog: drop and create it, apply the migrations, load
 * the curated seed (its licenses, creators, benchmarks and GPU types are referenced), then COPY the
 * synthetic rows. Price points stream straight from the generator into COPY. For speed the load
 * runs with session_replication_role = replica (no FK checks, no row or statement triggers: the
 * generator only writes consistent rows, and the catalog revision is bumped once at the end) and
 * with price_point's secondary indexes dropped and rebuilt afterwards.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { createPgPool, formatDatabaseUrl, parseDatabaseUrl, type PgConnectionFields } from '../../src/database/pg-pool.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { applyMigrations } from '../../src/database/schema-engine.js';
import { loadCatalogSeed, seedCatalog } from '../seed-catalog.js';
import {
  copyArray,
  copyLine,
  describeShape,
  generateSyntheticCatalog,
  PRICE_POINT_COLUMNS,
  pricePointChunks,
  type SyntheticCatalog,
  type SyntheticOptions,
} from './synthetic-catalog.js';

export const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BuildResult {
  database: string;
  databaseUrl: string;
  options: SyntheticOptions;
  /** Rows in the database afterwards (curated seed included). */
  counts: Record<string, number>;
  /** Rows the synthetic COPY wrote per table. */
  copied: Record<string, number>;
  shape: ReturnType<typeof describeShape>;
  timings: Record<string, number>;
}

type Log = (message: string) => void;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The JSON kept as the database's comment, so a later run can tell what is loaded (--reuse). */
export function databaseMarker(options: SyntheticOptions): string {
  return JSON.stringify({ syntheticCatalog: 1, ...options });
}

export async function readDatabaseMarker(serverUrl: string, database: string): Promise<string | null> {
  const admin = new pg.Client({ ...parseDatabaseUrl(serverUrl), application_name: 'model-ledger-bench' });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ comment: string | null }>(
      'SELECT shobj_description(oid, $2) AS comment FROM pg_database WHERE datname = $1',
      [database, 'pg_database'],
    );
    return rows[0]?.comment ?? null;
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ ...parseDatabaseUrl(serverUrl), application_name: 'model-ledger-bench' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A copy of `template` (file copy: fast for a large database; nothing may be connected to it). */
export async function cloneDatabase(serverUrl: string, template: string, database: string): Promise<void> {
  const admin = new pg.Client({ ...parseDatabaseUrl(serverUrl), application_name: 'model-ledger-bench' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(template)} STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
}

export function databaseFields(serverUrl: string, database: string): PgConnectionFields {
  return { ...parseDatabaseUrl(serverUrl), database };
}

async function copyRows(client: pg.PoolClient, table: string, columns: readonly string[], chunks: Iterable<string>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks), stream);
  return stream.rowCount;
}

function* lines<T>(rows: readonly T[], toValues: (row: T) => (string | number | boolean | null | undefined)[], chunkRows = 5000) {
  for (let i = 0; i < rows.length; i += chunkRows) {
    yield rows.slice(i, i + chunkRows).map((row) => copyLine(toValues(row))).join('');
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** COPY every synthetic table; returns rows written per table. */
export async function loadSyntheticCatalog(client: pg.PoolClient, catalog: SyntheticCatalog, log: Log): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const copy = async (table: string, columns: readonly string[], chunks: Iterable<string>) => {
    const started = performance.now();
    counts[table] = await copyRows(client, table, columns, chunks);
    log(`  ${table}: ${counts[table].toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await copy('creator', ['slug', 'name', 'url', 'country', 'source'], lines(catalog.creators, (c) => [c.slug, c.name, c.url, c.country, 'synthetic']));
  await copy(
    'model',
    ['slug', 'name', 'family', 'creator_slug', 'kind', 'status', 'parameters_b', 'active_parameters_b', 'context_window',
      'max_output_tokens', 'input_modalities', 'output_modalities', 'release_date', 'knowledge_cutoff', 'license_id',
      'hugging_face_id', 'description', 'source'],
    lines(catalog.models, (m) => [
      m.slug, m.name, m.family, m.creatorSlug, m.kind, m.status, m.parametersB, m.activeParametersB, m.contextWindow,
      m.maxOutputTokens, copyArray(m.inputModalities), copyArray(m.outputModalities), m.releaseDate, m.knowledgeCutoff,
      m.licenseId, m.huggingFaceId, m.description, 'synthetic',
    ]),
  );
  await copy('model_alias', ['alias', 'model_slug', 'source'], lines(catalog.models, (m) => [m.alias, m.slug, 'synthetic']));
  await copy('model_license', ['model_slug', 'license_id', 'valid_from', 'source'], lines(catalog.models, (m) => [m.slug, m.licenseId, m.releaseDate, 'synthetic']));
  await copy(
    'benchmark_result',
    ['model_slug', 'benchmark_slug', 'score', 'setting', 'measured_on', 'source'],
    lines(catalog.benchmarkResults, (r) => [r.modelSlug, r.benchmarkSlug, r.score, '', r.measuredOn, 'synthetic']),
  );
  await copy(
    'provider',
    ['slug', 'name', 'kinds', 'url', 'pricing_model', 'description', 'source'],
    lines(catalog.providers, (p) => [p.slug, p.name, copyArray(p.kinds), p.url, p.pricingModel, `Synthetic provider (${p.kinds.join(', ')}).`, 'synthetic']),
  );
  await copy(
    'offering',
    ['id', 'provider_slug', 'model_slug', 'provider_model_id', 'status', 'listed_at', 'unlisted_at', 'supports_tool_calling',
      'supports_structured_output', 'supports_prompt_caching', 'supports_batch', 'supports_fine_tuning', 'supports_vision',
      'context_window', 'max_output_tokens', 'latency_ms_p50', 'throughput_tokens_per_sec', 'source'],
    lines(catalog.offerings, (o) => [
      o.id, o.providerSlug, o.modelSlug, o.providerModelId, o.status, iso(o.listedAt), o.unlistedAt === null ? null : iso(o.unlistedAt),
      o.toolCalling, o.structuredOutput, o.promptCaching, o.batch, o.fineTuning, o.vision, o.contextWindow, o.maxOutputTokens,
      o.latencyMsP50, o.throughput, 'synthetic',
    ]),
  );
  await client.query(`SELECT setval(pg_get_serial_sequence('offering', 'id'), (SELECT max(id) FROM offering))`);
  const events = catalog.offerings.flatMap((o) => [
    { offeringId: o.id, kind: 'listed', at: o.listedAt },
    ...(o.unlistedAt === null ? [] : [{ offeringId: o.id, kind: 'unlisted', at: o.unlistedAt }]),
  ]);
  await copy('offering_event', ['offering_id', 'kind', 'at', 'source'], lines(events, (e) => [e.offeringId, e.kind, iso(e.at), 'synthetic']));
  await copy('price_point', PRICE_POINT_COLUMNS, pricePointChunks(catalog));
  await copy(
    'gpu_price',
    ['gpu_slug', 'provider_slug', 'pricing_tier', 'usd_per_hour', 'valid_from', 'observed_at', 'source', 'source_url'],
    lines(catalog.gpuPrices, (g) => [g.gpuSlug, g.providerSlug, g.pricingTier, g.usdPerHour, iso(g.validFrom), iso(g.validFrom), 'synthetic', null]),
  );
  await copy(
    'deployment_profile',
    ['model_slug', 'gpu_slug', 'gpus_per_replica', 'sustained_tokens_per_second', 'runtime', 'infrastructure_usd_per_month', 'notes', 'source'],
    lines(catalog.deploymentProfiles, (d) => [
      d.modelSlug, d.gpuSlug, d.gpusPerReplica, d.sustainedTokensPerSecond, d.runtime, d.infrastructureUsdPerMonth, 'synthetic profile', 'synthetic',
    ]),
  );
  return counts;
}

/** Drops, creates, migrates, seeds and fills `database` with the synthetic catalog of `options`. */
export async function buildSyntheticDatabase({
  serverUrl = DEFAULT_SERVER_URL,
  database,
  options,
  log = (message) => console.log(message),
}: {
  serverUrl?: string;
  database: string;
  options: SyntheticOptions;
  log?: Log;
}): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[name] = Math.round(performance.now() - started) / 1000;
    log(`${name}: ${timings[name].toFixed(1)} s`);
    return result;
  };
  const fields = databaseFields(serverUrl, database);
  const databaseUrl = formatDatabaseUrl(fields);

  await time('create database', async () => {
    const admin = new pg.Client({ ...parseDatabaseUrl(serverUrl), application_name: 'model-ledger-bench' });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
    } finally {
      await admin.end();
    }
  });
  const pool = createPgPool(fields, 2);
  try {
    await time('migrate', () => applyMigrations(pool));
    const seed = await loadCatalogSeed();
    await time('seed catalog', async () => {
      const prisma = new PrismaService(pool);
      try {
        await seedCatalog(prisma, seed);
      } finally {
        await prisma.$disconnect();
      }
    });
    const catalog = await time('generate entities', () => generateSyntheticCatalog(options, seed));
    const client = await pool.connect();
    let counts: Record<string, number>;
    try {
      const { rows: indexes } = await client.query<{ name: string; definition: string }>(
        `SELECT i.indexname AS name, i.indexdef AS definition
           FROM pg_indexes i
          WHERE i.schemaname = 'public' AND i.tablename = 'price_point'
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      );
      await client.query('SET session_replication_role = replica');
      for (const index of indexes) await client.query(`DROP INDEX ${quoteIdent(index.name)}`);
      counts = await time('load (COPY)', () => loadSyntheticCatalog(client, catalog, log));
      await client.query('SET session_replication_role = DEFAULT');
      await time('rebuild price_point indexes', async () => {
        await client.query(`SET maintenance_work_mem = '1GB'`);
        await client.query('SET max_parallel_maintenance_workers = 2');
        for (const index of indexes) await client.query(index.definition);
      });
      await client.query('UPDATE catalog_revision SET revision = revision + 1, changed_at = now() WHERE id = 1');
      await time('vacuum analyze', () => client.query('VACUUM ANALYZE'));
      await client.query(`COMMENT ON DATABASE ${quoteIdent(database)} IS ${pg.escapeLiteral(databaseMarker(options))}`);
    } finally {
      client.release();
    }
    const { rows } = await pool.query<{ table: string; rows: string }>(
      `SELECT 'model' AS table, count(*)::text AS rows FROM model UNION ALL
       SELECT 'provider', count(*)::text FROM provider UNION ALL
       SELECT 'offering', count(*)::text FROM offering UNION ALL
       SELECT 'price_point', count(*)::text FROM price_point UNION ALL
       SELECT 'benchmark_result', count(*)::text FROM benchmark_result UNION ALL
       SELECT 'gpu_price', count(*)::text FROM gpu_price UNION ALL
       SELECT 'deployment_profile', count(*)::text FROM deployment_profile`,
    );
    const totals = Object.fromEntries(rows.map((row) => [row.table, Number(row.rows)]));
    log(`loaded (with the curated seed): ${Object.entries(totals).map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`).join(', ')}`);
    return { database, databaseUrl, options, counts: totals, copied: counts, shape: describeShape(catalog), timings };
  } finally {
    await pool.end();
  }
}
