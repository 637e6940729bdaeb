/** The results of a run: console table, bench/results/<date>.json, the table in BENCHMARKS.md. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { LoadStats } from './load.js';

export interface HttpCaseResult {
  id: string;
  title: string;
  /** What the case sends, for the reader. */
  request: string;
  ours: LoadStats | null;
  /** The same requests from one client at a time (cases with a latency goal). */
  oursOneClient?: LoadStats;
  oursRssMaxMb?: number;
  /** One request on the idle server before the load (cold for this URL). */
  oursFirstRequestMs?: number;
  baselineFirstRequestMs?: number;
  baselineName?: string;
  baseline?: LoadStats | null;
  /** ours / baseline in requests per second. */
  ratio?: number | null;
  skipped?: string;
  notes: string[];
}

export interface IngestResult {
  file: string | null;
  asOf: string | null;
  skipped?: string;
  database?: string;
  firstImportSeconds?: number;
  reimportSeconds?: number;
  pointsWrittenFirst?: number;
  pointsWrittenReimport?: number;
  exitCodes?: number[];
  output?: string;
  /** Reads under load while a scrape run writes into the same database (issue: reliability). */
  loadDuringScrape?: {
    durationSeconds: number;
    connections: number;
    requests: string[];
    stats: LoadStats;
    rssMaxMb: number;
    scrape: { file: string; seconds: number; exitCode: number | null; pointsWritten: number };
    failingBeforeLoad?: string[];
  };
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean | null;
}

export interface BenchReport {
  date: string;
  mode: 'quick' | 'full';
  /** quick | full | scale-<x> (a --scale run): names the results file and the BENCHMARKS.md section. */
  variant: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    platform: string;
    postgres: string;
    /** 1-minute load average before and after the run: other work on the machine skews the numbers. */
    loadAverage: { start: number; end: number };
  };
  commit: string;
  catalog: {
    database: string;
    reused: boolean;
    options: Record<string, unknown>;
    counts: Record<string, number>;
    shape?: unknown;
    buildSeconds?: number;
    buildTimings?: Record<string, number>;
  };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number; serviceEnv: Record<string, string> };
  fixtures: Record<string, unknown>;
  service: { startSeconds: number; idleRssMb: number; maxRssMb: number };
  cases: HttpCaseResult[];
  ingest: IngestResult;
  indexRebuildSeconds?: number;
  goals: Goal[];
  totalSeconds: number;
}

const fmt = (value: number | undefined | null, digits = 0) =>
  value === undefined || value === null ? '-' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function statCells(stats: LoadStats | null | undefined): [string, string, string] {
  if (!stats) return ['-', '-', '-'];
  if (stats.requests === 0) return [`0 (none done in ${stats.durationSeconds} s)`, '-', '-'];
  const rate = `${fmt(stats.requestsPerSecond, stats.requestsPerSecond < 1 ? 2 : stats.requestsPerSecond < 100 ? 1 : 0)}${stats.amount ? '*' : ''}${stats.sequential ? '†' : ''}`;
  return [rate, `${fmt(stats.latencyMs.p50)} ms`, `${fmt(stats.latencyMs.p99)} ms`];
}

function problems(stats: LoadStats | null | undefined): string {
  if (!stats) return '';
  const parts = [];
  if (stats.errors) parts.push(`${stats.errors} errors`);
  if (stats.timeouts) parts.push(`${stats.timeouts} timeouts`);
  if (stats.non2xx) {
    const codes = Object.entries(stats.statusCodes).filter(([code]) => !code.startsWith('2')).map(([code, n]) => `${n}x${code}`);
    parts.push(`${stats.non2xx} non-2xx (${codes.join(' ')})`);
  }
  return parts.join(', ');
}

const HEADER = ['case', 'ours req/s', 'p50', 'p99', 'p99, 1 client', 'cache hits', 'RSS max', 'baseline', 'req/s', 'p50', 'p99', 'ratio', 'errors'];

/** Rows of the main table: case, ours (req/s, p50, p99), baseline (name, req/s, p50, p99), ratio. */
export function tableRows(report: BenchReport): string[][] {
  const rows: string[][] = [];
  for (const c of report.cases) {
    if (c.skipped) {
      rows.push([c.title, `skipped: ${c.skipped}`, ...Array<string>(HEADER.length - 2).fill('')]);
      continue;
    }
    const hit = c.ours?.cacheHitRatio !== undefined ? `${Math.round(c.ours.cacheHitRatio * 100)}%` : '';
    rows.push([
      c.title,
      ...statCells(c.ours),
      c.oursOneClient ? `${fmt(c.oursOneClient.latencyMs.p99)} ms` : '',
      hit,
      c.oursRssMaxMb ? `${c.oursRssMaxMb} MB` : '-',
      c.baselineName ?? '-',
      ...statCells(c.baseline),
      c.ratio === undefined || c.ratio === null ? '-' : `${c.ratio.toFixed(2)}x`,
      [problems(c.ours) && `ours: ${problems(c.ours)}`, problems(c.baseline) && `baseline: ${problems(c.baseline)}`].filter(Boolean).join('; '),
    ]);
  }
  return rows;
}

/** Load average above half the cores before the run (at the end it includes the run's own load). */
export function busy(report: BenchReport): boolean {
  return report.machine.loadAverage.start > report.machine.cpus * 0.5;
}

export function printTable(report: BenchReport): string {
  const rows = [HEADER, ...tableRows(report)];
  const normalized = rows.map((row) => (row.length < HEADER.length ? [...row, ...Array(HEADER.length - row.length).fill('')] : row));
  const widths = HEADER.map((_, i) => Math.max(...normalized.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [line(normalized[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...normalized.slice(1).map(line)];
  if (report.cases.some((c) => c.ours?.amount || c.baseline?.amount)) {
    out.push('* slow case: one request per connection, timed, instead of a fixed-duration run');
  }
  if (report.cases.some((c) => c.ours?.sequential || c.baseline?.sequential)) {
    out.push('† too slow to load: 3 requests one after another (1 past 30 s each) on 1 connection, p99 = the slowest');
  }
  out.push('');
  out.push(ingestLine(report.ingest));
  out.push(`service RSS: ${report.service.idleRssMb} MB idle, ${report.service.maxRssMb} MB max under load`);
  out.push(
    `load average: ${report.machine.loadAverage.start} before, ${report.machine.loadAverage.end} after (${report.machine.cpus} cores)` +
      (busy(report) ? ': the machine was busy with other work, the numbers are noisy' : ''),
  );
  out.push('');
  out.push('goals:');
  for (const goal of report.goals) out.push(`  [${goal.met === null ? ' - ' : goal.met ? 'met' : 'NOT'}] ${goal.goal}: ${goal.measured}`);
  return out.join('\n');
}

function ingestLine(ingest: IngestResult): string {
  if (ingest.skipped) return `ingest: skipped: ${ingest.skipped}`;
  return (
    `ingest ${path.basename(ingest.file ?? '')} (as of ${ingest.asOf}): first import ${fmt(ingest.firstImportSeconds, 2)} s ` +
    `(${fmt(ingest.pointsWrittenFirst)} price points), unchanged re-import ${fmt(ingest.reimportSeconds, 2)} s ` +
    `(${fmt(ingest.pointsWrittenReimport)} price points written)` +
    (ingest.exitCodes?.some((code) => code !== 0) ? `; exit codes ${ingest.exitCodes.join(', ')}` : '')
  );
}

export function resultsFileName(report: BenchReport): string {
  return `${report.date}${report.variant === 'full' ? '' : `-${report.variant}`}.json`;
}

export function writeJson(report: BenchReport, resultsDir: string): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, resultsFileName(report));
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

const INTRO = `# Benchmarks

"Fast" means nothing without a baseline measured in the same run, on the same machine, database
and data. \`npm run bench\` builds the service, (re)creates its own database with the synthetic
catalog (\`seed/synthetic/\`, deterministic from a seed number: 5,000 models, 200 providers,
50,000 offerings, 1,000,000 price points over 3 years by default), starts the production build
(\`node dist/src/main.js\`, logs at warn) and each baseline as child processes on 127.0.0.1, and
loads each case with autocannon (20 connections) after a warm-up. Not part of \`npm test\`.

\`\`\`sh
npm run bench                    # full: 20 s per case (database model_ledger_bench)
npm run bench -- --quick         # 500 models, 5,000 offerings, 100,000 points, 5 s per case (model_ledger_bench_quick)
npm run bench -- --scale 10      # 10,000,000 price points (model_ledger_bench_scale_10)
npm run bench -- --reuse         # keep the database when it already holds the same catalog
npm run bench -- --only model-hot,graphql-dashboard --duration 10 --connections 50
npm run bench -- --service-env RESPONSE_CACHE_ENTRIES=0     # any service variable
node dist/seed/synthetic/synthetic.cli.js --database my_db --scale 2   # the generator alone
node dist/bench/run-bench.js --render bench/results/<file>.json       # rewrite this file from a result
\`\`\`

Cases: \`model-hot\`, \`model-rotating\`, \`models-list\`, \`graphql-dashboard\`, \`decision\`,
\`price-at-offering\`, \`price-at-provider\` (a case whose endpoint answers 404 for the route is
reported as skipped), and \`ingest\`: the newest LiteLLM snapshot in /work/shared/data/litellm
imported twice with \`dist/src/ingest/cli/scrape.cli.js\` into a copy of the bench database.
The service runs with \`RATE_LIMIT_PER_MINUTE=1000000\`: its per-IP limit (600 a minute) would
otherwise answer 429 to a load test from one address.

Baselines, each measured right after the service's run of the same case, on the same database:

- **bare Fastify + pg** (\`bench/baselines/bare-fastify.ts\`): the REST cases with the service's own
  SQL, imported rather than copied (\`modelListStatement\` of \`models.repository.ts\`, the model-detail
  queries in parallel, \`CURRENT_PRICES_SQL\`), and the same JIT-off sessions; no Nest, no cache, no
  logs or metrics: the overhead floor. The service gets above it only by caching (ETag + in-process
  response cache keyed on the catalog revision).
- **PostGraphile 4.14.1** (\`bench/baselines/postgraphile-server.ts\`) for the GraphQL dashboard: the
  closest equivalent query (\`bench/lib/queries.ts\`): 100 models with license, 3 benchmarks' results,
  listed offerings with provider and their newest 4 price points. PostGraphile has no "current
  price" (newest point per component and condition, ties by source priority) nor "cheapest
  offering": it does less work per model than the service's query. The service answers a query
  it has answered since the catalog last changed from its response cache, as it does for REST
  GETs; computed afresh (\`--service-env RESPONSE_CACHE_ENTRIES=0\`) the dashboard query ran at
  about half PostGraphile's rate on the quick catalog (13 vs 29 req/s), which is the work of
  pricing ~1,000 offerings per answer.
- **price-at-date without its index**: the service's own endpoint after \`DROP INDEX\` of
  price_point (offering_id, component, condition_key, valid_from DESC), recreated afterwards.

Latency goals (price-at-date, decision) are read against **one client's p99** (\`p99, 1 client\`:
the same requests sent one at a time for half the case's duration, at least 5 s), the request's own
time; at 20 connections on 2 cores, p99 is mostly the queue in front of it, and is given beside it.

**Load during a scrape** (the reliability issue's load test): after the ingest case, a service on
the ingest copy takes 50 connections of mixed REST and GraphQL reads for 60 s (10 s in quick mode)
while \`npm run scrape\` imports the oldest LiteLLM snapshot into the same database; the goal is 0
errors and 0 non-2xx, and its line gives throughput and p99.

**Memory**: the service idles at about 170 MB RSS (heap ~60 MB used of ~100 MB, the rest Node,
Prisma's WASM query compiler, ICU). Under 20 connections V8 grows its heap (young generation and
promoted garbage) and RSS peaks at 450-950 MB depending on the case; it is not a leak (it levels
off) but the 300 MB goal is not met with default V8 settings. Measured on the quick catalog:
\`NODE_OPTIONS="--max-semi-space-size=2 --max-old-space-size=256"\` keeps RSS at 287 MB max, at the
cost of ~40% of the throughput (decision 159 -> 93 req/s, price-at-date provider 134 -> 72 req/s);
\`--max-semi-space-size=8 --max-old-space-size=200\` gives 353 MB. Set it where memory matters more
than throughput.

**Goals not met, and what the profile shows** (\`node --cpu-prof\` on the service, 120 decisions):

- *Decision p99 < 20 ms at 50,000 offerings*: p50 29 ms, p99 83 ms with one client (was 60 / 154
  before this round: self-hosted deployments are now bounded in floats and priced in decimals
  only when they can reach the top, cost ties are compared without parsing, tiers are split in one
  pass). What is left is spread out: about half is garbage collection (per decision: typed arrays
  and entry lists over 50,000 offerings, ~5,000 candidate groups), then building the candidate
  bounds (5 ms), ranking (2-3 ms per tier) and the groups' license and score checks. Getting under
  20 ms needs the request-independent part of the candidate set kept with the catalog.
  On the 10M-point catalog the same decision took 725 ms: many offerings there end at equal
  current prices, every tie at the k-th cost has to be priced exactly for the tie-break, and the
  ranked list grew with each one (each insertion scanning it). The list is now kept at k: 210 ms
  (measured in-process after the scale-10 run recorded below, which predates the fix); the rest is
  the exact (decimal) pricing of those ties.
- *RSS < 300 MB*: see Memory above.

Reading the table: ratio = ours / baseline in requests per second. Cache hits = share of the
service's answers served from its response cache (\`x-cache: hit\`); the rotating cases cycle
through many URLs so that they are not one cached answer. RSS max = the service's resident memory
during the case (/proc/<pid>/status). A case whose single request is so slow that a timed run
would finish few requests sends one request per connection instead (marked *). autocannon runs
in the harness process on the same 2-core machine as the service and PostgreSQL, and other work on
the machine shows in the load average printed with each run: the numbers compare, they are not
capacity figures.
`;

function sectionMarkers(variant: string) {
  return { start: `<!-- bench:${variant}:start -->`, end: `<!-- bench:${variant}:end -->` };
}

function sectionTitle(report: BenchReport): string {
  if (report.variant === 'quick') return 'Quick run';
  if (report.variant === 'full') return 'Full run';
  return `Full run, ${report.variant.replace('scale-', '--scale ').replace('_', '.')}`;
}

export function markdownSection(report: BenchReport): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|');
  const header = HEADER;
  const rows = tableRows(report).map((row) => [...row, ...Array(Math.max(0, header.length - row.length)).fill('')]);
  const c = report.catalog;
  const lines = [
    `## ${sectionTitle(report)} (${report.date})`,
    '',
    `Machine: ${report.machine.cpus} cores (${report.machine.cpuModel}), ${report.machine.memoryGb} GiB, ` +
      `Node ${report.machine.node}, PostgreSQL ${report.machine.postgres}, ${report.machine.platform}. Commit \`${report.commit}\`. ` +
      `Load average ${report.machine.loadAverage.start} before, ${report.machine.loadAverage.end} after (the run's own load included)${busy(report) ? ' (**the machine was busy with other work: the numbers are noisy**)' : ''}.`,
    `Catalog: ${fmt(c.counts.model)} models, ${fmt(c.counts.provider)} providers, ${fmt(c.counts.offering)} offerings, ` +
      `${fmt(c.counts.price_point)} price points (seed ${String(c.options.seed)}). ` +
      `${report.settings.connections} connections, ${report.settings.durationSeconds} s per case after ${report.settings.warmupSeconds} s warm-up.`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
    '',
    ...(report.cases.some((c) => c.ours?.amount || c.baseline?.amount)
      ? ['\\* slow case: one request per connection (all at once), timed, instead of a fixed-duration run.', '']
      : []),
    ...(report.cases.some((c) => c.ours?.sequential || c.baseline?.sequential)
      ? ['† too slow to load: 3 requests one after another (1 when one takes over 30 s) on 1 connection (p99 = the slowest).', '']
      : []),
    `- ${ingestLine(report.ingest)}`,
    `- Service RSS: ${report.service.idleRssMb} MB idle, ${report.service.maxRssMb} MB max under load.`,
    ...(report.indexRebuildSeconds !== undefined ? [`- Rebuilding the dropped price_point index took ${fmt(report.indexRebuildSeconds, 1)} s.`] : []),
    ...report.cases.flatMap((cs) => cs.notes.map((note) => `- ${cs.title}: ${note}`)),
    '',
    'Goals:',
    '',
    ...report.goals.map((goal) => `- ${goal.met === null ? 'not measured' : goal.met ? 'met' : '**not met**'}: ${goal.goal} (${goal.measured})`),
    '',
    `Raw numbers: \`bench/results/${resultsFileName(report)}\`.`,
  ];
  return lines.join('\n');
}

/** Writes this mode's section of BENCHMARKS.md (creating the file with its intro if needed). */
export function writeMarkdown(report: BenchReport, file: string): void {
  const { start, end } = sectionMarkers(report.variant);
  const section = `${start}\n${markdownSection(report)}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : `${INTRO}\n${sectionMarkers('full').start}\n_No full run recorded yet._\n${sectionMarkers('full').end}\n\n${sectionMarkers('quick').start}\n_No quick run recorded yet._\n${sectionMarkers('quick').end}\n`;
  // The intro is ours: keep it current.
  const firstMarker = text.indexOf('<!-- bench:');
  text = `${INTRO}\n${firstMarker >= 0 ? text.slice(firstMarker) : ''}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text = from >= 0 && to > from ? text.slice(0, from) + section + text.slice(to + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
