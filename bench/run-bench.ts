/**
 * `npm run bench` (after `npm run build`): the benchmark harness. See BENCHMARKS.md.
 *
 *   node dist/bench/run-bench.js [--quick] [--reuse] [--scale X] [--seed N] [--duration S]
 *     [--warmup S] [--connections N] [--only id,id] [--skip-ingest] [--no-write]
 *     [--service-env KEY=VALUE ...] [--server postgresql://postgres@127.0.0.1:5432/postgres]
 *   node dist/bench/run-bench.js --render bench/results/<file>.json   (rewrite BENCHMARKS.md only)
 *
 * 1. (Re)creates the bench database with the synthetic catalog (unless --reuse finds the same one).
 * 2. Starts the production build of the service, warms each case up, loads it with autocannon.
 * 3. Runs the baselines on the same database: bare Fastify + pg (REST), PostGraphile 4 (GraphQL),
 *    the price-at-date endpoint with its index dropped.
 * 4. Ingest: the newest LiteLLM snapshot imported twice into a copy of the bench database.
 * 5. Prints the table, writes bench/results/<date>.json and this mode's section of BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

import { createPgPool, formatDatabaseUrl, parseDatabaseUrl } from '../src/database/pg-pool.js';
import { applyMigrations } from '../src/database/schema-engine.js';
import { Rng } from '../seed/synthetic/prng.js';
import { resolveSyntheticOptions, type SyntheticOptions } from '../seed/synthetic/synthetic-catalog.js';
import {
  buildSyntheticDatabase,
  cloneDatabase,
  databaseFields,
  databaseMarker,
  DEFAULT_SERVER_URL,
  dropDatabase,
  readDatabaseMarker,
} from '../seed/synthetic/synthetic-database.js';
import { round, runLoad, type LoadSpec, type LoadStats, type MixedRequest } from './lib/load.js';
import {
  baseEnv,
  freePort,
  RssSampler,
  runNodeScript,
  startNodeProcess,
  waitForHttp,
  type ManagedProcess,
} from './lib/processes.js';
import { DASHBOARD_QUERY, POSTGRAPHILE_DASHBOARD_QUERY } from './lib/queries.js';
import { printTable, writeJson, writeMarkdown, type BenchReport, type Goal, type HttpCaseResult, type IngestResult } from './lib/report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = (...parts: string[]) => path.join(ROOT, 'dist', ...parts);
const PRICE_INDEX_COLUMNS = '(offering_id, component, condition_key, valid_from DESC)';
const ROTATING_SLUGS = 1_000;
const PRICE_PAIRS = 5_000;
const SLOW_REQUEST_MS = 250;
const PROBE_TIMEOUT_MS = 300_000;
const DRAIN_TIMEOUT_MS = 600_000;
const BARE = 'bare Fastify+pg';
const POSTGRAPHILE = 'PostGraphile 4.14.1';
const INDEX_DROPPED = 'same, index dropped';

/** Cases with a latency goal: also measured with one client (see evaluateGoals). */
const LATENCY_CASES = new Set<string>(['price-at-offering', 'price-at-provider', 'decision']);
const CASE_IDS = ['model-hot', 'model-rotating', 'models-list', 'graphql-dashboard', 'price-at-offering', 'price-at-provider', 'decision', 'ingest'] as const;
type CaseId = (typeof CASE_IDS)[number];

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

interface Settings {
  /** Only rewrite BENCHMARKS.md from this results file. */
  render?: string;
  quick: boolean;
  /** quick | full | scale-<x>: names the results file and the BENCHMARKS.md section. */
  variant: string;
  reuse: boolean;
  serverUrl: string;
  database: string;
  options: SyntheticOptions;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  only: Set<CaseId>;
  write: boolean;
  serviceEnv: Record<string, string>;
}

function parseSettings(): Settings {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      scale: { type: 'string', default: '1' },
      seed: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string', default: '20' },
      only: { type: 'string' },
      'skip-ingest': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      'service-env': { type: 'string', multiple: true, default: [] },
      server: { type: 'string', default: process.env.BENCH_SERVER_URL ?? DEFAULT_SERVER_URL },
      database: { type: 'string' },
      render: { type: 'string' },
    },
  });
  const number = (value: string | undefined, name: string, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  const quick = values.quick;
  const options = resolveSyntheticOptions(values.seed === undefined ? {} : { seed: number(values.seed, 'seed', 42) }, {
    quick,
    scale: number(values.scale, 'scale', 1),
  });
  const only = new Set<CaseId>(values.only ? (values.only.split(',').map((id) => id.trim()) as CaseId[]) : CASE_IDS);
  for (const id of only) if (!CASE_IDS.includes(id)) throw new Error(`unknown case "${id}" (known: ${CASE_IDS.join(', ')})`);
  if (values['skip-ingest']) only.delete('ingest');
  const serviceEnv = Object.fromEntries(
    values['service-env'].map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`--service-env takes KEY=VALUE, got "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  const scale = number(values.scale, 'scale', 1);
  const variant = quick ? 'quick' : scale === 1 ? 'full' : `scale-${String(scale).replace('.', '_')}`;
  const database = values.database ?? (variant === 'full' ? 'model_ledger_bench' : `model_ledger_bench_${variant.replace('-', '_')}`);
  if (!/^model_ledger_bench[a-z0-9_]*$/.test(database)) throw new Error('--database must start with model_ledger_bench');
  return {
    ...(values.render ? { render: values.render } : {}),
    quick,
    variant,
    reuse: values.reuse,
    serverUrl: values.server,
    database,
    options,
    connections: Math.round(number(values.connections, 'connections', 20)),
    durationSeconds: number(values.duration, 'duration', quick ? 5 : 20),
    warmupSeconds: number(values.warmup, 'warmup', quick ? 1 : 3),
    only,
    write: !values['no-write'],
    serviceEnv,
  };
}

// ---- database -------------------------------------------------------------------------------

async function findPriceIndex(pool: pg.Pool): Promise<{ name: string; definition: string } | null> {
  const { rows } = await pool.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = 'price_point' AND indexdef LIKE $1`,
    [`%${PRICE_INDEX_COLUMNS}%`],
  );
  return rows[0] ?? null;
}

async function prepareDatabase(settings: Settings): Promise<BenchReport['catalog']> {
  const fields = databaseFields(settings.serverUrl, settings.database);
  if (settings.reuse && (await readDatabaseMarker(settings.serverUrl, settings.database)) === databaseMarker(settings.options)) {
    const pool = createPgPool(fields, 2);
    try {
      const pending = await applyMigrations(pool);
      if (pending.length) log(`applied pending migrations: ${pending.join(', ')}`);
      const index = await findPriceIndex(pool);
      if (index) {
        log(`reusing ${settings.database}`);
        return { database: settings.database, reused: true, options: { ...settings.options }, counts: await catalogCounts(pool) };
      }
      log(`${settings.database} lacks the price_point index ${PRICE_INDEX_COLUMNS}: building it again`);
    } finally {
      await pool.end();
    }
  }
  log(`building ${settings.database}: ${JSON.stringify(settings.options)}`);
  const started = performance.now();
  const result = await buildSyntheticDatabase({
    serverUrl: settings.serverUrl,
    database: settings.database,
    options: settings.options,
    log: (message) => log(`  ${message}`),
  });
  return {
    database: settings.database,
    reused: false,
    options: { ...settings.options },
    counts: result.counts,
    shape: result.shape,
    buildSeconds: round((performance.now() - started) / 1000, 1),
    buildTimings: result.timings,
  };
}

async function catalogCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ table: string; rows: string }>(
    `SELECT 'model' AS table, count(*)::text AS rows FROM model UNION ALL
     SELECT 'provider', count(*)::text FROM provider UNION ALL
     SELECT 'offering', count(*)::text FROM offering UNION ALL
     SELECT 'price_point', count(*)::text FROM price_point`,
  );
  return Object.fromEntries(rows.map((row) => [row.table, Number(row.rows)]));
}

async function bumpRevision(pool: pg.Pool): Promise<void> {
  await pool.query('UPDATE catalog_revision SET revision = revision + 1, changed_at = now() WHERE id = 1');
}

// ---- fixtures: what the cases ask for -------------------------------------------------------

interface Fixtures {
  hotSlug: string;
  hotSlugOfferings: number;
  rotatingSlugs: string[];
  provider: string;
  providerOfferings: number;
  providerPricePoints: number;
  pricePairs: { provider: string; providerModelId: string; date: string }[];
  providerDates: string[];
}

async function loadFixtures(pool: pg.Pool, options: SyntheticOptions): Promise<Fixtures> {
  const hot = await pool.query<{ model_slug: string; n: number }>(
    `WITH counts AS (SELECT model_slug, count(*)::int AS n FROM offering WHERE status = 'listed' GROUP BY model_slug)
     SELECT model_slug, n FROM counts ORDER BY n DESC, model_slug
     OFFSET (SELECT count(*) / 10 FROM counts) LIMIT 1`,
  );
  const rotating = await pool.query<{ slug: string }>('SELECT slug FROM model ORDER BY md5(slug) LIMIT $1', [ROTATING_SLUGS]);
  const provider = await pool.query<{ provider_slug: string; n: number }>(
    `SELECT provider_slug, count(*)::int AS n FROM offering GROUP BY provider_slug ORDER BY n DESC, provider_slug LIMIT 1`,
  );
  const providerSlug = provider.rows[0]!.provider_slug;
  const providerPoints = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM price_point p JOIN offering o ON o.id = p.offering_id WHERE o.provider_slug = $1',
    [providerSlug],
  );
  const offerings = await pool.query<{ provider_slug: string; provider_model_id: string; listed_at: Date }>(
    'SELECT provider_slug, provider_model_id, listed_at FROM offering ORDER BY md5(id::text) LIMIT $1',
    [PRICE_PAIRS],
  );
  const rng = Rng.for(options.seed, 'bench-fixtures');
  const endMs = Date.parse(`${options.endDate}T00:00:00Z`);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const pricePairs = offerings.rows.map((o) => {
    const from = o.listed_at.getTime() + 86_400_000;
    return { provider: o.provider_slug, providerModelId: o.provider_model_id, date: day(from + rng.float() * Math.max(0, endMs - from)) };
  });
  const startMs = endMs - Math.round(options.years * 365.25) * 86_400_000;
  const providerDates = rng.shuffle(Array.from({ length: Math.round((endMs - startMs) / 86_400_000) }, (_, i) => day(startMs + i * 86_400_000)));
  return {
    hotSlug: hot.rows[0]!.model_slug,
    hotSlugOfferings: hot.rows[0]!.n,
    rotatingSlugs: rotating.rows.map((row) => row.slug),
    provider: providerSlug,
    providerOfferings: provider.rows[0]!.n,
    providerPricePoints: providerPoints.rows[0]!.n,
    pricePairs,
    providerDates,
  };
}

// ---- servers ---------------------------------------------------------------------------------

interface Server {
  process: ManagedProcess;
  baseUrl: string;
  rss: RssSampler;
  startSeconds: number;
}

async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  readyPath: string,
  readyInit?: RequestInit,
): Promise<Server> {
  if (!existsSync(script)) throw new Error(`${script} does not exist: run npm run build first`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = startNodeProcess(name, script, [], { ...baseEnv(), ...env, PORT: String(port), HOST: '127.0.0.1' }, ROOT);
  try {
    const ms = await waitForHttp(`${baseUrl}${readyPath}`, child, { init: readyInit });
    log(`${name} ready on ${baseUrl} after ${(ms / 1000).toFixed(1)} s`);
    return { process: child, baseUrl, rss: new RssSampler(child.pid), startSeconds: round(ms / 1000, 1) };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

async function stopServer(server: Server | null): Promise<void> {
  if (!server) return;
  server.rss.stop();
  await server.process.stop();
}

// ---- measuring -------------------------------------------------------------------------------

interface Probe {
  status: number;
  body: string;
}

async function probe(baseUrl: string, spec: Pick<LoadSpec, 'method' | 'paths' | 'body'>, timeoutMs = PROBE_TIMEOUT_MS): Promise<Probe> {
  const response = await fetch(`${baseUrl}${spec.paths[0]}`, {
    method: spec.method ?? 'GET',
    headers: spec.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: spec.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: await response.text() };
}

/**
 * Waits until the server has worked through what a finished run left in flight (autocannon stops
 * at its deadline; the server does not): a request queued behind that backlog comes back.
 */
async function drain(server: Server, spec: Pick<LoadSpec, 'method' | 'paths' | 'body'>): Promise<number> {
  const started = performance.now();
  try {
    await probe(server.baseUrl, spec, DRAIN_TIMEOUT_MS);
  } catch (error) {
    log(`  (still busy after ${DRAIN_TIMEOUT_MS / 1000} s: ${(error as Error).message})`);
  }
  return performance.now() - started;
}

/** Too slow to load at all: a few requests one after another, reported as such. */
async function sequential(server: Server, spec: Pick<LoadSpec, 'method' | 'paths' | 'body'>, count: number): Promise<LoadStats> {
  const times: number[] = [];
  const statusCodes: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await probe(server.baseUrl, { ...spec, paths: [spec.paths[(i + 1) % spec.paths.length]!] });
    times.push(round(performance.now() - started, 0));
    statusCodes[result.status] = (statusCodes[result.status] ?? 0) + 1;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const total = times.reduce((sum, t) => sum + t, 0);
  return {
    requestsPerSecond: round((1000 * count) / total, 2),
    latencyMs: { p50: sorted[Math.floor(count / 2)]!, p90: sorted[count - 1]!, p99: sorted[count - 1]!, average: round(total / count, 0), max: sorted[count - 1]! },
    requests: count,
    errors: 0,
    timeouts: 0,
    non2xx: Object.entries(statusCodes).filter(([code]) => !code.startsWith('2')).reduce((sum, [, n]) => sum + n, 0),
    statusCodes,
    durationSeconds: round(total / 1000, 2),
    connections: 1,
    sequential: true,
  };
}

/** 404 because nothing handles the route (not because the thing asked for is unknown). */
function routeMissing(result: Probe): boolean {
  return result.status === 404 && /Cannot (GET|POST)|Route [A-Z]+:.* not found/i.test(result.body);
}

function graphqlErrors(result: Probe): string | null {
  try {
    const parsed = JSON.parse(result.body) as { errors?: { message: string }[] };
    return parsed.errors?.length ? parsed.errors.map((e) => e.message).join('; ').slice(0, 300) : null;
  } catch {
    return `not JSON: ${result.body.slice(0, 200)}`;
  }
}

async function measure(
  server: Server,
  spec: Omit<LoadSpec, 'baseUrl' | 'connections' | 'durationSeconds'>,
  settings: Settings,
  firstRequestMs: number,
): Promise<{ stats: LoadStats; rssMaxMb: number }> {
  const full = { ...spec, baseUrl: server.baseUrl, connections: settings.connections };
  let stats: LoadStats;
  let rssMaxMb: number;
  if (firstRequestMs > (settings.durationSeconds * 1000) / 2) {
    // One request takes more than half a run: loading it with `connections` at once would take
    // minutes per case and time out. Three requests in a row say enough (one, past 30 s each).
    server.rss.window();
    stats = await sequential(server, spec, firstRequestMs > 30_000 ? 1 : 3);
    rssMaxMb = server.rss.window();
  } else {
    // A case whose single request takes longer than SLOW_REQUEST_MS is warm after its probe: an
    // autocannon warm-up would only pile up a backlog.
    if (firstRequestMs <= SLOW_REQUEST_MS) await runLoad({ ...full, durationSeconds: settings.warmupSeconds });
    const warmMs = Math.min(firstRequestMs, await drain(server, spec));
    // When `connections` requests at once would take more than half the duration to come back
    // (a single request's time x connections / cores), a timed run would complete few or none of
    // them: send a fixed number instead (one per connection) and time that.
    const expectedLatencyMs = (warmMs * settings.connections) / os.cpus().length;
    const amount = expectedLatencyMs > (settings.durationSeconds * 1000) / 2 ? settings.connections : undefined;
    server.rss.window();
    stats = await runLoad({ ...full, durationSeconds: settings.durationSeconds, ...(amount ? { amount } : {}) });
    rssMaxMb = server.rss.window();
    await drain(server, spec);
  }
  log(
    `  ${spec.paths[0]!.slice(0, 70)}${spec.paths.length > 1 ? ` (+${spec.paths.length - 1} more)` : ''}: ` +
      `${stats.requestsPerSecond} req/s, p50 ${stats.latencyMs.p50} ms, p99 ${stats.latencyMs.p99} ms` +
      `${stats.errors || stats.non2xx ? `, ${stats.errors} errors, ${stats.non2xx} non-2xx` : ''}` +
      `${stats.cacheHitRatio !== undefined ? `, cache hits ${Math.round(stats.cacheHitRatio * 100)}%` : ''}` +
      `${stats.amount ? ` (slow: ${stats.amount} requests in ${stats.durationSeconds} s instead of a timed run)` : ''}` +
      `${stats.sequential ? ` (too slow to load: ${stats.requests} requests one after another)` : ''}`,
  );
  return { stats, rssMaxMb };
}

interface CaseDefinition {
  id: CaseId;
  title: string;
  request: string;
  spec: Omit<LoadSpec, 'baseUrl' | 'connections' | 'durationSeconds'>;
  graphql?: boolean;
  baselineName?: string;
  notes?: string[];
}

function caseDefinitions(f: Fixtures): CaseDefinition[] {
  const pricePaths = f.pricePairs.map(
    (p) => `/v1/prices/at?date=${p.date}&providerModelId=${encodeURIComponent(p.providerModelId)}&provider=${encodeURIComponent(p.provider)}`,
  );
  const providerPaths = f.providerDates.map((date) => `/v1/prices/at?date=${date}&provider=${encodeURIComponent(f.provider)}`);
  return [
    {
      id: 'model-hot',
      title: 'REST model, one hot slug',
      request: `GET /v1/models/${f.hotSlug} (${f.hotSlugOfferings} listed offerings)`,
      spec: { paths: [`/v1/models/${f.hotSlug}`], countCache: true },
      baselineName: BARE,
    },
    {
      id: 'model-rotating',
      title: `REST model, ${f.rotatingSlugs.length} slugs rotating`,
      request: `GET /v1/models/:slug over ${f.rotatingSlugs.length} slugs in turn`,
      spec: { paths: f.rotatingSlugs.map((slug) => `/v1/models/${encodeURIComponent(slug)}`), countCache: true },
      baselineName: BARE,
    },
    {
      id: 'models-list',
      title: 'REST models list, filter + sort',
      request: 'GET /v1/models?kind=open-weights&sort=-score:mmlu&limit=50',
      spec: { paths: ['/v1/models?kind=open-weights&sort=-score:mmlu&limit=50'], countCache: true },
      baselineName: BARE,
    },
    {
      id: 'graphql-dashboard',
      title: 'GraphQL dashboard, 100 models',
      request: 'POST /graphql DASHBOARD_QUERY (first: 100)',
      spec: { method: 'POST', paths: ['/graphql'], body: JSON.stringify({ query: DASHBOARD_QUERY, variables: { first: 100 } }) },
      graphql: true,
      baselineName: POSTGRAPHILE,
    },
    {
      id: 'price-at-offering',
      title: 'price-at-date, one offering',
      request: `GET /v1/prices/at?date=&providerModelId=&provider= over ${pricePaths.length} (offering, date) pairs`,
      spec: { paths: pricePaths, countCache: true },
      baselineName: INDEX_DROPPED,
    },
    {
      id: 'price-at-provider',
      title: 'price-at-date, one provider',
      request: `GET /v1/prices/at?date=&provider=${f.provider} (${f.providerOfferings} offerings, ${f.providerPricePoints} points) over ${providerPaths.length} dates`,
      spec: { paths: providerPaths, countCache: true },
      baselineName: INDEX_DROPPED,
    },
    {
      id: 'decision',
      title: 'decision, whole catalog',
      request: 'POST /v1/decision {10M requests/month, 500 in / 500 out, quality best, internal data}',
      spec: {
        method: 'POST',
        paths: ['/v1/decision'],
        body: JSON.stringify({
          workload: { requestsPerMonth: 10_000_000, inputTokensPerRequest: 500, outputTokensPerRequest: 500 },
          quality: 'best',
          dataSensitivity: 'internal',
        }),
      },
    },
  ];
}

/** Probes and measures one case on a server; returns the stats, or the reason it was skipped. */
async function runOn(server: Server, definition: CaseDefinition, spec: CaseDefinition['spec'], settings: Settings) {
  try {
    const probeStarted = performance.now();
    const first = await probe(server.baseUrl, spec);
    const firstRequestMs = round(performance.now() - probeStarted, 1);
    if (routeMissing(first)) return { skipped: 'endpoint not available' as const };
    if (definition.graphql) {
      const errors = graphqlErrors(first);
      if (errors) return { skipped: `GraphQL errors: ${errors}` };
    }
    const note = first.status >= 300 ? `first answer HTTP ${first.status}: ${first.body.slice(0, 200)}` : null;
    const { stats, rssMaxMb } = await measure(server, spec, settings, firstRequestMs);
    return { stats, rssMaxMb, note, firstRequestMs };
  } catch (error) {
    // One case failing (a request that never comes back, a server that died) must not lose the rest.
    const message = (error as Error).message.split('\n')[0]!;
    const cancelled = await cancelStrayQueries(settings).catch(() => 0);
    log(`  failed: ${message}${cancelled ? ` (cancelled ${cancelled} query(ies) still running)` : ''}`);
    return { skipped: `failed: ${message}` };
  }
}

// ---- stray queries ---------------------------------------------------------------------------

/** application_name of the connections the harness's servers open. */
const OUR_APPLICATIONS = ['model-ledger', 'bench-bare-fastify', 'bench-postgraphile'];
const RUN_STARTED = new Date();

/**
 * A server does not cancel a query when its client gives up (or when the server exits): after a
 * timed-out case, the database would go on working for minutes. Cancels the queries still running
 * in the bench database on connections our servers opened during this run.
 */
async function cancelStrayQueries(settings: Settings): Promise<number> {
  const admin = new pg.Client({ ...parseDatabaseUrl(settings.serverUrl), application_name: 'bench-admin' });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ cancelled: boolean }>(
      `SELECT pg_cancel_backend(pid) AS cancelled FROM pg_stat_activity
        WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()
          AND application_name = ANY($2::text[]) AND backend_start >= $3`,
      [settings.database, OUR_APPLICATIONS, RUN_STARTED],
    );
    return rows.filter((row) => row.cancelled).length;
  } finally {
    await admin.end();
  }
}

/** Waits (cancelling our stray queries) until nothing is connected to the bench database. */
async function waitUntilUnused(settings: Settings, timeoutMs = 60_000): Promise<string | null> {
  const admin = new pg.Client({ ...parseDatabaseUrl(settings.serverUrl), application_name: 'bench-admin' });
  await admin.connect();
  try {
    const started = performance.now();
    for (;;) {
      const { rows } = await admin.query<{ application_name: string; state: string | null }>(
        'SELECT application_name, state FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [settings.database],
      );
      if (rows.length === 0) return null;
      if (performance.now() - started > timeoutMs) {
        return `${rows.length} other connection(s) to ${settings.database} (${[...new Set(rows.map((r) => r.application_name || '?'))].join(', ')})`;
      }
      await cancelStrayQueries(settings);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await admin.end();
  }
}

// ---- ingest ----------------------------------------------------------------------------------

function newestLitellmSnapshot(): string | null {
  const dir = process.env.BENCH_LITELLM_DIR ?? '/work/shared/data/litellm';
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((name) => /^\d{4}-\d{2}-\d{2}.*\.json$/.test(name)).sort();
  return files.length ? path.join(dir, files[files.length - 1]!) : null;
}

async function runIngest(settings: Settings): Promise<IngestResult> {
  const file = newestLitellmSnapshot();
  const asOf = file ? path.basename(file).slice(0, 10) : null;
  if (!file) return { file, asOf, skipped: 'no LiteLLM snapshot found' };
  const cli = dist('src', 'ingest', 'cli', 'scrape.cli.js');
  if (!existsSync(cli)) return { file, asOf, skipped: 'dist/src/ingest/cli/scrape.cli.js does not exist (ingest CLI not available)' };
  const clone = `${settings.database}_ingest`;
  const busy = await waitUntilUnused(settings);
  if (busy) return { file, asOf, skipped: `cannot copy the bench database: ${busy}` };
  log(`ingest: copying ${settings.database} to ${clone}`);
  await cloneDatabase(settings.serverUrl, settings.database, clone);
  const fields = databaseFields(settings.serverUrl, clone);
  const pool = createPgPool(fields, 1);
  const count = async () => Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM price_point')).rows[0]!.n);
  const env = { ...baseEnv(), DATABASE_URL: formatDatabaseUrl(fields), LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  const args = ['litellm', '--file', file, '--as-of', asOf!];
  try {
    const before = await count();
    log(`ingest: first import of ${path.basename(file)}`);
    const first = await runNodeScript(cli, args, env, ROOT, 600_000);
    const afterFirst = await count();
    log(`ingest: unchanged re-import`);
    const second = await runNodeScript(cli, args, env, ROOT, 600_000);
    const afterSecond = await count();
    const result: IngestResult = {
      file,
      asOf,
      database: clone,
      firstImportSeconds: round(first.seconds, 2),
      reimportSeconds: round(second.seconds, 2),
      pointsWrittenFirst: afterFirst - before,
      pointsWrittenReimport: afterSecond - afterFirst,
      exitCodes: [first.exitCode, second.exitCode],
    };
    if (first.exitCode !== 0 || second.exitCode !== 0) result.output = `${first.output}\n---\n${second.output}`.slice(-4000);
    log(`ingest: ${result.firstImportSeconds} s (+${result.pointsWrittenFirst} points), re-import ${result.reimportSeconds} s (+${result.pointsWrittenReimport} points), exit ${result.exitCodes!.join('/')}`);
    result.loadDuringScrape = await loadDuringScrape(settings, cli, env, formatDatabaseUrl(fields), count);
    return result;
  } finally {
    await pool.end();
    await dropDatabase(settings.serverUrl, clone);
  }
}

/** REST and GraphQL reads a dashboard and a procurement tool would send, in turn. */
const MIXED_READS: MixedRequest[] = [
  { method: 'GET', path: '/v1/models?kind=open-weights&sort=-score:mmlu&limit=50' },
  { method: 'GET', path: '/v1/models/llama-3-3-70b' },
  { method: 'POST', path: '/graphql', body: JSON.stringify({ query: '{ models(first: 20) { nodes { slug name license { id } cheapestOffering { input output } } } }' }) },
  { method: 'GET', path: '/v1/providers' },
  { method: 'GET', path: '/v1/prices/at?date=2025-06-01&provider=openai' },
  { method: 'POST', path: '/graphql', body: JSON.stringify({ query: '{ model(slug: "gpt-4o") { slug offerings { providerModelId currentPrices { component usd unit } } } }' }) },
  { method: 'GET', path: '/v1/changes?since=2025-01-01&provider=openai' },
  { method: 'GET', path: '/v1/licenses/llama-3.3' },
];

/**
 * The reliability load test: MIXED_READS at 50 connections for 60 s (10 s in quick mode) against
 * a service on the ingest copy, while a scrape run (the oldest LiteLLM snapshot, a backfill that
 * writes) imports into the same database. Every answer should be a 2xx.
 */
async function loadDuringScrape(
  settings: Settings,
  cli: string,
  env: Record<string, string>,
  databaseUrl: string,
  countPoints: () => Promise<number>,
): Promise<NonNullable<IngestResult['loadDuringScrape']>> {
  const dir = path.dirname(newestLitellmSnapshot()!);
  const oldest = readdirSync(dir).filter((name) => /^\d{4}-\d{2}-\d{2}.*\.json$/.test(name)).sort()[0]!;
  const durationSeconds = settings.quick ? 10 : 60;
  const connections = 50;
  const service = await startServer('service (load during scrape)', dist('src', 'main.js'), { NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: '1000000' }, '/health/ready');
  try {
    const failing: string[] = [];
    for (const request of MIXED_READS) {
      const answer = await fetch(`${service.baseUrl}${request.path}`, { method: request.method, body: request.body, headers: request.body ? { 'content-type': 'application/json' } : {} });
      const text = await answer.text();
      if (!answer.ok || text.includes('"errors"')) failing.push(`${request.method} ${request.path}: ${answer.status} ${text.slice(0, 120)}`);
    }
    log(`load during scrape: ${connections} connections, ${durationSeconds} s, ${MIXED_READS.length} requests in turn; scraping ${oldest} after 3 s`);
    const before = await countPoints();
    service.rss.window();
    const load = runLoad({ baseUrl: service.baseUrl, paths: ['/'], mixed: MIXED_READS, connections, durationSeconds });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const scrape = await runNodeScript(cli, ['litellm', '--file', path.join(dir, oldest), '--as-of', oldest.slice(0, 10)], env, ROOT, 600_000);
    const stats = await load;
    const written = (await countPoints()) - before;
    const result = {
      durationSeconds,
      connections,
      requests: MIXED_READS.map((r) => `${r.method} ${r.path}`),
      stats,
      rssMaxMb: service.rss.window(),
      scrape: { file: oldest, seconds: round(scrape.seconds, 2), exitCode: scrape.exitCode, pointsWritten: written },
      ...(failing.length ? { failingBeforeLoad: failing } : {}),
    };
    log(
      `load during scrape: ${stats.requestsPerSecond} req/s, p50 ${stats.latencyMs.p50} ms, p99 ${stats.latencyMs.p99} ms, ` +
        `${stats.errors} errors, ${stats.non2xx} non-2xx; scrape ${result.scrape.seconds} s, exit ${scrape.exitCode}, +${written} points`,
    );
    return result;
  } finally {
    await stopServer(service);
  }
}

// ---- goals -----------------------------------------------------------------------------------

function evaluateGoals(cases: HttpCaseResult[], ingest: IngestResult, maxRssMb: number, pricePoints: number): Goal[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const goals: Goal[] = [];
  const ratioGoal = (id: string, label: string) => {
    const c = byId.get(id);
    const ratio = c?.ratio ?? null;
    goals.push({
      goal: `${label}: ratio >= 1.0 vs ${c?.baselineName ?? 'baseline'}`,
      measured: c?.skipped ? `skipped: ${c.skipped}` : ratio === null ? 'not measured' : `${ratio.toFixed(2)}x`,
      met: ratio === null ? null : ratio >= 1,
    });
  };
  ratioGoal('model-hot', 'REST lookup, hot slug');
  ratioGoal('model-rotating', 'REST lookup, rotating slugs');
  ratioGoal('models-list', 'REST list');
  ratioGoal('graphql-dashboard', 'GraphQL dashboard');
  // Read against one client's p99 (a request's own time); the p99 under the load of all
  // connections, which is mostly queueing on 2 cores, is given beside it.
  const p99Goal = (id: string, label: string, limitMs: number, extra = '') => {
    const c = byId.get(id);
    const p99 = c?.oursOneClient?.latencyMs.p99 ?? c?.ours?.latencyMs.p99 ?? null;
    const loaded = c?.oursOneClient && c.ours ? `; p99 ${c.ours.latencyMs.p99} ms at ${c.ours.connections} connections` : '';
    goals.push({
      goal: `${label}: p99 < ${limitMs} ms${extra}`,
      measured: c?.skipped
        ? `skipped: ${c.skipped}`
        : p99 === null
          ? 'not measured'
          : `p99 ${p99} ms${c?.oursOneClient ? ' with one client' : ''} at ${pricePoints.toLocaleString('en-US')} points${loaded}`,
      met: p99 === null ? null : p99 < limitMs,
    });
  };
  p99Goal('price-at-offering', 'price-at-date, one offering', 20, ' (at 10M points)');
  p99Goal('price-at-provider', 'price-at-date, one provider', 200, ' (at 10M points)');
  p99Goal('decision', 'decision over the catalog', 20, ' (at 50,000 offerings)');
  const measuredIngest = ingest.skipped === undefined && ingest.exitCodes?.every((code) => code === 0);
  goals.push({
    goal: 'ingest newest LiteLLM snapshot < 5 s',
    measured: ingest.skipped ? `skipped: ${ingest.skipped}` : `${ingest.firstImportSeconds} s${measuredIngest ? '' : ' (failed)'}`,
    met: ingest.skipped ? null : Boolean(measuredIngest && ingest.firstImportSeconds! < 5),
  });
  goals.push({
    goal: 'unchanged re-import < 2 s and 0 points written',
    measured: ingest.skipped ? `skipped: ${ingest.skipped}` : `${ingest.reimportSeconds} s, ${ingest.pointsWrittenReimport} points`,
    met: ingest.skipped ? null : Boolean(measuredIngest && ingest.reimportSeconds! < 2 && ingest.pointsWrittenReimport === 0),
  });
  const load = ingest.loadDuringScrape;
  goals.push({
    goal: 'mixed REST + GraphQL reads at 50 connections while a scrape writes: 0 errors, 0 non-2xx',
    measured: load
      ? `${load.stats.requests.toLocaleString('en-US')} requests in ${load.durationSeconds} s: ${load.stats.requestsPerSecond} req/s, p99 ${load.stats.latencyMs.p99} ms, ${load.stats.errors + load.stats.timeouts} errors, ${load.stats.non2xx} non-2xx; scrape exit ${load.scrape.exitCode}, +${load.scrape.pointsWritten} points`
      : 'not measured',
    met: load ? load.stats.errors + load.stats.timeouts === 0 && load.stats.non2xx === 0 && load.scrape.exitCode === 0 && load.scrape.pointsWritten > 0 : null,
  });
  goals.push({ goal: 'service RSS < 300 MB', measured: `${maxRssMb} MB max`, met: maxRssMb > 0 ? maxRssMb < 300 : null });
  return goals;
}

/** ours / baseline in requests per second; none when either side mostly failed (a ratio of errors says nothing). */
function applyRatios(cases: HttpCaseResult[]): void {
  const mostlyFailed = (stats: LoadStats) => stats.errors + stats.timeouts + stats.non2xx > stats.requests / 2;
  for (const result of cases) {
    if (!result.ours || !result.baseline) continue;
    if (mostlyFailed(result.ours) || mostlyFailed(result.baseline)) {
      const failed = mostlyFailed(result.ours) ? result.ours : result.baseline;
      result.ratio = null;
      const note = `no ratio: ${failed === result.ours ? 'the service' : 'the baseline'} answered most requests with an error (${JSON.stringify(failed.statusCodes)})`;
      if (!result.notes.includes(note)) result.notes.push(note);
    } else {
      result.ratio = round(result.ours.requestsPerSecond / Math.max(result.baseline.requestsPerSecond, 0.01), 2);
    }
  }
}

// ---- main ------------------------------------------------------------------------------------

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

async function main() {
  const started = performance.now();
  const loadAtStart = round(os.loadavg()[0]!, 2);
  const settings = parseSettings();
  if (settings.render) {
    const report = JSON.parse(readFileSync(path.resolve(settings.render), 'utf8')) as BenchReport;
    applyRatios(report.cases);
    report.goals = evaluateGoals(report.cases, report.ingest, report.service.maxRssMb, report.catalog.counts.price_point ?? 0);
    console.log(`${printTable(report)}\n`);
    writeMarkdown(report, path.join(ROOT, 'BENCHMARKS.md'));
    log(`rewrote the ${report.variant} section of BENCHMARKS.md from ${settings.render}`);
    return;
  }
  if (loadAtStart > os.cpus().length * 0.5) log(`load average ${loadAtStart} on ${os.cpus().length} cores: other work is running, expect noisy numbers`);
  log(`${settings.variant} run: ${settings.durationSeconds} s per case, ${settings.connections} connections, database ${settings.database}`);
  const catalog = await prepareDatabase(settings);
  const fields = databaseFields(settings.serverUrl, settings.database);
  const databaseUrl = formatDatabaseUrl(fields);
  const pool = createPgPool(fields, 2);
  const postgres = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  const fixtures = await loadFixtures(pool, settings.options);
  const definitions = caseDefinitions(fixtures).filter((d) => settings.only.has(d.id));
  const results = new Map<CaseId, HttpCaseResult>(
    definitions.map((d) => [d.id, { id: d.id, title: d.title, request: d.request, ours: null, baselineName: d.baselineName, notes: [...(d.notes ?? [])] }]),
  );
  const serviceEnv = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    MIGRATE_ON_START: 'false',
    SEED_ON_START: 'false',
    // The per-IP rate limit (600 a minute by default) would answer 429 to a load test from one
    // address; its hook still runs, at a limit the load cannot reach.
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...settings.serviceEnv,
  };
  const serviceReport: BenchReport['service'] = { startSeconds: 0, idleRssMb: 0, maxRssMb: 0 };
  let indexRebuildSeconds: number | undefined;
  const baselineFailures = new Map<string, string>();

  // Every server runs for the whole of the HTTP cases, so that each case's baseline is measured
  // right after the service (the machine's background load drifts over minutes).
  let service: Server | null = null;
  let bare: Server | null = null;
  let postgraphile: Server | null = null;
  const postgraphileSpec = {
    method: 'POST' as const,
    paths: ['/graphql'],
    body: JSON.stringify({ query: POSTGRAPHILE_DASHBOARD_QUERY, variables: { first: 100 } }),
  };
  try {
    service = await startServer('service', dist('src', 'main.js'), serviceEnv, '/health/ready');
    serviceReport.startSeconds = service.startSeconds;
    serviceReport.idleRssMb = service.rss.window();
    if (definitions.some((d) => d.baselineName === BARE)) {
      try {
        bare = await startServer(BARE, dist('bench', 'baselines', 'bare-fastify.js'), { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '10' }, '/health/ready');
      } catch (error) {
        baselineFailures.set(BARE, (error as Error).message.split('\n')[0]!);
      }
    }
    if (definitions.some((d) => d.baselineName === POSTGRAPHILE)) {
      try {
        postgraphile = await startServer(
          POSTGRAPHILE,
          dist('bench', 'baselines', 'postgraphile-server.js'),
          { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '10', NODE_ENV: 'production' },
          '/graphql',
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) },
        );
      } catch (error) {
        baselineFailures.set(POSTGRAPHILE, (error as Error).message.split('\n')[0]!);
      }
    }
    serviceReport.idleRssMb = service.rss.window();

    const runOurs = async (definition: CaseDefinition) => {
      const result = results.get(definition.id)!;
      log(`ours: ${definition.title}`);
      const outcome = await runOn(service!, definition, definition.spec, settings);
      if ('skipped' in outcome && outcome.skipped) {
        result.skipped = outcome.skipped;
        log(`  skipped: ${outcome.skipped}`);
        return false;
      }
      if (!('stats' in outcome) || !outcome.stats) return false;
      result.ours = outcome.stats;
      result.oursRssMaxMb = outcome.rssMaxMb;
      result.oursFirstRequestMs = outcome.firstRequestMs;
      if (outcome.note) result.notes.push(`ours: ${outcome.note}`);
      if (LATENCY_CASES.has(definition.id) && !outcome.stats.sequential) {
        // The latency goals are of a request's own time: one client, no queue of 20 in front of it.
        const single = await runLoad({ ...definition.spec, baseUrl: service!.baseUrl, connections: 1, durationSeconds: Math.max(5, settings.durationSeconds / 2) });
        result.oursOneClient = single;
        log(`  one client: ${single.requestsPerSecond} req/s, p50 ${single.latencyMs.p50} ms, p99 ${single.latencyMs.p99} ms`);
      }
      return true;
    };
    const runBaseline = async (definition: CaseDefinition, server: Server | null, spec: CaseDefinition['spec']) => {
      const result = results.get(definition.id)!;
      if (!server) {
        result.notes.push(`${definition.baselineName} did not start: ${baselineFailures.get(definition.baselineName!) ?? 'unknown error'}`);
        return;
      }
      log(`${definition.baselineName}: ${definition.title}`);
      const outcome = await runOn(server, definition, spec, settings);
      if ('stats' in outcome && outcome.stats) {
        result.baseline = outcome.stats;
        result.baselineFirstRequestMs = outcome.firstRequestMs;
        if (outcome.note) result.notes.push(`baseline: ${outcome.note}`);
      } else if ('skipped' in outcome) {
        result.notes.push(`${definition.baselineName}: ${outcome.skipped}`);
      }
    };

    const priceCases: CaseDefinition[] = [];
    for (const definition of definitions) {
      if (definition.baselineName === INDEX_DROPPED) {
        priceCases.push(definition);
        continue;
      }
      if (!(await runOurs(definition))) continue;
      if (definition.baselineName === BARE) await runBaseline(definition, bare, definition.spec);
      if (definition.baselineName === POSTGRAPHILE) {
        await runBaseline(definition, postgraphile, postgraphileSpec);
        results.get(definition.id)!.notes.push(
          'PostGraphile fetches the newest 4 points per offering instead of the current price per line, and no cheapest offering',
        );
      }
    }

    // price-at-date: the service, then the same service and URLs with the index dropped.
    const measuredPrices: CaseDefinition[] = [];
    for (const definition of priceCases) if (await runOurs(definition)) measuredPrices.push(definition);
    if (measuredPrices.length) {
      const index = await findPriceIndex(pool);
      if (!index) {
        for (const d of measuredPrices) results.get(d.id)!.notes.push(`no index ${PRICE_INDEX_COLUMNS} found: no baseline`);
      } else {
        log(`baseline: DROP INDEX ${index.name}`);
        await pool.query(`DROP INDEX "${index.name}"`);
        await bumpRevision(pool); // empties the service's response cache, as any write does
        try {
          for (const definition of measuredPrices) await runBaseline(definition, service, definition.spec);
        } finally {
          const rebuildStarted = performance.now();
          await pool.query(index.definition);
          indexRebuildSeconds = round((performance.now() - rebuildStarted) / 1000, 1);
          await bumpRevision(pool);
          log(`recreated ${index.name} in ${indexRebuildSeconds} s`);
        }
      }
    }
    serviceReport.maxRssMb = service.rss.max();
  } finally {
    await stopServer(service);
    await stopServer(bare);
    await stopServer(postgraphile);
  }

  applyRatios([...results.values()]);
  const rss = (id: CaseId) => results.get(id)?.oursRssMaxMb;
  serviceReport.maxRssMb = Math.max(serviceReport.maxRssMb, ...CASE_IDS.map((id) => rss(id) ?? 0));

  // Ingest, on a copy of the bench database (nothing may be connected to the template).
  await pool.end();
  let ingest: IngestResult = { file: null, asOf: null, skipped: 'not selected' };
  if (settings.only.has('ingest')) {
    try {
      ingest = await runIngest(settings);
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]!;
      log(`ingest failed: ${message}`);
      ingest = { file: newestLitellmSnapshot(), asOf: null, skipped: `failed: ${message}` };
    }
  }

  const cases = [...results.values()];
  const memoryGb = Math.round(os.totalmem() / 1024 ** 3);
  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    mode: settings.quick ? 'quick' : 'full',
    variant: settings.variant,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      postgres,
      loadAverage: { start: loadAtStart, end: round(os.loadavg()[0]!, 2) },
    },
    commit: gitCommit(),
    catalog,
    settings: {
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
      serviceEnv: Object.fromEntries(Object.entries(serviceEnv).filter(([key]) => key !== 'DATABASE_URL')),
    },
    fixtures: {
      hotSlug: fixtures.hotSlug,
      hotSlugOfferings: fixtures.hotSlugOfferings,
      rotatingSlugs: fixtures.rotatingSlugs.length,
      provider: fixtures.provider,
      providerOfferings: fixtures.providerOfferings,
      providerPricePoints: fixtures.providerPricePoints,
      pricePairs: fixtures.pricePairs.length,
      providerDates: fixtures.providerDates.length,
    },
    service: serviceReport,
    cases,
    ingest,
    ...(indexRebuildSeconds !== undefined ? { indexRebuildSeconds } : {}),
    goals: evaluateGoals(cases, ingest, serviceReport.maxRssMb, catalog.counts.price_point ?? 0),
    totalSeconds: round((performance.now() - started) / 1000, 1),
  };
  console.log(`\n${printTable(report)}\n`);
  if (settings.write) {
    const json = writeJson(report, path.join(ROOT, 'bench', 'results'));
    writeMarkdown(report, path.join(ROOT, 'BENCHMARKS.md'));
    log(`wrote ${path.relative(ROOT, json)} and BENCHMARKS.md`);
  }
  log(`done in ${report.totalSeconds} s`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
