import { Inject, Injectable } from '@nestjs/common';

import { formatDecimal } from '../common/money.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection.js';
import type { PriceQueryOptions } from './current-prices.repository.js';
import { publicSourceRef } from '../../scrapers/http/redact.js';

export interface GpuPriceInForce {
  gpuSlug: string;
  providerSlug: string;
  providerName: string;
  pricingTier: string;
  usdPerHour: string;
  validFrom: string;
  source: string;
  sourceUrl: string | null;
}

/** Hourly GPU prices in force at an instant: newest by valid_from per (GPU, provider, tier), source priority on ties. */
@Injectable()
export class GpuPricesRepository {
  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async inForce(options: PriceQueryOptions & { gpuSlugs?: string[] } = {}): Promise<GpuPriceInForce[]> {
    const { rows } = await this.connection.pool.query<{
      gpu_slug: string;
      provider_slug: string;
      provider_name: string;
      pricing_tier: string;
      usd: string | null;
      valid_from: Date;
      source: string;
      source_url: string | null;
    }>(
      `SELECT current.*, pr.name AS provider_name FROM (
         SELECT DISTINCT ON (g.gpu_slug, g.provider_slug, g.pricing_tier)
                g.gpu_slug, g.provider_slug, g.pricing_tier, g.usd_per_hour::text AS usd, g.valid_from, g.source, g.source_url
           FROM gpu_price g
          WHERE g.valid_from <= $1
            AND ($2::text IS NULL OR g.source = $2)
            AND ($3::text[] IS NULL OR g.gpu_slug = ANY($3))
          ORDER BY g.gpu_slug, g.provider_slug, g.pricing_tier, g.valid_from DESC,
                   array_position($4::text[], g.source) NULLS LAST, g.id DESC
       ) current
       JOIN provider pr ON pr.slug = current.provider_slug
       WHERE current.usd IS NOT NULL
       ORDER BY current.gpu_slug, current.usd::numeric, current.provider_slug`,
      [options.at ?? new Date(), options.source ?? null, options.gpuSlugs ?? null, this.config.PRICE_SOURCE_PRIORITY],
    );
    return rows.map((row) => ({
      gpuSlug: row.gpu_slug,
      providerSlug: row.provider_slug,
      providerName: row.provider_name,
      pricingTier: row.pricing_tier,
      usdPerHour: formatDecimal(row.usd)!,
      validFrom: row.valid_from.toISOString(),
      source: row.source,
      sourceUrl: publicSourceRef(row.source_url),
    }));
  }
}
