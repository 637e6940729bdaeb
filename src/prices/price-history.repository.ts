import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';

import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { timestampTextSchema } from '../common/db-input.js';
import { endOfDay, startOfDay } from '../common/dates.js';
import { formatDecimal } from '../common/money.js';
import { SqlParams } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection.js';
import type { PriceCondition } from '../../scrapers/shared/price-line.js';
import { publicSourceRef } from '../../scrapers/http/redact.js';

export interface OfferingRef {
  id: number;
  provider: string;
  providerModelId: string;
  model: string;
}

export interface OfferingFilter {
  provider?: string;
  providerModelId?: string;
  model?: string;
}

/** A bound given as a day means the whole day (UTC): from its first instant, to its last. */
export const lowerBound = (value: string) => (value.length === 10 ? startOfDay(value) : new Date(value));
export const upperBound = (value: string) => (value.length === 10 ? endOfDay(value) : new Date(value));

function offeringWhere(sql: SqlParams, filter: OfferingFilter, alias = 'o'): string[] {
  const where: string[] = [];
  if (filter.provider) where.push(`${alias}.provider_slug = ${sql.param(filter.provider)}`);
  if (filter.providerModelId) where.push(`${alias}.provider_model_id = ${sql.param(filter.providerModelId)}`);
  if (filter.model) where.push(`${alias}.model_slug = ${sql.param(filter.model)}`);
  return where;
}

export interface HistoryEntry {
  type: 'price' | 'listed' | 'unlisted' | 'relisted';
  at: string;
  offering: OfferingRef;
  pricePointId: string | null;
  component: string | null;
  condition: PriceCondition | null;
  unit: string | null;
  /** null on a price entry: the component was withdrawn. */
  usd: string | null;
  validFrom: string;
  observedAt: string | null;
  source: string;
  sourceUrl: string | null;
  runId: number | null;
  supersedesId: string | null;
}

export interface ChangeRow {
  offering: OfferingRef;
  component: string;
  condition: PriceCondition | null;
  unit: string;
  oldUsd: string | null;
  newUsd: string | null;
  changeUsd: string | null;
  changePct: string | null;
  date: string;
  source: string;
  sourceUrl: string | null;
  runId: number | null;
  previousSource: string | null;
}

/** [instant, sort key]: the instant goes back as a timestamptz, the key ('p' or 'e' and a zero-padded id) as text. */
const historyCursorSchema = z.tuple([
  timestampTextSchema,
  z.string().regex(/^[pe]\d{20}$/, { error: "expected the entry's sort key, p or e and 20 digits" }),
]);

/** Reads of the append-only history: offerings as of a date, every point and event, the change log. */
@Injectable()
export class PriceHistoryRepository {
  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Offerings matching the filter that were listed at the instant (no 'unlisted' as their latest event). */
  async offeringsListedAt(filter: OfferingFilter, at: Date): Promise<OfferingRef[]> {
    const sql = new SqlParams();
    const where = offeringWhere(sql, filter);
    const atParam = sql.param(at);
    const { rows } = await this.connection.pool.query<{ id: number; provider_slug: string; provider_model_id: string; model_slug: string }>(
      `SELECT o.id, o.provider_slug, o.provider_model_id, o.model_slug
         FROM offering o
        WHERE ${[...where, 'true'].join(' AND ')}
          AND coalesce((SELECT e.kind::text FROM offering_event e WHERE e.offering_id = o.id AND e.at <= ${atParam}
                         ORDER BY e.at DESC, e.id DESC LIMIT 1), 'listed') <> 'unlisted'
        ORDER BY o.provider_slug, o.provider_model_id`,
      sql.values,
    );
    return rows.map(toOfferingRef);
  }

  /** Every price point and listing event, oldest first, keyset-paged on (time, id). */
  async history(filter: OfferingFilter & { component?: string; source?: string; from?: string; to?: string; limit: number; cursor?: string }) {
    const sql = new SqlParams();
    const where = offeringWhere(sql, filter);
    const pointWhere: string[] = [];
    const eventWhere: string[] = [];
    if (filter.from) {
      const p = sql.param(lowerBound(filter.from));
      pointWhere.push(`p.valid_from >= ${p}`);
      eventWhere.push(`e.at >= ${p}`);
    }
    if (filter.to) {
      const p = sql.param(upperBound(filter.to));
      pointWhere.push(`p.valid_from <= ${p}`);
      eventWhere.push(`e.at <= ${p}`);
    }
    if (filter.source) {
      const p = sql.param(filter.source);
      pointWhere.push(`p.source = ${p}`);
      eventWhere.push(`e.source = ${p}`);
    }
    if (filter.component) pointWhere.push(`p.component = ${sql.param(filter.component)}::price_component`);
    const includeEvents = !filter.component;
    let after = '';
    if (filter.cursor) {
      const [at, key] = decodeCursor(filter.cursor, historyCursorSchema);
      after = `WHERE (h.at, h.sort_key) > (${sql.param(new Date(at))}, ${sql.param(key)})`;
    }
    const limit = sql.param(filter.limit + 1);
    const offeringsCte = `o AS (SELECT id, provider_slug, provider_model_id, model_slug FROM offering o WHERE ${[...where, 'true'].join(' AND ')})`;
    const { rows } = await this.connection.pool.query(
      `WITH ${offeringsCte},
       h AS (
         SELECT 'price' AS type, p.valid_from AS at, 'p' || lpad(p.id::text, 20, '0') AS sort_key, o.id AS offering_id,
                o.provider_slug, o.provider_model_id, o.model_slug, p.id::text AS price_point_id, p.component::text AS component,
                p.condition, p.unit, p.usd::text AS usd, p.observed_at, p.source, p.source_url, p.scrape_run_id, p.supersedes_id::text AS supersedes_id
           FROM price_point p JOIN o ON o.id = p.offering_id
          WHERE ${[...pointWhere, 'true'].join(' AND ')}
         ${
           includeEvents
             ? `UNION ALL
         SELECT e.kind::text, e.at, 'e' || lpad(e.id::text, 20, '0'), o.id, o.provider_slug, o.provider_model_id, o.model_slug,
                NULL, NULL, NULL, NULL, NULL, NULL, e.source, NULL, e.scrape_run_id, NULL
           FROM offering_event e JOIN o ON o.id = e.offering_id
          WHERE ${[...eventWhere, 'true'].join(' AND ')}`
             : ''
         }
       )
       SELECT * FROM h ${after} ORDER BY h.at, h.sort_key LIMIT ${limit}`,
      sql.values,
    );
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const entries: HistoryEntry[] = page.map((row) => ({
      type: row.type,
      at: row.at.toISOString(),
      offering: toOfferingRef(row),
      pricePointId: row.price_point_id,
      component: row.component,
      condition: row.condition,
      unit: row.unit,
      usd: formatDecimal(row.usd),
      validFrom: row.at.toISOString(),
      observedAt: row.observed_at?.toISOString() ?? null,
      source: row.source,
      sourceUrl: publicSourceRef(row.source_url),
      runId: row.scrape_run_id,
      supersedesId: row.supersedes_id,
    }));
    return { entries, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.at.toISOString(), last.sort_key]) : null };
  }

  /**
   * The change log: each point compared with the point before it on the same price line
   * (offering, component, condition), whatever the source; a row wherever the price differs,
   * including withdrawals and reappearances. Ordered by date.
   */
  async changes(filter: OfferingFilter & { component?: string; source?: string; since?: string; until?: string; minChangePct?: number; limit: number }): Promise<ChangeRow[]> {
    const sql = new SqlParams();
    const where = offeringWhere(sql, filter);
    const outer: string[] = ['c.old_usd IS DISTINCT FROM c.new_usd', 'c.previous_id IS NOT NULL OR c.new_usd IS NOT NULL'];
    const inner: string[] = [];
    if (filter.component) inner.push(`p.component = ${sql.param(filter.component)}::price_component`);
    // With a source, the log is that source's own: each of its points against its previous one.
    if (filter.source) inner.push(`p.source = ${sql.param(filter.source)}`);
    if (filter.since) outer.push(`c.valid_from >= ${sql.param(lowerBound(filter.since))}`);
    if (filter.until) outer.push(`c.valid_from <= ${sql.param(upperBound(filter.until))}`);
    if (filter.minChangePct !== undefined) {
      outer.push(`c.old_usd IS NOT NULL AND c.new_usd IS NOT NULL AND c.old_usd > 0
                  AND abs(c.new_usd - c.old_usd) * 100 / c.old_usd >= ${sql.param(filter.minChangePct)}`);
    }
    const priority = sql.param(this.config.PRICE_SOURCE_PRIORITY);
    const limit = sql.param(filter.limit);
    const { rows } = await this.connection.pool.query(
      `WITH o AS (SELECT id, provider_slug, provider_model_id, model_slug FROM offering o WHERE ${[...where, 'true'].join(' AND ')}),
       c AS (
         SELECT p.id, p.offering_id, p.component::text AS component, p.condition, p.unit, p.usd AS new_usd, p.valid_from, p.source,
                p.source_url, p.scrape_run_id,
                lag(p.usd) OVER line AS old_usd, lag(p.id) OVER line AS previous_id, lag(p.source) OVER line AS previous_source
           FROM price_point p JOIN o ON o.id = p.offering_id
          WHERE ${[...inner, 'true'].join(' AND ')}
         WINDOW line AS (PARTITION BY p.offering_id, p.component, p.condition_key
                         ORDER BY p.valid_from, array_position(${priority}::text[], p.source) DESC NULLS FIRST, p.id)
       )
       SELECT c.*, c.old_usd::text AS old_text, c.new_usd::text AS new_text,
              (c.new_usd - c.old_usd)::text AS change_text,
              CASE WHEN c.old_usd > 0 AND c.new_usd IS NOT NULL THEN round((c.new_usd - c.old_usd) * 100 / c.old_usd, 4)::text END AS pct_text,
              o.provider_slug, o.provider_model_id, o.model_slug
         FROM c JOIN o ON o.id = c.offering_id
        WHERE ${outer.map((condition) => `(${condition})`).join(' AND ')}
        ORDER BY c.valid_from, c.id
        LIMIT ${limit}`,
      sql.values,
    );
    return rows.map((row) => ({
      offering: toOfferingRef({ ...row, id: row.offering_id }),
      component: row.component,
      condition: row.condition,
      unit: row.unit,
      oldUsd: formatDecimal(row.old_text),
      newUsd: formatDecimal(row.new_text),
      changeUsd: formatDecimal(row.change_text),
      changePct: formatDecimal(row.pct_text),
      date: row.valid_from.toISOString(),
      source: row.source,
      sourceUrl: publicSourceRef(row.source_url),
      runId: row.scrape_run_id,
      previousSource: row.previous_source,
    }));
  }
}

function toOfferingRef(row: { id: number; provider_slug: string; provider_model_id: string; model_slug: string }): OfferingRef {
  return { id: row.id, provider: row.provider_slug, providerModelId: row.provider_model_id, model: row.model_slug };
}
