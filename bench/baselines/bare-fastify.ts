/**
 * Baseline for the REST cases: bare Fastify + `pg` running the service's own SQL (imported, not
 * copied), without Nest, cache, ETags, logs or metrics. It is the overhead floor the service is
 * measured against.
 *
 *   DATABASE_URL=postgresql://... PORT=3001 node dist/bench/baselines/bare-fastify.js
 *
 * Routes (answer shapes close to the service's):
 *   GET /v1/models?...                   modelListStatement of src/catalog/models/models.repository.ts
 *                                       (every filter and sort of the service's listing)
 *   GET /v1/models/:slug                 slug or alias, then model + creator + license (newest
 *                                       version), aliases, benchmark results, offerings + providers
 *                                       (in parallel), then CURRENT_PRICES_SQL of
 *                                       src/prices/current-prices.repository.ts
 *   GET /health/ready                    SELECT 1
 */
import Fastify from 'fastify';
import pg from 'pg';
import { modelListStatement, type ModelListRow } from '../../src/catalog/models/models.repository.js';
import { modelListQuerySchema } from '../../src/catalog/models/models.schemas.js';
import { DEFAULT_SOURCE_PRIORITY } from '../../src/config/app-config.js';
import { SERVER_SESSION_OPTIONS } from '../../src/database/pg-pool.js';
import { CURRENT_PRICES_SQL } from '../../src/prices/current-prices.repository.js';

const PRICE_SOURCE_PRIORITY = [...DEFAULT_SOURCE_PRIORITY];

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
// The service's session settings (JIT off), so the comparison is of the servers, not of JIT.
const pool = new pg.Pool({ connectionString: databaseUrl, options: SERVER_SESSION_OPTIONS, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), application_name: 'bench-bare-fastify' });

/**
 * The service's own query parsing (zod) and listing statement; what the baseline leaves out is
 * Nest, the response cache, ETags, logging and metrics.
 */
async function listModels(rawQuery: Record<string, string | undefined>) {
  const parsed = modelListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw Object.assign(new Error(parsed.error.issues[0]?.message ?? 'bad query'), { statusCode: 400 });
  const query = parsed.data;
  const limit = query.limit;
  const { text, values, sortKeyName: key } = modelListStatement(query, PRICE_SOURCE_PRIORITY);
  const { rows } = await pool.query<ModelListRow>(text, values);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const cheapest = (usd: string | null, provider: string | null, offeringId: number | null) =>
    usd === null ? null : { usd, unit: '1M tokens', provider, offeringId };
  return {
    items: page.map((row) => ({
      slug: row.slug,
      name: row.name,
      family: row.family,
      creator: row.creator_slug ? { slug: row.creator_slug, name: row.creator_name } : null,
      kind: row.kind,
      status: row.status,
      parametersB: row.parameters_b,
      activeParametersB: row.active_parameters_b,
      contextWindow: row.context_window,
      inputModalities: row.input_modalities,
      outputModalities: row.output_modalities,
      releaseDate: row.release_date,
      license: row.license_id ? { id: row.license_id, name: row.license_name, commercialUse: row.commercial_use } : null,
      scores: row.scores ?? {},
      cheapest: {
        input: cheapest(row.input_usd, row.input_provider, row.input_offering_id),
        output: cheapest(row.output_usd, row.output_provider, row.output_offering_id),
      },
    })),
    nextCursor:
      rows.length > limit && last ? Buffer.from(JSON.stringify([key, last.sort_value, last.slug])).toString('base64url') : null,
  };
}

interface PriceRow {
  id: string;
  offering_id: number;
  component: string;
  condition: Record<string, unknown> | null;
  unit: string;
  usd: string;
  valid_from: Date;
  observed_at: Date;
  source: string;
  source_url: string | null;
  scrape_run_id: number | null;
}

async function currentPrices(offeringIds: number[]): Promise<Map<number, PriceRow[]>> {
  const byOffering = new Map<number, PriceRow[]>(offeringIds.map((id) => [id, []]));
  if (offeringIds.length === 0) return byOffering;
  const { rows } = await pool.query<PriceRow>(
    CURRENT_PRICES_SQL,
    [offeringIds, new Date(), null, PRICE_SOURCE_PRIORITY, null],
  );
  for (const row of rows) byOffering.get(row.offering_id)?.push(row);
  return byOffering;
}

async function getModel(slugOrAlias: string) {
  const resolved = await pool.query<{ slug: string }>(
    `SELECT slug FROM model WHERE slug = $1
     UNION ALL
     SELECT model_slug FROM model_alias WHERE alias = lower(trim($1))
     LIMIT 1`,
    [slugOrAlias],
  );
  const slug = resolved.rows[0]?.slug;
  if (!slug) return null;
  const [model, aliases, results, offerings] = await Promise.all([
    pool.query(
      `SELECT m.slug, m.name, m.family, m.kind::text AS kind, m.status::text AS status,
              m.parameters_b::text AS parameters_b, m.active_parameters_b::text AS active_parameters_b,
              m.context_window, m.max_output_tokens, m.input_modalities, m.output_modalities,
              to_char(m.release_date, 'YYYY-MM-DD') AS release_date, m.knowledge_cutoff, m.hugging_face_id,
              m.description, m.fact_sources, c.slug AS creator_slug, c.name AS creator_name,
              l.id AS license_id, l.name AS license_name, l.spdx_id, l.category, l.url AS license_url,
              l.commercial_use::text AS commercial_use, l.user_cap_mau::text AS user_cap_mau,
              v.version, to_char(v.effective_from, 'YYYY-MM-DD') AS effective_from, v.url AS version_url, v.terms
         FROM model m
         LEFT JOIN creator c ON c.slug = m.creator_slug
         LEFT JOIN license l ON l.id = m.license_id
         LEFT JOIN LATERAL (SELECT * FROM license_version lv WHERE lv.license_id = l.id
                             ORDER BY lv.effective_from DESC LIMIT 1) v ON true
        WHERE m.slug = $1`,
      [slug],
    ),
    pool.query<{ alias: string }>('SELECT alias FROM model_alias WHERE model_slug = $1 ORDER BY alias', [slug]),
    pool.query(
      `SELECT r.benchmark_slug AS benchmark, b.name AS "benchmarkName", r.score::text AS score, b.unit, r.setting,
              to_char(r.measured_on, 'YYYY-MM-DD') AS "measuredOn", r.source, r.source_url AS "sourceUrl"
         FROM benchmark_result r JOIN benchmark b ON b.slug = r.benchmark_slug
        WHERE r.model_slug = $1 ORDER BY r.benchmark_slug, r.source`,
      [slug],
    ),
    pool.query<{ id: number; provider_slug: string; provider_name: string; provider_kinds: string[]; [key: string]: unknown }>(
      `SELECT o.*, p.name AS provider_name, p.kinds::text[] AS provider_kinds
         FROM offering o JOIN provider p ON p.slug = o.provider_slug
        WHERE o.model_slug = $1 ORDER BY o.provider_slug, o.provider_model_id`,
      [slug],
    ),
  ]);
  const prices = await currentPrices(offerings.rows.map((o) => o.id));
  const m = model.rows[0] as Record<string, unknown>;
  const presented = offerings.rows.map((o) => ({
    id: o.id,
    provider: { slug: o.provider_slug, name: o.provider_name, kinds: o.provider_kinds },
    model: { slug, name: m.name },
    providerModelId: o.provider_model_id,
    status: o.status,
    listedAt: (o.listed_at as Date).toISOString(),
    unlistedAt: (o.unlisted_at as Date | null)?.toISOString() ?? null,
    features: {
      toolCalling: o.supports_tool_calling,
      structuredOutput: o.supports_structured_output,
      promptCaching: o.supports_prompt_caching,
      batch: o.supports_batch,
      fineTuning: o.supports_fine_tuning,
      vision: o.supports_vision,
    },
    contextWindow: o.context_window,
    maxOutputTokens: o.max_output_tokens,
    prices: (prices.get(o.id) ?? []).map((p) => ({
      component: p.component,
      condition: p.condition,
      unit: p.unit,
      usd: p.usd,
      validFrom: p.valid_from.toISOString(),
      observedAt: p.observed_at.toISOString(),
      source: p.source,
      sourceUrl: p.source_url,
      scrapeRunId: p.scrape_run_id,
    })),
  }));
  const cheapest = (component: string) => {
    let best: { usd: string; provider: string; offeringId: number } | null = null;
    for (const offering of presented) {
      if (offering.status !== 'listed') continue;
      const price = offering.prices.find((p) => p.component === component && p.condition === null);
      if (price && (!best || Number(price.usd) < Number(best.usd))) best = { usd: price.usd, provider: offering.provider.slug, offeringId: offering.id };
    }
    return best;
  };
  return {
    slug,
    name: m.name,
    family: m.family,
    creator: m.creator_slug ? { slug: m.creator_slug, name: m.creator_name } : null,
    kind: m.kind,
    status: m.status,
    parametersB: m.parameters_b,
    activeParametersB: m.active_parameters_b,
    contextWindow: m.context_window,
    maxOutputTokens: m.max_output_tokens,
    inputModalities: m.input_modalities,
    outputModalities: m.output_modalities,
    releaseDate: m.release_date,
    knowledgeCutoff: m.knowledge_cutoff,
    huggingFaceId: m.hugging_face_id,
    description: m.description,
    aliases: aliases.rows.map((a) => a.alias),
    factSources: m.fact_sources,
    license: m.license_id
      ? {
          id: m.license_id,
          name: m.license_name,
          spdxId: m.spdx_id,
          category: m.category,
          url: m.license_url,
          commercialUse: m.commercial_use,
          userCapMau: m.user_cap_mau,
          version: m.version ? { version: m.version, effectiveFrom: m.effective_from, url: m.version_url } : null,
          terms: m.terms ?? null,
        }
      : null,
    benchmarkResults: results.rows,
    offerings: presented,
    cheapest: { input: cheapest('input'), output: cheapest('output') },
  };
}

const app = Fastify({ logger: false });
app.get('/health/ready', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});
app.get<{ Querystring: Record<string, string | undefined> }>('/v1/models', async (request) => listModels(request.query));
app.get<{ Params: { slug: string } }>('/v1/models/:slug', async (request, reply) => {
  const model = await getModel(request.params.slug);
  if (!model) return reply.code(404).send({ statusCode: 404, error: 'Not Found', slug: request.params.slug });
  return model;
});

const port = Number(process.env.PORT ?? 3001);
await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
const shutdown = () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
