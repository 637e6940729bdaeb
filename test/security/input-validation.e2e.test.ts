/**
 * Bad input never reaches the database (issue #14, class 5). Tampered pagination cursors (wrong
 * element types, NUL, out-of-range and non-finite numbers, wrong length, not base64url, huge) on
 * every cursor-taking route, REST and GraphQL `after`; integers outside what their column (or
 * their documented bound) holds in every integer field of query, path and body input. Each is a 400
 * (GraphQL: BAD_USER_INPUT) naming the field, never a 500 with a database message, and nothing is
 * written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let pool: DatabaseConnection['pool'];
let adminKey: string;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const enc = (value: unknown) => b64(JSON.stringify(value));
const NUL = '\u0000';
/** What a 400 must never show: driver or database text. */
const INTERNALS = /invalid input syntax|out of range for type|22P02|22003|22021|22007|prisma|postgres|node_modules|stack/i;

/** Cursors invalid for every kind of cursor (id, slug, model tuple, history tuple). */
const TAMPERED_ANYWHERE: [string, string][] = [
  ['not base64url', '!!!!'],
  ['standard base64 with padding', 'a+b/c=='],
  ['spaces', 'YWJj ZGVm'],
  ['not JSON', b64('{not json')],
  ['JSON of a lone quote', b64('"')],
  ['huge (5000 characters)', 'A'.repeat(5000)],
  ['huge JSON value', enc('x'.repeat(2000))],
  ['null', enc(null)],
  ['true', enc(true)],
  ['an object', enc({ id: 1, slug: 'openai' })],
  ['an empty array', enc([])],
  ['nested arrays', enc([[[]]])],
  ['an array of nulls', enc([null, null, null])],
  ['an array of numbers', enc([1, 2, 3])],
  ['NUL alone', enc(NUL)],
  ['a non-finite number (1e999)', b64('1e999')],
  ['-1', enc(-1)],
  ['a float', enc(1.5)],
  ['2147483648 (beyond int4)', enc(2147483648)],
  ['1e300', b64('1e300')],
  ['2^63', b64('9223372036854775808')],
];

const idCursors: [string, string][] = [
  ['0', enc(0)],
  ['-2147483649', enc(-2147483649)],
  ['2^53', enc(2 ** 53)],
  ['a digit string', enc('1')],
  ['an array holding an id', enc([1])],
  ['a NUL string', enc(`1${NUL}`)],
];

const slugCursors: [string, string][] = [
  ['an empty slug', enc('')],
  ['a slug with NUL', enc(`open${NUL}ai`)],
  ['a number', enc(5)],
  ['an overlong slug', enc('s'.repeat(400))],
  ['an array holding a slug', enc(['openai'])],
];

const historyCursors: [string, string][] = [
  ['not a date', enc(['yesterday', 'p00000000000000000001'])],
  ['an impossible day', enc(['2026-02-30T00:00:00.000Z', 'p00000000000000000001'])],
  ['year 0000', enc(['0000-01-01T00:00:00.000Z', 'p00000000000000000001'])],
  ['beyond year 9999', enc(['+275760-09-13T00:00:00.000Z', 'p00000000000000000001'])],
  ['a negative year', enc(['-271821-04-20T00:00:00.000Z', 'p00000000000000000001'])],
  ['epoch milliseconds', enc([1767225600000, 'p00000000000000000001'])],
  ['a sort key of the wrong shape', enc(['2026-01-01T00:00:00.000Z', 'x'])],
  ['a sort key with NUL', enc(['2026-01-01T00:00:00.000Z', `p0000000000000000000${NUL}`])],
  ['a sort key as a number', enc(['2026-01-01T00:00:00.000Z', 1])],
  ['one element', enc(['2026-01-01T00:00:00.000Z'])],
  ['three elements', enc(['2026-01-01T00:00:00.000Z', 'p00000000000000000001', 'x'])],
];

/** Model cursors are [sort key, sort value as text, slug]; `sort` is the query's sort. */
const modelCursors: { name: string; sort: string; cursor: string }[] = [
  { name: 'a word as a price', sort: 'inputPrice', cursor: enc(['inputPrice', 'abc', 'gpt-4o']) },
  { name: 'a non-finite price (1e999)', sort: 'inputPrice', cursor: enc(['inputPrice', '1e999', 'gpt-4o']) },
  { name: 'NaN as a price', sort: 'inputPrice', cursor: enc(['inputPrice', 'NaN', 'gpt-4o']) },
  { name: 'Infinity as a price', sort: '-outputPrice', cursor: enc(['outputPrice', 'Infinity', 'gpt-4o']) },
  { name: '-Infinity as a price', sort: 'outputPrice', cursor: enc(['outputPrice', '-Infinity', 'gpt-4o']) },
  { name: 'a price with an exponent', sort: 'inputPrice', cursor: enc(['inputPrice', '1e5', 'gpt-4o']) },
  { name: 'a price with spaces', sort: 'inputPrice', cursor: enc(['inputPrice', ' 1 ', 'gpt-4o']) },
  { name: 'a 100-digit price', sort: 'inputPrice', cursor: enc(['inputPrice', '9'.repeat(100), 'gpt-4o']) },
  { name: 'a price as a JSON number', sort: 'inputPrice', cursor: enc(['inputPrice', 1.5, 'gpt-4o']) },
  { name: 'a price with NUL', sort: 'inputPrice', cursor: enc(['inputPrice', `1${NUL}`, 'gpt-4o']) },
  { name: 'hex as a context window', sort: 'contextWindow', cursor: enc(['contextWindow', '0x10', 'gpt-4o']) },
  { name: 'a word as parameters', sort: '-parameters', cursor: enc(['parameters', 'seventy', 'gpt-4o']) },
  { name: 'NaN as a score', sort: '-score:mmlu', cursor: enc(['score:mmlu', 'NaN', 'gpt-4o']) },
  { name: 'an impossible release date', sort: '-releaseDate', cursor: enc(['releaseDate', '2026-13-45', 'gpt-4o']) },
  { name: 'release date year 0000', sort: 'releaseDate', cursor: enc(['releaseDate', '0000-01-01', 'gpt-4o']) },
  { name: 'release date year 99999', sort: 'releaseDate', cursor: enc(['releaseDate', '99999-01-01', 'gpt-4o']) },
  { name: 'a word as a release date', sort: 'releaseDate', cursor: enc(['releaseDate', 'yesterday', 'gpt-4o']) },
  { name: 'a name with NUL', sort: 'name', cursor: enc(['name', `gpt${NUL}`, 'gpt-4o']) },
  { name: 'a name as an object', sort: 'name', cursor: enc(['name', {}, 'gpt-4o']) },
  { name: 'a slug with NUL', sort: 'slug', cursor: enc(['slug', 'gpt-4o', `gpt${NUL}4o`]) },
  { name: 'a slug as a number', sort: 'slug', cursor: enc(['slug', 'gpt-4o', 5]) },
  { name: 'a null slug', sort: 'slug', cursor: enc(['slug', 'gpt-4o', null]) },
  { name: 'a sort key with NUL', sort: 'slug', cursor: enc([`slug${NUL}`, 'gpt-4o', 'gpt-4o']) },
  { name: 'a sort key as a number', sort: 'slug', cursor: enc([1, 'gpt-4o', 'gpt-4o']) },
  { name: 'two elements', sort: 'slug', cursor: enc(['slug', 'gpt-4o']) },
  { name: 'four elements', sort: 'slug', cursor: enc(['slug', 'gpt-4o', 'gpt-4o', 'x']) },
  { name: 'a cursor of another sort', sort: 'inputPrice', cursor: enc(['slug', 'gpt-4o', 'gpt-4o']) },
  ...TAMPERED_ANYWHERE.map(([name, cursor]) => ({ name, sort: 'inputPrice', cursor })),
];

/** Every REST route that takes a cursor, a query that pages it, and the cursors to try. */
const CURSOR_ROUTES: { path: string; query: Record<string, string>; tampered: [string, string][] }[] = [
  {
    path: '/v1/models',
    query: { limit: '2' },
    tampered: [...TAMPERED_ANYWHERE, ...modelCursors.filter((c) => c.sort === 'slug').map((c): [string, string] => [c.name, c.cursor])],
  },
  { path: '/v1/providers', query: { limit: '2' }, tampered: [...TAMPERED_ANYWHERE, ...slugCursors] },
  { path: '/v1/offerings', query: { limit: '2' }, tampered: [...TAMPERED_ANYWHERE, ...idCursors] },
  { path: '/v1/scrape-runs', query: { limit: '1' }, tampered: [...TAMPERED_ANYWHERE, ...idCursors] },
  { path: '/v1/prices/history', query: { limit: '2' }, tampered: [...TAMPERED_ANYWHERE, ...historyCursors] },
];

function expectRefusal(res: { status: number; body: { message?: string; issues?: { path: string; message: string }[] }; text: string }, field: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.issues?.map((issue) => issue.path)).toContain(field);
  const issue = res.body.issues!.find((i) => i.path === field)!;
  expect(issue.message.length).toBeGreaterThan(5);
  expect(res.text).not.toMatch(INTERNALS);
}

async function rowCounts(): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ t: string; n: string }>(
    `SELECT 'price_point' AS t, count(*)::text AS n FROM price_point UNION ALL
     SELECT 'license_version', count(*)::text FROM license_version UNION ALL
     SELECT 'quarantined_price', count(*)::text FROM quarantined_price WHERE status <> 'pending' UNION ALL
     SELECT 'scrape_run', count(*)::text FROM scrape_run`,
  );
  return Object.fromEntries(rows.map((row) => [row.t, row.n]));
}

beforeAll(async () => {
  t = await startTestApp();
  adminKey = (await t.app.get(ApiKeysService).create('security-test', ['admin', 'ingest', 'read'])).key;
  pool = t.app.get<DatabaseConnection>(DATABASE_CONNECTION).pool;
  // A few finished runs, so /v1/scrape-runs pages.
  await pool.query(`INSERT INTO scrape_run (source, as_of, status, finished_at) SELECT 'litellm', now(), 'succeeded', now() FROM generate_series(1, 3)`);
});
afterAll(() => t?.close());

describe('tampered cursors (REST)', () => {
  it('the routes tried below are every route whose OpenAPI parameters include a cursor', async () => {
    const spec = (await t.http.get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    const withCursor = Object.entries(spec.paths)
      .filter(([, operations]) => Object.values(operations).some((op) => op.parameters?.some((p) => p.name === 'cursor')))
      .map(([path]) => path);
    expect(withCursor.sort()).toEqual(CURSOR_ROUTES.map((r) => r.path).sort());
  });

  describe.each(CURSOR_ROUTES)('$path', ({ path, query, tampered }) => {
    it('a cursor handed out walks on (the check refuses only what was not made here)', async () => {
      const first = await t.http.get(path).query(query).expect(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t.http
        .get(path)
        .query({ ...query, cursor: first.body.nextCursor })
        .expect(200);
      expect(second.body.items.length).toBeGreaterThan(0);
      expect(second.body.items).not.toContainEqual(first.body.items[0]);
    });

    it.each(tampered)('refuses a cursor that is %s with a 400 naming cursor', async (_name, cursor) => {
      expectRefusal(await t.http.get(path).query({ ...query, cursor }), 'cursor');
    });

    it('refuses a cursor with a NUL in the query string itself, and an empty one', async () => {
      expectRefusal(await t.http.get(`${path}?cursor=%00`), 'cursor');
      expectRefusal(await t.http.get(`${path}?cursor=`), 'cursor');
    });
  });

  describe('GET /v1/models: the sort value is checked as its sort type', () => {
    it.each(modelCursors.map((c) => [c.name, c.sort, c.cursor]))('refuses %s (sort=%s)', async (_name, sort, cursor) => {
      expectRefusal(await t.http.get('/v1/models').query({ sort, cursor }), 'cursor');
    });

    it.each(['slug', '-name', 'inputPrice', '-outputPrice', 'releaseDate', '-contextWindow', 'parameters', '-score:mmlu'])(
      'a cursor of sort=%s made by the service is accepted',
      async (sort) => {
        const first = await t.http.get('/v1/models').query({ sort, limit: 3 }).expect(200);
        expect(first.body.nextCursor).toEqual(expect.any(String));
        await t.http.get('/v1/models').query({ sort, limit: 3, cursor: first.body.nextCursor }).expect(200);
      },
    );
  });

  it('CSV exports refuse the same cursors', async () => {
    expectRefusal(await t.http.get('/v1/offerings').query({ format: 'csv', cursor: enc(2147483648) }), 'cursor');
    expectRefusal(await t.http.get('/v1/prices/history').query({ format: 'csv', cursor: enc(['x', 'y']) }), 'cursor');
  });
});

describe('tampered cursors (GraphQL after)', () => {
  const MODELS = 'query ($after: String, $sort: String) { models(first: 2, after: $after, sort: $sort) { nodes { slug } pageInfo { endCursor } } }';

  it('an endCursor handed out walks on', async () => {
    const first = await t.http
      .post('/graphql')
      .send({ query: MODELS, variables: { sort: 'inputPrice' } })
      .expect(200);
    const after = first.body.data.models.pageInfo.endCursor;
    expect(after).toEqual(expect.any(String));
    const second = await t.http
      .post('/graphql')
      .send({ query: MODELS, variables: { sort: 'inputPrice', after } })
      .expect(200);
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data.models.nodes.length).toBeGreaterThan(0);
  });

  it.each(modelCursors.map((c) => [c.name, c.sort, c.cursor]))('refuses %s (sort=%s) as BAD_USER_INPUT on after', async (_name, sort, after) => {
    const res = await t.http.post('/graphql').send({ query: MODELS, variables: { sort, after } });
    expect(res.status).toBeLessThan(500);
    expect(res.body.data?.models ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(res.body.errors[0].message).toMatch(/^Invalid argument after: (malformed cursor \(.+\)|this cursor belongs to sort|Too big)/);
    expect(res.text).not.toMatch(INTERNALS);
  });

  it('refuses a tampered cursor written inline in the document too', async () => {
    const cursor = enc(['inputPrice', '1e999', 'gpt-4o']);
    const res = await t.http.post('/graphql').send({ query: `{ models(sort: "inputPrice", after: "${cursor}") { nodes { slug } } }` });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('integers out of range (every integer and number field the OpenAPI document lists)', () => {
  interface Field {
    operation: string;
    method: string;
    path: string;
    where: 'query' | 'path' | 'body';
    /** Field path as the 400 names it (body: dotted, array items by index). */
    name: string;
    schema: { type?: string | string[]; minimum?: number; exclusiveMinimum?: number; maximum?: number };
  }

  /** A valid request of each operation that takes a body or a required query, the field under test then set in it. */
  const BASES: Record<string, { query?: Record<string, string>; body?: Record<string, unknown> }> = {
    'GET /v1/compare': { query: { models: 'gpt-4o' } },
    'POST /v1/admin/prices': { body: { offeringId: 2147483647, component: 'input', usd: '1.00', validFrom: '2026-02-01', reason: 'security test' } },
    'POST /v1/decision': {
      body: {
        workload: { requestsPerMonth: 1000, inputTokensPerRequest: 500, outputTokensPerRequest: 500 },
        quality: { benchmark: 'mmlu', minScore: 50 },
        limit: 5,
      },
    },
    'POST /v1/route': { body: { classes: [{ name: 'x', requestsPerMonth: 1000, tokensPerRequest: 100, quality: { minScore: 50 } }] } },
    'POST /v1/license-check': { body: { model: 'llama-3-3-70b' } },
  };

  /** The base for one field: a class gives either tokensPerRequest or input and output tokens. */
  function baseFor(field: Field) {
    const base = structuredClone(BASES[field.operation] ?? {});
    if (field.operation === 'POST /v1/route' && /^classes\.0\.(input|output)TokensPerRequest$/.test(field.name)) {
      const item = (base.body!.classes as Record<string, unknown>[])[0]!;
      delete item.tokensPerRequest;
      Object.assign(item, { inputTokensPerRequest: 50, outputTokensPerRequest: 50 });
    }
    return base;
  }

  function bounds(field: Field) {
    const integer = field.schema.type === 'integer';
    const max = field.schema.maximum;
    const min = field.schema.minimum ?? (field.schema.exclusiveMinimum !== undefined ? field.schema.exclusiveMinimum + (integer ? 1 : 0) : undefined);
    return { integer, min, max };
  }

  /** A value the field accepts: its maximum when that is an id's (no row has it, nothing is written), else its minimum. */
  function validValue(field: Field): string {
    const { min, max } = bounds(field);
    if (max !== undefined && max <= 2147483647 && (field.name === 'id' || field.name.endsWith('Id'))) return String(max);
    return String(min ?? max ?? 1);
  }

  /** Values the field must refuse. */
  function badValues(field: Field): { label: string; raw: string }[] {
    const { integer, min, max } = bounds(field);
    const values: { label: string; raw: string }[] = [
      { label: '1e300', raw: '1e300' },
      { label: '-1e300', raw: '-1e300' },
    ];
    if (integer) values.push({ label: 'a float', raw: '1.5' }, { label: '2^64', raw: '18446744073709551616' });
    const id = field.name === 'id' || field.name.endsWith('Id');
    if (integer && (id || max === undefined || max < 2147483648)) values.push({ label: '2147483648 (beyond int4)', raw: '2147483648' });
    if (max !== undefined && max + 1 <= Number.MAX_SAFE_INTEGER) values.push({ label: 'max + 1', raw: String(max + 1) });
    if (max !== undefined && max + 1 > Number.MAX_SAFE_INTEGER) values.push({ label: 'max + 2', raw: '9007199254740993' });
    if (min !== undefined) values.push({ label: 'min - 1', raw: String(min - 1) }, { label: '-2147483649', raw: '-2147483649' });
    if (field.where === 'body') {
      values.push({ label: 'non-finite (1e999)', raw: '1e999' });
      if (integer) values.push({ label: 'a string', raw: '"1"' });
    } else values.push({ label: 'NaN', raw: 'NaN' }, { label: 'Infinity', raw: 'Infinity' }, { label: 'a word', raw: 'ten' });
    return values;
  }

  const fields: Field[] = [];
  const enums: Record<string, Record<string, string>> = {};

  function send(field: Field, raw: string) {
    const base = baseFor(field);
    const pathParams: Record<string, string> = { id: '2147483647', slug: 'mmlu', ...enums[field.operation] };
    if (field.where === 'path') pathParams[field.name] = encodeURIComponent(raw);
    const url = field.path.replace(/\{(\w+)\}/g, (_m, name: string) => pathParams[name] ?? 'x');
    const query = new URLSearchParams(base.query ?? {});
    if (field.where === 'query') query.set(field.name, raw);
    let body: string | undefined;
    if (field.where === 'body') {
      // The field set inside a valid body, as JSON text (1e999 is no JS number).
      const root: Record<string, unknown> = base.body ?? {};
      const parts = field.name.split('.');
      let at: Record<string, unknown> | unknown[] = root;
      parts.slice(0, -1).forEach((part, index) => {
        const key = /^\d+$/.test(part) ? Number(part) : part;
        const container = at as Record<string | number, unknown>;
        container[key] ??= /^\d+$/.test(parts[index + 1]!) ? [] : {};
        at = container[key] as Record<string, unknown>;
      });
      (at as Record<string, unknown>)[parts.at(-1)!] = '__RAW__';
      body = JSON.stringify(root).replace('"__RAW__"', raw);
    } else if (field.method !== 'get') body = '{}';
    const search = query.toString();
    let req = t.http[field.method as 'get' | 'post' | 'patch'](`${url}${search ? `?${search}` : ''}`).set('x-api-key', adminKey);
    if (body !== undefined) req = req.set('content-type', 'application/json').send(body);
    return req;
  }

  /** An issue on the field, or on a field holding it (a union such as quality names the union). */
  const namesField = (res: { body?: { issues?: { path: string }[] } }, name: string) =>
    (res.body?.issues ?? []).some((issue) => issue.path === name || name.startsWith(`${issue.path}.`));

  beforeAll(async () => {
    const spec = (await t.http.get('/openapi.json').expect(200)).body;
    const resolve = (schema: Record<string, unknown>): Record<string, unknown> =>
      typeof schema.$ref === 'string' ? resolve(spec.components.schemas[schema.$ref.split('/').pop()!]) : schema;
    const walk = (schema: Record<string, unknown> | undefined, at: string[], visit: (at: string[], schema: Field['schema']) => void) => {
      if (!schema) return;
      const s = resolve(schema);
      if (s.type === 'integer' || s.type === 'number') visit(at, s as Field['schema']);
      for (const key of ['anyOf', 'oneOf', 'allOf']) for (const sub of (s[key] as Record<string, unknown>[] | undefined) ?? []) walk(sub, at, visit);
      for (const [name, sub] of Object.entries((s.properties as Record<string, Record<string, unknown>> | undefined) ?? {})) walk(sub, [...at, name], visit);
      if (s.items) walk(s.items as Record<string, unknown>, [...at, '0'], visit);
    };
    for (const [path, operations] of Object.entries(spec.paths as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const [method, op] of Object.entries(operations)) {
        const operation = `${method.toUpperCase()} ${path}`;
        for (const parameter of (op.parameters as { in: 'query' | 'path'; name: string; schema: Record<string, unknown> }[] | undefined) ?? []) {
          const values = resolve(parameter.schema).enum as string[] | undefined;
          if (parameter.in === 'path' && values) enums[operation] = { ...enums[operation], [parameter.name]: values[0]! };
          walk(parameter.schema, [parameter.name], (at, schema) => fields.push({ operation, method, path, where: parameter.in, name: at.join('.'), schema }));
        }
        const body = (op.requestBody as { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined)?.content?.['application/json']?.schema;
        walk(body, [], (at, schema) => fields.push({ operation, method, path, where: 'body', name: at.join('.'), schema }));
      }
    }
  });

  it('finds the integer fields of admin, path, query and decision input', () => {
    const names = fields.map((field) => `${field.operation} ${field.where}:${field.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /v1/admin/prices body:offeringId',
        'POST /v1/admin/quarantine/{id}/{decision} path:id',
        'GET /v1/offerings/{id}/audit path:id',
        'GET /v1/scrape-runs/{id} path:id',
        'GET /v1/models query:minContext',
        'GET /v1/models query:limit',
        'GET /v1/prices/history query:limit',
        'GET /v1/compare query:requestsPerMonth',
        'POST /v1/decision body:workload.requestsPerMonth',
        'POST /v1/route body:classes.0.tokensPerRequest',
      ]),
    );
    // Every int4 id is bounded to its column.
    for (const field of fields.filter((f) => f.name === 'id' || f.name === 'offeringId')) expect(field.schema.maximum, field.operation).toBe(2147483647);
    // Every operation with a body field has a valid base to set it in.
    for (const field of fields.filter((f) => f.where === 'body')) expect(Object.keys(BASES), field.operation).toContain(field.operation);
  });

  it('each field accepts a value in range (so the refusals below are about the value, not the rest of the request)', async () => {
    const failures: string[] = [];
    for (const field of fields) {
      const res = await send(field, validValue(field));
      if (res.status >= 500 || namesField(res, field.name))
        failures.push(`${field.operation} ${field.where}:${field.name}=${validValue(field)} -> ${res.status} ${res.text.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses each bad value of each field with a 400 naming that field', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const field of fields) {
      for (const { label, raw } of badValues(field)) {
        const res = await send(field, raw);
        tried++;
        if (res.status !== 400 || !namesField(res, field.name) || INTERNALS.test(res.text)) {
          failures.push(`${field.operation} ${field.where}:${field.name}=${label} -> ${res.status} ${res.text.slice(0, 300)}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(150);
    expect(failures).toEqual([]);
  });
});

describe('admin bodies: out-of-range integers are refused and nothing is written', () => {
  let before: Record<string, string>;
  beforeAll(async () => {
    before = await rowCounts();
  });

  const correction = (extra: Record<string, unknown>) => ({ component: 'input', usd: '1.00', validFrom: '2026-02-01', reason: 'security test', ...extra });

  it.each([
    ['2147483648', '2147483648'],
    ['-1', '-1'],
    ['0', '0'],
    ['1e300', '1e300'],
    ['1e999', '1e999'],
    ['a float', '1.5'],
    ['2^53 + 1', '9007199254740993'],
    ['-2147483649', '-2147483649'],
    ['a digit string', '"1"'],
    ['null', 'null'],
  ])('POST /v1/admin/prices with offeringId %s', async (_label, raw) => {
    const body = JSON.stringify(correction({})).replace(/^\{/, `{"offeringId":${raw},`);
    const res = await t.http.post('/v1/admin/prices').set('x-api-key', adminKey).set('content-type', 'application/json').send(body);
    expectRefusal(res, 'offeringId');
    expect(res.body.message).toMatch(/offeringId/);
  });

  it.each([
    ['beyond bigint', '9223372036854775808'],
    ['20 digits', '99999999999999999999'],
    ['0', '0'],
    ['negative', '-1'],
    ['an exponent', '1e3'],
    ['a number, not text', 5],
    ['with NUL', `1${NUL}`],
  ])('POST /v1/admin/prices with supersedes %s', async (_label, supersedes) => {
    const offering = (await t.http.get('/v1/offerings?limit=1').expect(200)).body.items[0];
    const res = await t.http
      .post('/v1/admin/prices')
      .set('x-api-key', adminKey)
      .send(correction({ offeringId: offering.id, supersedes }));
    expectRefusal(res, 'supersedes');
  });

  it.each([
    ['1e300', '1e300'],
    ['2^63', '9223372036854775808'],
    ['-1', '-1'],
    ['0', '0'],
    ['a float', '1.5'],
    ['1e999', '1e999'],
  ])('PATCH /v1/admin/licenses/:id with terms.userCapMau.value %s', async (_label, raw) => {
    const body = `{"terms":{"userCapMau":{"value":${raw},"section":"2","quote":"700 million monthly active users"}},"effectiveFrom":"2026-02-01","reason":"security test"}`;
    const res = await t.http.patch('/v1/admin/licenses/llama-3.3').set('x-api-key', adminKey).set('content-type', 'application/json').send(body);
    expectRefusal(res, 'terms.userCapMau.value');
  });

  it.each(['2147483648', '-1', '0', '1.5', '1e300', 'NaN', '99999999999999999999'])('POST /v1/admin/quarantine/%s/accept', async (id) => {
    expectRefusal(await t.http.post(`/v1/admin/quarantine/${id}/accept`).set('x-api-key', adminKey).send({}), 'id');
  });

  it.each([
    '0000-01-01',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+14:00',
    '9999-12-31T23:59:59-14:00',
    '+010000-01-01T00:00:00Z',
    '2026-02-30',
    '2026-01-01T25:00:00Z',
  ])('POST /v1/admin/prices with validFrom %s (beyond what a timestamp holds, or no such time)', async (validFrom) => {
    expectRefusal(
      await t.http
        .post('/v1/admin/prices')
        .set('x-api-key', adminKey)
        .send(correction({ offeringId: 1, validFrom })),
      'validFrom',
    );
  });

  it.each(['0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '9999-12-31', '2026-01-01T00:00:00+14:00'])(
    'validFrom %s is in range (404: no offering 2147483647)',
    async (validFrom) => {
      await t.http
        .post('/v1/admin/prices')
        .set('x-api-key', adminKey)
        .send(correction({ offeringId: 2147483647, validFrom }))
        .expect(404);
    },
  );

  it.each(['0000-01-01', '2026-02-30', '99999-01-01'])('PATCH /v1/admin/licenses/:id with effectiveFrom %s', async (effectiveFrom) => {
    const res = await t.http.patch('/v1/admin/licenses/llama-3.3').set('x-api-key', adminKey).send({ terms: {}, effectiveFrom, reason: 'security test' });
    expectRefusal(res, 'effectiveFrom');
  });

  it('an in-range correction is still appended (the bound is the column, not a lower one)', async () => {
    const offering = (await t.http.get('/v1/offerings?limit=1').expect(200)).body.items[0];
    await t.http
      .post('/v1/admin/prices')
      .set('x-api-key', adminKey)
      .send(correction({ offeringId: 2147483647 }))
      .expect(404);
    const res = await t.http
      .post('/v1/admin/prices')
      .set('x-api-key', adminKey)
      .send(correction({ offeringId: offering.id }))
      .expect(201);
    expect(res.body.offeringId).toBe(offering.id);
    before.price_point = String(Number(before.price_point) + 1);
  });

  it('nothing was written by any refused request', async () => {
    expect(await rowCounts()).toEqual(before);
  });
});

describe('GraphQL integer arguments', () => {
  const gql = (query: string, variables?: Record<string, unknown>) => t.http.post('/graphql').send({ query, variables });

  it.each([
    ['models(first: 2147483648)', '{ models(first: 2147483648) { nodes { slug } } }', 'first'],
    ['models(first: 1e300) as a variable', 'query ($n: Int) { models(first: $n) { nodes { slug } } }', 'first', { n: 1e300 }],
    ['models(first: 1.5) as a variable', 'query ($n: Int) { models(first: $n) { nodes { slug } } }', 'first', { n: 1.5 }],
    ['scrapeRun(id: 2147483648)', '{ scrapeRun(id: 2147483648) { id } }', 'id'],
    ['scrapeRun(id: $id) with -2147483649', 'query ($id: Int!) { scrapeRun(id: $id) { id } }', 'id', { id: -2147483649 }],
    ['priceChanges(first: 99999999999)', '{ priceChanges(first: 99999999999) { date } }', 'first'],
  ])('%s is refused before it runs', async (_name, query, argument, variables?: Record<string, unknown>) => {
    const res = await gql(query, variables);
    expect(res.status).toBeLessThan(500);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.[0]?.message).toMatch(new RegExp(`\\$?${argument === 'first' ? '(first|n)' : 'id'}|Int cannot represent`));
    expect(res.text).not.toMatch(INTERNALS);
  });

  it.each([
    ['models(first: -1)', '{ models(first: -1) { nodes { slug } } }', 'first'],
    ['models(first: 0)', '{ models(first: 0) { nodes { slug } } }', 'first'],
    ['models(filter: {minContext: -1})', '{ models(filter: { minContext: -1 }) { nodes { slug } } }', 'filter.minContext'],
    ['priceChanges(first: 0)', '{ priceChanges(first: 0) { date } }', 'first'],
    ['priceChanges(minChangePct: 1e300)', '{ priceChanges(minChangePct: 1e300) { date } }', 'minChangePct'],
    ['priceChanges(minChangePct: -1)', '{ priceChanges(minChangePct: -1) { date } }', 'minChangePct'],
    ['scrapeRuns(first: -5)', '{ scrapeRuns(first: -5) { id } }', 'first'],
    [
      'compare(workload: {requestsPerMonth: -1})',
      '{ compare(models: ["gpt-4o"], workload: { requestsPerMonth: -1 }) { rows { field } } }',
      'workload.requestsPerMonth',
    ],
  ])('%s is BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const res = await gql(query);
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it.each([
    ['from', '0000-01-01'],
    ['from', '0001-01-01T00:00:00+14:00'],
    ['to', '9999-12-31T23:59:59-14:00'],
    ['to', '2026-02-30'],
  ])('Offering.priceHistory(%s: %j) is BAD_USER_INPUT, not an internal error', async (argument, value) => {
    const res = await gql(`{ offerings(filter: { provider: "openai" }) { priceHistory(${argument}: ${JSON.stringify(value)}) { id } } }`);
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(res.text).not.toMatch(INTERNALS);
  });

  it('Offering.priceHistory over the widest range still answers', async () => {
    const res = await gql('{ offerings(filter: { provider: "openai" }) { priceHistory(from: "0001-01-01", to: "9999-12-31T23:59:59.999Z") { id } } }').expect(
      200,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.offerings.some((o: { priceHistory: unknown[] }) => o.priceHistory.length > 0)).toBe(true);
  });

  it('ids in range but unknown answer null, not an error', async () => {
    const res = await gql('{ scrapeRun(id: 2147483647) { id } }').expect(200);
    expect(res.body).toEqual({ data: { scrapeRun: null } });
  });
});
