/**
 * Applies one parsed source snapshot to the catalog inside the caller's transaction: providers,
 * discovered models, offerings (listed, relisted, unlisted), price points and quarantined prices.
 * Reads the state it needs in a handful of statements and writes in bulk (unnest arrays), so a
 * 3,000-entry snapshot costs a fixed number of round trips.
 */
import { Decimal } from 'decimal.js';
import type pg from 'pg';

import { redactUrl } from '../../scrapers/http/redact.js';
import type { ScrapedModelMeta, ScrapedOffering } from '../../scrapers/scraper.types.js';
import type { PriceComponent } from '../generated/prisma/enums.js';
import type { PriceCondition } from '../../scrapers/shared/price-line.js';
import { buildModelIndex, discoveredSlug, matchModel } from './model-matcher.js';
import { diffPrices, lineKey, type PriceLineState, type PriceWrite, type QuarantinedWrite, type ScrapedPriceLine } from './price-diff.js';

export interface IngestCounts {
  seen: number;
  added: number;
  changed: number;
  unchanged: number;
  unlisted: number;
  discovered: number;
  quarantined: number;
}

/** What a snapshot did, and what the mass-unlisting guard needs to judge it. */
export interface SnapshotResult {
  counts: IngestCounts;
  /** Offerings this source listed (priced, not unlisted) at the snapshot's date, before it: the share's denominator. */
  listedBefore: number;
}

export interface WriteContext {
  runId: number;
  source: string;
  /** Where the payload came from, already made public (publicSourceRef): written on every price point. */
  sourceUrl: string | null;
  /** When the prices took effect (valid_from) and were observed. */
  validFrom: Date;
  observedAt: Date;
  anomalyFactor: number;
}

interface OfferingRow {
  id: number;
  provider_slug: string;
  provider_model_id: string;
  model_slug: string;
  status: 'listed' | 'unlisted';
  context_window: number | null;
  max_output_tokens: number | null;
  supports_tool_calling: boolean | null;
  supports_structured_output: boolean | null;
  supports_prompt_caching: boolean | null;
  supports_batch: boolean | null;
  supports_vision: boolean | null;
}

/** price_point.usd is numeric(24,12): compare and write at that scale, rounded as Postgres rounds. */
const USD_SCALE = 12;
function atStoredScale(price: ScrapedOffering['prices'][number]): ScrapedPriceLine {
  return {
    component: price.component,
    usd: new Decimal(price.usd).toDecimalPlaces(USD_SCALE, Decimal.ROUND_HALF_UP).toFixed(),
    unit: price.unit,
    condition: price.condition,
  };
}

const offeringKey = (provider: string, providerModelId: string) => `${provider}\u0000${providerModelId}`;

function titleCase(slug: string): string {
  return slug.split(/[-_.]/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join(' ');
}

export async function writeSnapshot(client: pg.PoolClient, context: WriteContext, records: readonly ScrapedOffering[]): Promise<SnapshotResult> {
  const counts: IngestCounts = { seen: 0, added: 0, changed: 0, unchanged: 0, unlisted: 0, discovered: 0, quarantined: 0 };

  // One record per offering: a source naming the same offering twice counts once (first wins).
  const unique = new Map<string, ScrapedOffering>();
  for (const record of records) {
    const key = offeringKey(record.provider, record.providerModelId);
    if (!unique.has(key)) unique.set(key, record);
  }
  counts.seen = unique.size;
  const offeringsInPayload = [...unique.values()];

  // Providers the catalog does not know yet.
  const providerSlugs = [...new Set(offeringsInPayload.map((record) => record.provider))];
  await client.query(
    `INSERT INTO provider (slug, name, kinds, source)
     SELECT slug, name, ARRAY['inference-host']::provider_kind[], $3 FROM unnest($1::text[], $2::text[]) AS t(slug, name)
     ON CONFLICT (slug) DO NOTHING`,
    [providerSlugs, providerSlugs.map(titleCase), context.source],
  );

  // Models: by alias and normalisation; unknown ones become "discovered" models with their ids as aliases.
  const aliasRows = await client.query<{ alias: string; model_slug: string }>(
    `SELECT alias, model_slug FROM model_alias UNION ALL SELECT slug, slug FROM model`,
  );
  const index = buildModelIndex(aliasRows.rows.map((row) => ({ alias: row.alias, modelSlug: row.model_slug })));
  const modelOf = new Map<string, string>();
  const discovered = new Map<string, ScrapedOffering>();
  for (const [key, record] of unique) {
    let slug = matchModel(index, record.model.candidateIds);
    if (!slug) {
      slug = discoveredSlug(record.model.candidateIds);
      if (!discovered.has(slug) && !index.byId.has(slug)) discovered.set(slug, record);
      for (const id of record.model.candidateIds) index.byId.set(id.trim().toLowerCase(), slug);
    }
    modelOf.set(key, slug);
  }
  if (discovered.size) {
    const entries = [...discovered.entries()];
    const inserted = await client.query(
      `INSERT INTO model (slug, name, family, kind, status, context_window, input_modalities, output_modalities,
                          release_date, hugging_face_id, source, scrape_run_id, updated_at)
       SELECT t.slug, t.name, t.family, t.kind::model_kind, 'discovered', t.context_window,
              string_to_array(t.input_modalities, ','), string_to_array(t.output_modalities, ','),
              t.release_date::date, t.hugging_face_id, $10, $11, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS t(slug, name, family, kind, context_window, input_modalities, output_modalities, release_date, hugging_face_id)
       ON CONFLICT (slug) DO NOTHING`,
      [
        entries.map(([slug]) => slug),
        entries.map(([slug, r]) => r.model.name ?? slug),
        entries.map(([, r]) => r.model.family ?? null),
        entries.map(([, r]) => (r.model.openWeights ? 'open-weights' : 'closed')),
        entries.map(([, r]) => r.contextWindow ?? null),
        entries.map(([, r]) => (r.inputModalities ?? ['text']).join(',')),
        entries.map(([, r]) => (r.outputModalities ?? ['text']).join(',')),
        entries.map(([, r]) => r.model.releaseDate ?? null),
        entries.map(([, r]) => r.model.huggingFaceId ?? null),
        context.source,
        context.runId,
      ],
    );
    counts.discovered = inserted.rowCount ?? 0;
    const aliases = entries.flatMap(([slug, record]) =>
      [...new Set(record.model.candidateIds.map((id) => id.trim().toLowerCase()))].filter((alias) => alias !== slug).map((alias) => [alias, slug] as const),
    );
    await client.query(
      `INSERT INTO model_alias (alias, model_slug, source) SELECT a, m, $3 FROM unnest($1::text[], $2::text[]) AS t(a, m)
       ON CONFLICT (alias) DO NOTHING`,
      [aliases.map(([alias]) => alias), aliases.map(([, slug]) => slug), context.source],
    );
  }

  // Offerings: existing ones of the providers involved, plus those this source priced before.
  const existing = await client.query<OfferingRow>(
    `SELECT id, provider_slug, provider_model_id, model_slug, status::text AS status, context_window, max_output_tokens,
            supports_tool_calling, supports_structured_output, supports_prompt_caching, supports_batch, supports_vision
       FROM offering WHERE provider_slug = ANY($1::text[])`,
    [providerSlugs],
  );
  const offerings = new Map(existing.rows.map((row) => [offeringKey(row.provider_slug, row.provider_model_id), row]));
  const missing = [...unique.entries()].filter(([key]) => !offerings.has(key));
  if (missing.length) {
    const inserted = await client.query<OfferingRow>(
      `INSERT INTO offering (provider_slug, provider_model_id, model_slug, status, listed_at, context_window, max_output_tokens,
                             supports_tool_calling, supports_structured_output, supports_prompt_caching, supports_batch,
                             supports_vision, source, scrape_run_id, updated_at)
       SELECT t.p, t.pm, t.m, 'listed', $11, t.cw, t.mo, t.tc, t.so, t.pc, t.b, t.v, $12, $13, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::bool[], $7::bool[], $8::bool[], $9::bool[], $10::bool[])
              AS t(p, pm, m, cw, mo, tc, so, pc, b, v)
       RETURNING id, provider_slug, provider_model_id, model_slug, status::text AS status, context_window, max_output_tokens,
                 supports_tool_calling, supports_structured_output, supports_prompt_caching, supports_batch, supports_vision`,
      [
        missing.map(([, r]) => r.provider),
        missing.map(([, r]) => r.providerModelId),
        missing.map(([key]) => modelOf.get(key)!),
        missing.map(([, r]) => r.contextWindow ?? null),
        missing.map(([, r]) => r.maxOutputTokens ?? null),
        missing.map(([, r]) => r.features.toolCalling ?? null),
        missing.map(([, r]) => r.features.structuredOutput ?? null),
        missing.map(([, r]) => r.features.promptCaching ?? null),
        missing.map(([, r]) => r.features.batch ?? null),
        missing.map(([, r]) => r.features.vision ?? null),
        context.validFrom,
        context.source,
        context.runId,
      ],
    );
    for (const row of inserted.rows) offerings.set(offeringKey(row.provider_slug, row.provider_model_id), row);
    await insertEvents(client, context, inserted.rows.map((row) => row.id), 'listed');
  }

  // Facts that changed (context window, features): one UPDATE for all.
  const factUpdates = [...unique.entries()].flatMap(([key, record]) => {
    const row = offerings.get(key)!;
    const next = {
      cw: record.contextWindow ?? row.context_window,
      mo: record.maxOutputTokens ?? row.max_output_tokens,
      tc: record.features.toolCalling ?? row.supports_tool_calling,
      so: record.features.structuredOutput ?? row.supports_structured_output,
      pc: record.features.promptCaching ?? row.supports_prompt_caching,
      b: record.features.batch ?? row.supports_batch,
      v: record.features.vision ?? row.supports_vision,
    };
    const same =
      next.cw === row.context_window && next.mo === row.max_output_tokens && next.tc === row.supports_tool_calling &&
      next.so === row.supports_structured_output && next.pc === row.supports_prompt_caching && next.b === row.supports_batch &&
      next.v === row.supports_vision;
    return same ? [] : [{ id: row.id, ...next }];
  });
  if (factUpdates.length) {
    await client.query(
      `UPDATE offering o SET context_window = t.cw, max_output_tokens = t.mo, supports_tool_calling = t.tc,
              supports_structured_output = t.so, supports_prompt_caching = t.pc, supports_batch = t.b, supports_vision = t.v,
              updated_at = now()
         FROM unnest($1::int[], $2::int[], $3::int[], $4::bool[], $5::bool[], $6::bool[], $7::bool[], $8::bool[])
              AS t(id, cw, mo, tc, so, pc, b, v)
        WHERE o.id = t.id`,
      [
        factUpdates.map((u) => u.id),
        factUpdates.map((u) => u.cw),
        factUpdates.map((u) => u.mo),
        factUpdates.map((u) => u.tc),
        factUpdates.map((u) => u.so),
        factUpdates.map((u) => u.pc),
        factUpdates.map((u) => u.b),
        factUpdates.map((u) => u.v),
      ],
    );
  }

  // This source's newest word on each price line at the snapshot's date, and at the date of its
  // next snapshot if this one is a backfill (read before anything is written).
  const previousByOffering = await lineStates(client, context.source, context.validFrom);
  const next = await nextRun(client, context.source, context.runId, context.validFrom);
  const nextState = next ? await lineStates(client, context.source, next.asOf) : null;

  // Listing: events are the history; an offering's status is its latest event by date.
  const payloadIds = [...unique.keys()].map((key) => offerings.get(key)!.id);
  const knownIds = [...new Set([...payloadIds, ...previousByOffering.keys()])];
  const listingAtSnapshot = await latestEvents(client, knownIds, context.validFrom);
  const listingAtNext = next ? await latestEvents(client, knownIds, next.asOf) : null;
  const newlyListed = new Set(missing.length ? payloadIds.filter((id) => !existing.rows.some((row) => row.id === id)) : []);
  const relisted = payloadIds.filter((id) => !newlyListed.has(id) && listingAtSnapshot.get(id) === 'unlisted');
  const inPayload = new Set(payloadIds);
  const vanished = [...previousByOffering.entries()]
    .filter(([id, lines]) => !inPayload.has(id) && [...lines.values()].some((line) => line.usd !== null) && listingAtSnapshot.get(id) !== 'unlisted')
    .map(([id]) => id);
  counts.unlisted = vanished.length;
  const listedBefore = [...previousByOffering.entries()].filter(
    ([id, lines]) => [...lines.values()].some((line) => line.usd !== null) && listingAtSnapshot.get(id) !== 'unlisted',
  ).length;
  await insertEvents(client, context, relisted, 'relisted');
  await insertEvents(client, context, vanished, 'unlisted');

  const writes: (PriceWrite & { offeringId: number })[] = [];
  const held: (QuarantinedWrite & { offeringId: number })[] = [];
  for (const [key, record] of unique) {
    const offering = offerings.get(key)!;
    const diff = diffPrices(previousByOffering.get(offering.id) ?? new Map(), record.prices.map(atStoredScale), context.anomalyFactor);
    counts.added += diff.added;
    counts.changed += diff.changed;
    counts.unchanged += diff.unchanged;
    counts.quarantined += diff.quarantined.length;
    for (const write of diff.writes) writes.push({ ...write, offeringId: offering.id });
    for (const write of diff.quarantined) held.push({ ...write, offeringId: offering.id });
  }
  await insertPoints(client, context, writes);
  if (held.length) {
    await client.query(
      `INSERT INTO quarantined_price (scrape_run_id, offering_id, component, unit, condition_key, condition, previous_usd, proposed_usd,
                                      valid_from, observed_at, source, source_url, reason)
       SELECT $9, t.o, t.c::price_component, t.u, t.k, t.j::jsonb, t.prev, t.next, $10, $11, $12, $13, t.reason
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::text[])
              AS t(o, c, u, k, j, prev, next, reason)`,
      [
        held.map((w) => w.offeringId),
        held.map((w) => w.component),
        held.map((w) => w.unit),
        held.map((w) => w.conditionKey),
        held.map((w) => (w.condition ? JSON.stringify(w.condition) : null)),
        held.map((w) => w.previousUsd),
        held.map((w) => w.usd),
        held.map((w) => w.reason),
        context.runId,
        context.validFrom,
        context.observedAt,
        context.source,
        context.sourceUrl,
      ],
    );
  }

  // A backfill lands before a snapshot already imported: what that later snapshot said must still
  // hold from its date, so the answers do not depend on the order the runs came in.
  if (next && nextState && listingAtNext) {
    const closing: (PriceWrite & { offeringId: number })[] = [];
    const closedListings: number[] = [];
    const reopenedListings: number[] = [];
    const resultAtSnapshot = new Map<number, Map<string, PriceLineState>>();
    for (const write of writes) {
      let lines = resultAtSnapshot.get(write.offeringId);
      if (!lines) resultAtSnapshot.set(write.offeringId, (lines = new Map(previousByOffering.get(write.offeringId) ?? [])));
      lines.set(lineKey(write.component, write.conditionKey), { usd: write.usd, unit: write.unit, condition: write.condition });
    }
    const presentAtNext = (id: number) =>
      listingAtNext.get(id) !== 'unlisted' && [...(nextState.get(id)?.values() ?? [])].some((line) => line.usd !== null);
    for (const id of payloadIds) {
      if (!presentAtNext(id)) {
        closedListings.push(id);
        continue;
      }
      const atSnapshot = resultAtSnapshot.get(id) ?? previousByOffering.get(id) ?? new Map<string, PriceLineState>();
      const atNext = nextState.get(id) ?? new Map<string, StoredLine>();
      for (const key of new Set([...atSnapshot.keys(), ...atNext.keys()])) {
        const later = atNext.get(key);
        if (later?.validFrom.getTime() === next.asOf.getTime()) continue; // the later snapshot's own point
        const nowUsd = atSnapshot.get(key)?.usd ?? null;
        const laterUsd = later?.usd ?? null;
        if (nowUsd === laterUsd || (nowUsd !== null && laterUsd !== null && new Decimal(nowUsd).eq(laterUsd))) continue;
        const [component, conditionKey] = key.split(/\|(.*)/s) as [PriceComponent, string];
        const line = later ?? atSnapshot.get(key)!;
        closing.push({ offeringId: id, component, conditionKey, condition: line.condition, unit: line.unit, usd: laterUsd });
      }
    }
    for (const id of vanished) if (presentAtNext(id)) reopenedListings.push(id);
    const nextContext = { ...context, runId: next.id, validFrom: next.asOf, observedAt: next.asOf };
    await insertPoints(client, nextContext, closing);
    const newlyClosed = closedListings.filter((id) => listingAtNext.get(id) !== 'unlisted');
    await insertEvents(client, nextContext, newlyClosed, 'unlisted');
    await insertEvents(client, nextContext, reopenedListings, 'relisted');
    // An offering closed at the next snapshot that a still later snapshot priced again came back then.
    const comebacks = await client.query<{ offering_id: number; valid_from: Date; scrape_run_id: number | null }>(
      `SELECT DISTINCT ON (p.offering_id) p.offering_id, p.valid_from, p.scrape_run_id
         FROM price_point p
        WHERE p.source = $1 AND p.offering_id = ANY($2::int[]) AND p.valid_from > $3 AND p.usd IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM offering_event e WHERE e.offering_id = p.offering_id AND e.at > $3 AND e.at <= p.valid_from)
        ORDER BY p.offering_id, p.valid_from`,
      [context.source, newlyClosed, next.asOf],
    );
    for (const row of comebacks.rows) {
      await insertEvents(client, { ...context, runId: row.scrape_run_id ?? next.id, validFrom: row.valid_from }, [row.offering_id], 'relisted');
    }
  }

  // Status and unlisted_at follow the latest listing event by date.
  await client.query(
    `UPDATE offering o SET status = (CASE WHEN e.kind = 'unlisted' THEN 'unlisted' ELSE 'listed' END)::offering_status,
            unlisted_at = CASE WHEN e.kind = 'unlisted' THEN e.at END, updated_at = now()
       FROM (SELECT DISTINCT ON (offering_id) offering_id, kind::text AS kind, at FROM offering_event
              WHERE offering_id = ANY($1::int[]) ORDER BY offering_id, at DESC, id DESC) e
      WHERE o.id = e.offering_id
        AND (o.status::text <> (CASE WHEN e.kind = 'unlisted' THEN 'unlisted' ELSE 'listed' END) OR o.unlisted_at IS DISTINCT FROM (CASE WHEN e.kind = 'unlisted' THEN e.at END))`,
    [knownIds],
  );
  return { counts, listedBefore };
}

interface StoredLine extends PriceLineState {
  validFrom: Date;
}

/** This source's latest point on every price line at an instant, by offering. */
async function lineStates(client: pg.PoolClient, source: string, at: Date): Promise<Map<number, Map<string, StoredLine>>> {
  const { rows } = await client.query<{ offering_id: number; component: string; condition_key: string; condition: PriceCondition | null; unit: string; usd: string | null; valid_from: Date }>(
    `SELECT DISTINCT ON (offering_id, component, condition_key)
            offering_id, component::text AS component, condition_key, condition, unit, usd::text AS usd, valid_from
       FROM price_point
      WHERE source = $1 AND valid_from <= $2
      ORDER BY offering_id, component, condition_key, valid_from DESC, id DESC`,
    [source, at],
  );
  const byOffering = new Map<number, Map<string, StoredLine>>();
  for (const row of rows) {
    let lines = byOffering.get(row.offering_id);
    if (!lines) byOffering.set(row.offering_id, (lines = new Map()));
    lines.set(lineKey(row.component, row.condition_key), { usd: row.usd, unit: row.unit, condition: row.condition, validFrom: row.valid_from });
  }
  return byOffering;
}

/** The source's next snapshot after this one, if this one is a backfill. */
async function nextRun(client: pg.PoolClient, source: string, runId: number, after: Date): Promise<{ id: number; asOf: Date } | null> {
  const { rows } = await client.query<{ id: number; as_of: Date }>(
    `SELECT id, as_of FROM scrape_run WHERE source = $1 AND status = 'succeeded' AND NOT dry_run AND id <> $2 AND as_of > $3
      ORDER BY as_of, id LIMIT 1`,
    [source, runId, after],
  );
  return rows[0] ? { id: rows[0].id, asOf: rows[0].as_of } : null;
}

/** The latest listing event (listed, unlisted, relisted) at or before an instant, by offering. */
async function latestEvents(client: pg.PoolClient, offeringIds: number[], at: Date): Promise<Map<number, string>> {
  const { rows } = await client.query<{ offering_id: number; kind: string }>(
    `SELECT DISTINCT ON (offering_id) offering_id, kind::text AS kind FROM offering_event
      WHERE offering_id = ANY($1::int[]) AND at <= $2 ORDER BY offering_id, at DESC, id DESC`,
    [offeringIds, at],
  );
  return new Map(rows.map((row) => [row.offering_id, row.kind]));
}

async function insertPoints(client: pg.PoolClient, context: WriteContext, writes: (PriceWrite & { offeringId: number })[]) {
  if (!writes.length) return;
  await client.query(
    `INSERT INTO price_point (offering_id, component, unit, condition_key, condition, usd, valid_from, observed_at, source, source_url, scrape_run_id)
     SELECT t.o, t.c::price_component, t.u, t.k, t.j::jsonb, t.usd, $7, $8, $9, $10, $11
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[]) AS t(o, c, u, k, j, usd)`,
    [
      writes.map((w) => w.offeringId),
      writes.map((w) => w.component),
      writes.map((w) => w.unit),
      writes.map((w) => w.conditionKey),
      writes.map((w) => (w.condition ? JSON.stringify(w.condition) : null)),
      writes.map((w) => w.usd),
      context.validFrom,
      context.observedAt,
      context.source,
      context.sourceUrl,
      context.runId,
    ],
  );
}

async function insertEvents(client: pg.PoolClient, context: WriteContext, offeringIds: number[], kind: 'listed' | 'unlisted' | 'relisted') {
  if (!offeringIds.length) return;
  await client.query(
    `INSERT INTO offering_event (offering_id, kind, at, source, scrape_run_id)
     SELECT id, $2::offering_event_kind, $3, $4, $5 FROM unnest($1::int[]) AS t(id)`,
    [offeringIds, kind, context.validFrom, context.source, context.runId],
  );
}


/** Hub license tags to catalog license ids where the spelling differs ("llama3.3" -> "llama-3.3"). */
const LICENSE_TAG_ALIASES: Record<string, string> = {
  llama2: 'llama-2',
  llama3: 'llama-3',
  'llama3.1': 'llama-3.1',
  'llama3.2': 'llama-3.2',
  'llama3.3': 'llama-3.3',
  deepseek: 'deepseek-model',
  'qwen-research': 'qwen-research',
  'mistral-research-license': 'mrl',
};

/**
 * Model metadata from a hub (Hugging Face): fills a missing parameter count and records a license
 * change as a new entry of the model's license history, from the snapshot's date.
 */
export async function writeModelMeta(client: pg.PoolClient, context: WriteContext, metas: readonly ScrapedModelMeta[]): Promise<number> {
  if (!metas.length) return 0;
  const licenses = await client.query<{ id: string }>(`SELECT id FROM license`);
  const licenseIds = new Map(licenses.rows.map((row) => [row.id.toLowerCase(), row.id]));
  const resolveLicense = (meta: ScrapedModelMeta) => {
    const tag = (meta.licenseTag === 'other' ? meta.licenseName : meta.licenseTag)?.toLowerCase();
    return tag ? licenseIds.get(LICENSE_TAG_ALIASES[tag] ?? tag) ?? null : null;
  };
  const models = await client.query<{ slug: string; hf: string; license_id: string | null; parameters_b: string | null }>(
    `SELECT DISTINCT ON (hf) m.slug, t.hf, m.license_id, m.parameters_b::text AS parameters_b
       FROM unnest($1::text[]) AS t(hf)
       JOIN model m ON lower(m.hugging_face_id) = t.hf
                    OR m.slug = (SELECT a.model_slug FROM model_alias a WHERE a.alias = t.hf)
      ORDER BY hf, m.status = 'discovered', m.slug`,
    [metas.map((meta) => meta.huggingFaceId.toLowerCase())],
  );
  const bySlugHf = new Map(models.rows.map((row) => [row.hf, row]));
  let updated = 0;
  for (const meta of metas) {
    const model = bySlugHf.get(meta.huggingFaceId.toLowerCase());
    if (!model) continue;
    const license = resolveLicense(meta);
    if (license && license !== model.license_id) {
      await client.query(`UPDATE model SET license_id = $2, updated_at = now() WHERE slug = $1`, [model.slug, license]);
      await client.query(
        `INSERT INTO model_license (model_slug, license_id, valid_from, source, source_url) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [model.slug, license, context.validFrom, context.source, redactUrl(meta.licenseUrl ?? meta.sourceUrl)],
      );
      updated++;
    }
    if (meta.parametersB && model.parameters_b === null) {
      await client.query(`UPDATE model SET parameters_b = $2, updated_at = now() WHERE slug = $1`, [model.slug, meta.parametersB]);
      updated++;
    }
  }
  return updated;
}
