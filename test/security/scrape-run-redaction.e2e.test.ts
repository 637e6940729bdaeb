/**
 * Issue #14, class 4 (scrape runs): a URL posted to the admin scrape endpoint with credentials in
 * its userinfo, query or fragment, and the local path of a `--file` run, are never stored and never
 * shown: not on the run (REST, CSV, GraphQL), not on the price points it writes, not in its error.
 * A file run shows `file:<basename>`. Runs stored before the fix are redacted when shown.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { ScrapeRunnerService } from '../../src/ingest/scrape-runner.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let db: DatabaseConnection;
let server: Server;
let host: string;
let ingestKey: string;
let tmp: string;
let fixture: string;

beforeAll(async () => {
  t = await startTestApp({ env: { SCRAPE_ALLOW_LOOPBACK: 'true', SCRAPE_TIMEOUT_MS: '500', SCRAPE_MAX_ATTEMPTS: '1' } });
  db = t.app.get<DatabaseConnection>(DATABASE_CONNECTION);
  fixture = await readFile(new URL('../fixtures/litellm/model_prices_and_context_window.json', import.meta.url), 'utf8');
  // A source mirror on 127.0.0.1: /litellm.json answers the recorded map whatever the query; /missing is a 404.
  server = createServer((req, res) => {
    const pathname = (req.url ?? '').split(/[?#;]/)[0];
    if (pathname === '/missing.json') res.writeHead(404).end('not here');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(fixture);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  ingestKey = (await t.app.get(ApiKeysService).create('redaction ingest', ['ingest'])).key;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ml-private-dir-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(tmp, { recursive: true, force: true });
  await t.close();
});

async function waitForRun(id: number) {
  for (let i = 0; i < 200; i++) {
    const { body } = await t.http.get(`/v1/scrape-runs/${id}`).expect(200);
    if (body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${id} did not finish`);
}

/** Every public answer that shows run `id`, and everything stored for it, as one text. */
async function everythingAbout(id: number): Promise<string> {
  const one = await t.http.get(`/v1/scrape-runs/${id}`).expect(200);
  const list = await t.http.get('/v1/scrape-runs?limit=500').expect(200);
  const csv = await t.http.get('/v1/scrape-runs?limit=500&format=csv').expect(200);
  const gql = await t.http
    .post('/graphql')
    .send({ query: `{ scrapeRun(id: ${id}) { id url error } scrapeRuns(first: 500) { id url error } }` })
    .expect(200);
  expect(gql.body.errors).toBeUndefined();
  const stored = await db.pool.query(`SELECT url, error, hold::text, rejections::text FROM scrape_run WHERE id = $1`, [id]);
  const points = await db.pool.query(`SELECT DISTINCT source_url FROM price_point WHERE scrape_run_id = $1`, [id]);
  const held = await db.pool.query(`SELECT DISTINCT source_url FROM quarantined_price WHERE scrape_run_id = $1`, [id]);
  return [
    JSON.stringify(one.body),
    JSON.stringify(list.body),
    csv.text,
    JSON.stringify(gql.body),
    JSON.stringify(stored.rows),
    JSON.stringify(points.rows),
    JSON.stringify(held.rows),
  ].join('\n');
}

function expectNoSecret(text: string, secret: string) {
  for (const form of [secret, encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret))]) expect(text).not.toContain(form);
}

describe('a scrape URL posted by an ingest key: credentials are redacted before they are stored', () => {
  const cases: [string, (secret: string) => string][] = [
    ['user:password@', (s) => `http://alice:${s}@${host}/litellm.json`],
    ['user@ only (a token as user name)', (s) => `http://${s}@${host}/litellm.json`],
    ['?token=', (s) => `http://${host}/litellm.json?token=${s}`],
    ['?access_token=', (s) => `http://${host}/litellm.json?page=1&access_token=${s}`],
    ['?api_key=', (s) => `http://${host}/litellm.json?api_key=${s}&v=2`],
    ['?apiKey=', (s) => `http://${host}/litellm.json?apiKey=${s}`],
    ['?key=', (s) => `http://${host}/litellm.json?key=${s}`],
    ['?secret=', (s) => `http://${host}/litellm.json?secret=${s}`],
    ['?client_secret=', (s) => `http://${host}/litellm.json?client_id=abc&client_secret=${s}`],
    ['?sig=', (s) => `http://${host}/litellm.json?sv=2024&sig=${s}`],
    ['?X-Amz-Signature= (presigned)', (s) => `http://${host}/litellm.json?X-Amz-Credential=${s}&X-Amz-Signature=${s}`],
    ['?password=', (s) => `http://${host}/litellm.json?password=${s}`],
    ['?TOKEN= (upper case)', (s) => `http://${host}/litellm.json?TOKEN=${s}`],
    ['?%74oken= (encoded name)', (s) => `http://${host}/litellm.json?%74oken=${s}`],
    ['?api%5Fkey= (encoded underscore)', (s) => `http://${host}/litellm.json?api%5Fkey=${s}`],
    ['?token%3D... (encoded =)', (s) => `http://${host}/litellm.json?token%3D${s}`],
    ['?token= percent-encoded value', (s) => `http://${host}/litellm.json?token=${encodeURIComponent(s + '/+=')}`],
    [';token= (semicolon)', (s) => `http://${host}/litellm.json?a=1;token=${s}`],
    ['#access_token= (fragment)', (s) => `http://${host}/litellm.json#access_token=${s}&token_type=bearer`],
    ['a nested URL with userinfo', (s) => `http://${host}/litellm.json?mirror=${encodeURIComponent(`https://u:${s}@mirror.example/x`)}`],
    ['a provider key as a value', (s) => `http://${host}/litellm.json?q=sk-proj-${s}`],
    ['on a URL that fails (404)', (s) => `http://${host}/missing.json?token=${s}`],
    ['with userinfo on a URL that fails (404)', (s) => `http://bob:${s}@${host}/missing.json`],
  ];

  it.each(cases.map(([name, make], index) => [name, make, `Zq${index}S3cretV4lue`] as const))('%s', async (_name, make, secret) => {
    const url = make(secret);
    const started = await t.http.post('/v1/admin/scrape/litellm').set('x-api-key', ingestKey).send({ url }).expect(202);
    expectNoSecret(JSON.stringify(started.body), secret);
    const run = await waitForRun(started.body.runId);
    expect(['succeeded', 'failed']).toContain(run.status);
    expect(run.url).toContain(host);
    expectNoSecret(await everythingAbout(run.id), secret);
  });

  it('a run that worked keeps a useful URL, and its price points carry the same redacted one', async () => {
    const secret = 'PpS3cretForPoints';
    const started = await t.http
      .post('/v1/admin/scrape/litellm')
      .set('x-api-key', ingestKey)
      .send({ url: `http://u:${secret}@${host}/litellm.json?format=json&token=${secret}`, asOf: '2026-02-01' })
      .expect(202);
    const run = await waitForRun(started.body.runId);
    // undici refuses URLs with credentials: the run fails, saying so without them.
    expect(run.url).toBe(`http://REDACTED:REDACTED@${host}/litellm.json?format=json&token=REDACTED`);
    const okStarted = await t.http
      .post('/v1/admin/scrape/litellm')
      .set('x-api-key', ingestKey)
      .send({ url: `http://${host}/litellm.json?format=json&token=${secret}`, asOf: '2026-02-02' })
      .expect(202);
    const ok = await waitForRun(okStarted.body.runId);
    expect(ok.status).toBe('succeeded');
    expect(ok.url).toBe(`http://${host}/litellm.json?format=json&token=REDACTED`);
    const points = await db.pool.query(`SELECT DISTINCT source_url FROM price_point WHERE scrape_run_id = $1`, [ok.id]);
    expect(points.rows.length).toBeGreaterThan(0);
    expect(points.rows.map((row) => row.source_url)).toEqual([ok.url]);
  });

  it.each(['ftp://user:pw@files.example/x.json', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'a non-http(s) URL %s is refused (400 naming url), nothing stored',
    async (url) => {
      const before = Number((await db.pool.query(`SELECT count(*) FROM scrape_run`)).rows[0].count);
      const { body } = await t.http.post('/v1/admin/scrape/litellm').set('x-api-key', ingestKey).send({ url }).expect(400);
      expect(body.issues.map((issue: { path: string }) => issue.path)).toContain('url');
      expect(Number((await db.pool.query(`SELECT count(*) FROM scrape_run`)).rows[0].count)).toBe(before);
    },
  );
});

describe('--file runs show only file:<basename>', () => {
  const runner = () => t.app.get(ScrapeRunnerService);
  const dirName = () => path.basename(tmp);

  async function expectNoPath(runId: number) {
    const text = await everythingAbout(runId);
    expect(text).not.toContain(dirName());
    expect(text).not.toContain(os.tmpdir());
    expect(text).not.toMatch(/file:\/\//);
    return text;
  }

  it.each([
    ['an absolute path', () => path.join(tmp, 'snapshots', 'litellm-2026-03-01.json')],
    ['a relative path', () => path.relative(process.cwd(), path.join(tmp, 'snapshots', 'litellm-2026-03-01.json'))],
    ['a ./ relative path', () => `./${path.relative(process.cwd(), path.join(tmp, 'snapshots', 'litellm-2026-03-01.json'))}`],
    ['a path with .. segments', () => path.join(tmp, 'snapshots', '..', 'snapshots', 'litellm-2026-03-01.json')],
  ])('%s: the run, its price points and the public answers say file:litellm-2026-03-01.json', async (_name, file) => {
    await mkdir(path.join(tmp, 'snapshots'), { recursive: true });
    await writeFile(path.join(tmp, 'snapshots', 'litellm-2026-03-01.json'), fixture);
    const outcome = await runner().run({ source: 'litellm', file: file(), asOf: new Date('2026-03-01T00:00:00Z'), trigger: 'cli' });
    expect(outcome.status, JSON.stringify(outcome)).toBe('succeeded');
    const { body } = await t.http.get(`/v1/scrape-runs/${outcome.runId}`).expect(200);
    expect(body.url).toBe('file:litellm-2026-03-01.json');
    await expectNoPath(outcome.runId);
  });

  it('the first import from a file writes its price points with file:<basename>', async () => {
    const fresh = await startTestApp({ seeded: false });
    try {
      const file = path.join(tmp, 'fresh', 'first.json');
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, fixture);
      const outcome = await fresh.app.get(ScrapeRunnerService).run({ source: 'litellm', file, trigger: 'cli' });
      expect(outcome.status).toBe('succeeded');
      const points = await fresh.app
        .get<DatabaseConnection>(DATABASE_CONNECTION)
        .pool.query(`SELECT DISTINCT source_url FROM price_point WHERE scrape_run_id = $1`, [outcome.runId]);
      expect(points.rows).toEqual([{ source_url: 'file:first.json' }]);
    } finally {
      await fresh.close();
    }
  });

  it.each([
    ['a missing file', () => path.join(tmp, 'nowhere', 'missing.json'), /missing\.json/],
    ['a directory', () => path.join(tmp, 'snapshots'), /snapshots/],
    ['a file that is not JSON', () => path.join(tmp, 'broken.json'), /not JSON/],
  ])('%s: the run fails, naming the file by its basename only', async (_name, file, message) => {
    await writeFile(path.join(tmp, 'broken.json'), '{ "truncated": ');
    await mkdir(path.join(tmp, 'snapshots'), { recursive: true });
    const outcome = await runner().run({ source: 'litellm', file: file(), trigger: 'cli' });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(message);
    expect(outcome.error).not.toContain(tmp);
    const text = await expectNoPath(outcome.runId);
    expect(text).toContain(outcome.error!);
  });
});

describe('rows stored before the fix are redacted when shown', () => {
  it('a legacy quarantined price with a secret source URL: the list and the accepted point show it redacted', async () => {
    const secret = 'QuarantineS3cret';
    const run = (await db.pool.query<{ id: number }>(`INSERT INTO scrape_run (source, as_of, status) VALUES ('legacy', now(), 'succeeded') RETURNING id`))
      .rows[0]!;
    const offering = (await db.pool.query<{ id: number }>(`SELECT id FROM offering WHERE provider_slug = 'openai' AND provider_model_id = 'gpt-4o'`)).rows[0]!;
    const held = (
      await db.pool.query<{ id: number }>(
        `INSERT INTO quarantined_price (scrape_run_id, offering_id, component, unit, previous_usd, proposed_usd, valid_from, observed_at, source, source_url, reason)
         VALUES ($1, $2, 'input', '1M tokens', 2.5, 60, '2026-06-01', now(), 'legacy', $3, 'price rose 24x (limit 10x)') RETURNING id`,
        [run.id, offering.id, `https://ops:${secret}@mirror.example/prices.json?token=${secret}`],
      )
    ).rows[0]!;
    const list = await t.http.get('/v1/quarantine?status=all').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.items.find((item: { id: number }) => item.id === held.id).sourceUrl).toBe(
      'https://REDACTED:REDACTED@mirror.example/prices.json?token=REDACTED',
    );
    const adminKey = (await t.app.get(ApiKeysService).create('redaction admin', ['admin'])).key;
    const accepted = await t.http.post(`/v1/admin/quarantine/${held.id}/accept`).set('x-api-key', adminKey).send({ reason: 'checked' }).expect(201);
    const point = await db.pool.query(`SELECT source_url FROM price_point WHERE id = $1`, [accepted.body.pricePointId]);
    expect(point.rows[0].source_url).not.toContain(secret);
  });

  it('a legacy run with a secret URL, a local file URL and a driver error', async () => {
    const secret = 'LegacyS3cretToken';
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO scrape_run (source, url, as_of, status, error, finished_at) VALUES
         ('litellm', $1, now(), 'failed', $2, now()),
         ('litellm', $3, now(), 'failed', $4, now())
       RETURNING id`,
      [
        `https://ops:${secret}@mirror.example/litellm.json?api_key=${secret}`,
        `fetch https://mirror.example/x?token=${secret} failed: Authorization: Bearer ${secret}`,
        `file:///home/deploy/${secret}-dir/snap.json`,
        `ENOENT: no such file or directory, open '/home/deploy/${secret}-dir/snap.json'`,
      ],
    );
    for (const { id } of rows) {
      const { body } = await t.http.get(`/v1/scrape-runs/${id}`).expect(200);
      expect(JSON.stringify(body)).not.toContain(secret);
      const gql = await t.http
        .post('/graphql')
        .send({ query: `{ scrapeRun(id: ${id}) { url error } }` })
        .expect(200);
      expect(JSON.stringify(gql.body)).not.toContain(secret);
    }
    const second = (await t.http.get(`/v1/scrape-runs/${rows[1]!.id}`).expect(200)).body;
    expect(second.url).toBe('file:snap.json');
    expect(second.error).toContain('file:snap.json');
  });
});
