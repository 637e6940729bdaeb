/**
 * `npm run scrape -- <source> [--url URL | --file PATH] [--as-of YYYY-MM-DD] [--dry-run] [--allow-mass-unlist]`
 * Runs one source into DATABASE_URL (or the embedded database, when no service holds it) and
 * prints a summary table. Exit code 1 when the run fails or is held for review (it would unlist
 * more than INGEST_MAX_UNLIST_SHARE of the source; --allow-mass-unlist applies it anyway).
 */
import { z } from 'zod';

import { SCRAPER_SOURCES } from '../../../scrapers/registry.js';
import { runCli } from '../../database/cli/run-cli.js';
import { IngestService } from '../ingest.service.js';
import { ScrapeRunnerService } from '../scrape-runner.service.js';

const argsSchema = z
  .object({
    source: z.enum(SCRAPER_SOURCES as [string, ...string[]], { error: `source must be one of ${SCRAPER_SOURCES.join(', ')}` }),
    url: z.url().optional(),
    file: z.string().min(1).optional(),
    asOf: z.iso.date('--as-of must be YYYY-MM-DD').optional(),
    dryRun: z.boolean().default(false),
    allowMassUnlist: z.boolean().default(false),
  })
  .refine((args) => !(args.url && args.file), { message: 'give --url or --file, not both' });

function parseArgs(argv: string[]) {
  const raw: Record<string, unknown> = { source: argv[0] };
  for (let i = 1; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--dry-run') raw.dryRun = true;
    else if (flag === '--allow-mass-unlist') raw.allowMassUnlist = true;
    else if (flag === '--url') raw.url = argv[++i];
    else if (flag === '--file') raw.file = argv[++i];
    else if (flag === '--as-of') raw.asOf = argv[++i];
    else throw new Error(`unknown argument ${flag}`);
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

const STAGES = ['connect', 'fetch', 'ingest', 'done'] as const;

function progress(stage: (typeof STAGES)[number], detail = '') {
  const done = STAGES.indexOf(stage) + 1;
  const width = 24;
  const filled = Math.round((done / STAGES.length) * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  process.stderr.write(`${bar} ${stage}${detail ? `: ${detail}` : ''}\n`);
}

runCli(async ({ config, connection }) => {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  progress('connect');
  const ingest = new IngestService(connection, config);
  const runner = new ScrapeRunnerService(ingest, config);
  const outcome = await runner
    .run(
      { source: args.source, url: args.url, file: args.file, asOf: args.asOf ? new Date(`${args.asOf}T00:00:00Z`) : undefined, dryRun: args.dryRun, allowMassUnlist: args.allowMassUnlist, trigger: 'cli' },
      (stage, detail) => progress(stage, detail),
    )
    .finally(() => ingest.onApplicationShutdown());
  progress('done', `${((Date.now() - started) / 1000).toFixed(2)} s`);
  const rows: [string, string | number][] = [
    ['run', outcome.runId],
    ['source', args.source],
    ['status', outcome.status + (outcome.dryRun ? ' (dry run: nothing written)' : '') + (outcome.status === 'held' ? ' (nothing written; approve with POST /v1/admin/scrape-runs/<run>/approve)' : '')],
    ...Object.entries(outcome.counts),
    ['seconds', ((Date.now() - started) / 1000).toFixed(2)],
  ];
  if (outcome.error) rows.push(['error', outcome.error]);
  if (outcome.hold) rows.push(['held', outcome.hold.reason]);
  const width = Math.max(...rows.map(([key]) => key.length));
  console.log(rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n'));
  return outcome.status === 'succeeded' ? 0 : 1;
});
