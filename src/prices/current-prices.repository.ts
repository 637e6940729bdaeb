import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection.js';
import { formatDecimal } from '../common/money.js';
import type { PriceComponent } from '../generated/prisma/enums.js';
import type { PriceCondition } from '../../scrapers/shared/price-line.js';
import { publicSourceRef } from '../../scrapers/http/redact.js';

/** One component's price in force at an instant. */
export interface PriceInForce {
  pricePointId: string;
  offeringId: number;
  component: PriceComponent;
  condition: PriceCondition | null;
  unit: string;
  /** Decimal string, USD per unit. */
  usd: string;
  validFrom: string;
  observedAt: string;
  source: string;
  sourceUrl: string | null;
  scrapeRunId: number | null;
}

export interface PriceQueryOptions {
  /** The instant to price at; default now. */
  at?: Date;
  /** Only points from this source (e.g. "article"). */
  source?: string;
  /** Only this component. */
  component?: PriceComponent;
}

interface PriceRow {
  id: string;
  offering_id: number;
  component: PriceComponent;
  condition: PriceCondition | null;
  unit: string;
  usd: string | null;
  valid_from: Date;
  observed_at: Date;
  source: string;
  source_url: string | null;
  scrape_run_id: number | null;
}

/**
 * The price in force per (offering, component, condition) at $2, for the offerings $1; $3 only
 * that source, $4 the source priority for ties, $5 only that component. A skip scan on the
 * (offering_id, component, condition_key, valid_from DESC) index: first the few series (component,
 * condition) of each offering, one index probe per series found, then the newest point of each
 * series at the instant, one probe more. Its cost follows the number of series, not of points: an
 * offering with hundreds of price changes costs what one with two does. (A DISTINCT ON over the
 * offering's points read them all.)
 */
export const CURRENT_PRICES_SQL = `WITH RECURSIVE series AS (
   SELECT o.id AS offering_id, first.component, first.condition_key
     FROM unnest($1::int[]) AS o(id)
    CROSS JOIN LATERAL (
      SELECT p.component, p.condition_key FROM price_point p
       WHERE p.offering_id = o.id
       ORDER BY p.component, p.condition_key LIMIT 1
    ) first
   UNION ALL
   SELECT s.offering_id, next.component, next.condition_key
     FROM series s
    CROSS JOIN LATERAL (
      SELECT p.component, p.condition_key FROM price_point p
       WHERE p.offering_id = s.offering_id AND (p.component, p.condition_key) > (s.component, s.condition_key)
       ORDER BY p.component, p.condition_key LIMIT 1
    ) next
 )
 SELECT current.* FROM series s
 CROSS JOIN LATERAL (
   SELECT p.id::text AS id, p.offering_id, p.component, p.condition, p.unit, p.usd::text AS usd,
          p.valid_from, p.observed_at, p.source, p.source_url, p.scrape_run_id
     FROM price_point p
    WHERE p.offering_id = s.offering_id AND p.component = s.component AND p.condition_key = s.condition_key
      AND p.valid_from <= $2
      AND ($3::text IS NULL OR p.source = $3)
    ORDER BY p.valid_from DESC, array_position($4::text[], p.source) NULLS LAST, p.id DESC
    LIMIT 1
 ) current
 WHERE current.usd IS NOT NULL AND ($5::price_component IS NULL OR s.component = $5)`;

/**
 * The price of each (offering, component, condition) in force at an instant: the newest point by
 * valid_from, ties broken by the configured source priority. A withdrawn component (NULL price)
 * is absent from the answer. One statement for any number of offerings.
 */
@Injectable()
export class CurrentPricesRepository {
  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forOfferings(offeringIds: readonly number[], options: PriceQueryOptions = {}): Promise<Map<number, PriceInForce[]>> {
    const byOffering = new Map<number, PriceInForce[]>(offeringIds.map((id) => [id, []]));
    if (offeringIds.length === 0) return byOffering;
    const { rows } = await this.connection.pool.query<PriceRow>(
      CURRENT_PRICES_SQL,
      [offeringIds, options.at ?? new Date(), options.source ?? null, this.config.PRICE_SOURCE_PRIORITY, options.component ?? null],
    );
    for (const row of rows) byOffering.get(row.offering_id)?.push(toPriceInForce(row));
    return byOffering;
  }
}

function toPriceInForce(row: PriceRow): PriceInForce {
  return {
    pricePointId: row.id,
    offeringId: row.offering_id,
    component: row.component,
    condition: row.condition,
    unit: row.unit,
    usd: formatDecimal(row.usd)!,
    validFrom: row.valid_from.toISOString(),
    observedAt: row.observed_at.toISOString(),
    source: row.source,
    sourceUrl: publicSourceRef(row.source_url),
    scrapeRunId: row.scrape_run_id,
  };
}
