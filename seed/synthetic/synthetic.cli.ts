/**
 * Builds a database with the synthetic catalog (for benchmarks; never the dev or test database).
 *
 *   npm run build && node dist/seed/synthetic/synthetic.cli.js [--database model_ledger_bench]
 *     [--seed 42] [--scale 1] [--quick] [--models N] [--providers N] [--offerings N] [--points N]
 *     [--end-date YYYY-MM-DD] [--server postgresql://postgres@127.0.0.1:5432/postgres]
 *
 * Defaults: 5,000 models, 200 providers, 50,000 offerings, 1,000,000 price points over 3 years;
 * `--scale 10` gives 10,000,000 points. `--quick`: 500 / 40 / 5,000 / 100,000. The database is
 * dropped and created again.
 */
import { parseArgs } from 'node:util';

import { buildSyntheticDatabase, DEFAULT_SERVER_URL } from './synthetic-database.js';
import { resolveSyntheticOptions, type SyntheticOptions } from './synthetic-catalog.js';

const USAGE = `usage: node dist/seed/synthetic/synthetic.cli.js [--database NAME] [--seed N] [--scale X] [--quick]
       [--models N] [--providers N] [--offerings N] [--points N] [--end-date YYYY-MM-DD] [--server URL]`;

async function main() {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'model_ledger_bench' },
      server: { type: 'string', default: process.env.BENCH_SERVER_URL ?? DEFAULT_SERVER_URL },
      seed: { type: 'string' },
      scale: { type: 'string', default: '1' },
      quick: { type: 'boolean', default: false },
      models: { type: 'string' },
      providers: { type: 'string' },
      offerings: { type: 'string' },
      points: { type: 'string' },
      'end-date': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!/^[a-z0-9_]+$/.test(values.database)) throw new Error(`--database must be a plain lower-case name, got "${values.database}"`);
  if (/^(ml_dev|ml_t|postgres|template\d)$/.test(values.database)) throw new Error(`refusing to overwrite database "${values.database}"`);
  const integer = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    const n = Number(value.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  const overrides: Partial<SyntheticOptions> = Object.fromEntries(
    Object.entries({
      seed: integer(values.seed, 'seed'),
      models: integer(values.models, 'models'),
      providers: integer(values.providers, 'providers'),
      offerings: integer(values.offerings, 'offerings'),
      pricePoints: integer(values.points, 'points'),
      endDate: values['end-date'],
    }).filter(([, value]) => value !== undefined),
  );
  const options = resolveSyntheticOptions(overrides, { quick: values.quick, scale: Number(values.scale) });
  console.log(`synthetic catalog into ${values.database}: ${JSON.stringify(options)}`);
  const started = performance.now();
  const result = await buildSyntheticDatabase({ serverUrl: values.server, database: values.database, options });
  console.log(`shape: ${JSON.stringify(result.shape)}`);
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${result.databaseUrl}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
