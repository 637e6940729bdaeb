import { Inject, Injectable } from '@nestjs/common';

import { endOfDay } from '../common/dates.js';
import { formatDecimal, TOKEN_PRICE_UNIT } from '../common/money.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { licenseTermsSchema } from '../catalog/licenses/license-terms.js';
import { normalizeAlias } from '../catalog/model-aliases.js';
import { CatalogRevisionService } from '../database/catalog-revision.service.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection.js';
import { CurrentPricesRepository } from '../prices/current-prices.repository.js';
import { GpuPricesRepository } from '../prices/gpu-prices.repository.js';
import {
  apiOffering,
  assembleCatalog,
  type ApiOffering,
  type CatalogModel,
  type DecisionCatalog,
  type DeploymentProfileRow,
  type GpuOffer,
  type PricedLine,
  type ScoreFact,
} from './decision-catalog.js';
import type { LicenseRecord } from './license/license-check.js';

export interface CatalogQuery {
  /** YYYY-MM-DD: as on that day (end of day, UTC); default now. */
  pricesAsOf?: string;
  /** Only this source's token and GPU prices; scores from it are preferred. */
  priceSource?: string;
}

const MAX_CACHED_CATALOGS = 8;

interface CatalogRead {
  catalog: DecisionCatalog;
}

interface CachedCatalog {
  read: Promise<CatalogRead>;
  /** Epoch ms when the catalog in hand was read; null while the first read is under way. */
  loadedAt: number | null;
  refreshing: boolean;
}

/**
 * Loads what a decision reads in a fixed number of statements whatever the catalog's size: listed
 * offerings (with provider), models, the license versions in force, the score each model is judged
 * on per benchmark, deployment profiles (in parallel), then token prices in force for those
 * offerings (CurrentPricesRepository) and GPU prices in force (GpuPricesRepository).
 *
 * The result is kept in memory per (catalog revision, price source, date), like the HTTP response
 * cache: a write to the catalog (any instance) bumps the revision, and the next decision reads the
 * new catalog; while it is unchanged a decision costs one revision lookup plus pure computation.
 * A catalog priced "now" can also age without a write, when a price dated in the future takes
 * effect: once it is RESPONSE_CACHE_TTL_MS old (the response cache's tolerance), the next decision
 * starts a fresh read in the background and decisions go on with the catalog in hand until it
 * lands, so none waits for a reload the clock alone asked for. RESPONSE_CACHE_ENTRIES=0 turns the
 * cache off.
 */
@Injectable()
export class DecisionCatalogRepository {
  private readonly cache = new Map<string, CachedCatalog>();

  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly revisions: CatalogRevisionService,
    private readonly prices: CurrentPricesRepository,
    private readonly gpuPrices: GpuPricesRepository,
  ) {}

  async load(query: CatalogQuery): Promise<DecisionCatalog> {
    if (this.config.RESPONSE_CACHE_ENTRIES === 0) return (await this.read(query)).catalog;
    const revision = await this.revisions.current();
    const key = `${revision}|${query.priceSource ?? ''}|${query.pricesAsOf ?? 'now'}`;
    const cached = this.cache.get(key);
    if (cached) {
      const aged = cached.loadedAt !== null && Date.now() - cached.loadedAt > this.config.RESPONSE_CACHE_TTL_MS;
      if (query.pricesAsOf === undefined && aged && !cached.refreshing) this.refresh(key, cached, query);
      return (await cached.read).catalog;
    }
    const read = this.read(query);
    const entry: CachedCatalog = { read, loadedAt: null, refreshing: false };
    this.cache.set(key, entry);
    read.then(
      () => (entry.loadedAt = Date.now()),
      () => this.cache.get(key) === entry && this.cache.delete(key),
    );
    while (this.cache.size > MAX_CACHED_CATALOGS) this.cache.delete(this.cache.keys().next().value!);
    return (await read).catalog;
  }

  /** Reads the catalog again in the background; the entry keeps its catalog until the new one lands. */
  private refresh(key: string, entry: CachedCatalog, query: CatalogQuery): void {
    entry.refreshing = true;
    this.read(query).then(
      (fresh) => {
        entry.read = Promise.resolve(fresh);
        entry.loadedAt = Date.now();
        entry.refreshing = false;
      },
      // The old catalog stays; the next decision tries again.
      () => (entry.refreshing = false),
    );
  }

  /** Model slugs for names that are not slugs (aliases), one statement; unknown names are left out. */
  async resolveAliases(names: readonly string[]): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const normalized = names.map(normalizeAlias);
    const { rows } = await this.connection.pool.query<{ alias: string; model_slug: string }>(
      'SELECT alias, model_slug FROM model_alias WHERE alias = ANY($1::text[])',
      [normalized],
    );
    const byAlias = new Map(rows.map((row) => [row.alias, row.model_slug]));
    return new Map(names.flatMap((name) => (byAlias.has(normalizeAlias(name)) ? [[name, byAlias.get(normalizeAlias(name))!] as const] : [])));
  }

  private async read(query: CatalogQuery): Promise<CatalogRead> {
    const at = query.pricesAsOf ? endOfDay(query.pricesAsOf) : new Date();
    const source = query.priceSource ?? null;
    const pool = this.connection.pool;
    const [offeringRows, modelRows, licenseRows, scoreRows, profileRows, gpuPrices] = await Promise.all([
      pool.query<{
        id: number;
        provider_slug: string;
        provider_name: string;
        model_slug: string;
        provider_model_id: string;
        supports_fine_tuning: boolean | null;
      }>(
        `SELECT o.id, o.provider_slug, pr.name AS provider_name, o.model_slug, o.provider_model_id, o.supports_fine_tuning
           FROM offering o
           JOIN provider pr ON pr.slug = o.provider_slug
           JOIN model m ON m.slug = o.model_slug
          WHERE o.status = 'listed' AND m.status <> 'discovered'
          ORDER BY o.id`,
      ),
      pool.query<{ slug: string; name: string; kind: 'closed' | 'open-weights'; parameters_b: string | null; license_id: string | null }>(
        `SELECT slug, name, kind::text AS kind, parameters_b::text AS parameters_b, license_id FROM model WHERE status <> 'discovered'`,
      ),
      // The version in force on the day: the newest in effect by then (else the newest of all).
      pool.query<{ id: string; name: string; spdx_id: string | null; url: string | null; version: string; version_url: string | null; terms: unknown }>(
        `SELECT DISTINCT ON (l.id) l.id, l.name, l.spdx_id, l.url, v.version, v.url AS version_url, v.terms
           FROM license l
           JOIN license_version v ON v.license_id = l.id
          ORDER BY l.id, (v.effective_from <= $1::date) DESC, v.effective_from DESC, v.id DESC`,
        [at.toISOString().slice(0, 10)],
      ),
      // Per model and benchmark, the score the decision judges on: the price source's own figure when it
      // has one (the article's MMLU column with priceSource=article), else the highest reported.
      pool.query<{ model_slug: string; benchmark_slug: string; score: string; source: string; setting: string }>(
        `SELECT DISTINCT ON (r.model_slug, r.benchmark_slug) r.model_slug, r.benchmark_slug, r.score::text AS score, r.source, r.setting
           FROM benchmark_result r
          ORDER BY r.model_slug, r.benchmark_slug, (r.source = $1) DESC NULLS LAST, r.score DESC, r.source, r.setting`,
        [source],
      ),
      pool.query<{
        id: number;
        model_slug: string;
        gpu_slug: string;
        gpu_name: string;
        gpus_per_replica: number;
        sustained: string;
        infrastructure: string;
        runtime: string;
        source: string;
      }>(
        `SELECT d.id, d.model_slug, d.gpu_slug, g.name AS gpu_name, d.gpus_per_replica, d.sustained_tokens_per_second::text AS sustained,
                d.infrastructure_usd_per_month::text AS infrastructure, d.runtime, d.source
           FROM deployment_profile d JOIN gpu_type g ON g.slug = d.gpu_slug
          ORDER BY d.id`,
      ),
      this.gpuPrices.inForce({ at, source: query.priceSource }),
    ]);
    const prices = await this.prices.forOfferings(
      offeringRows.rows.map((row) => row.id),
      { at, source: query.priceSource },
    );

    const models = new Map<string, CatalogModel>(
      modelRows.rows.map((row) => [
        row.slug,
        { slug: row.slug, name: row.name, kind: row.kind, parametersB: formatDecimal(row.parameters_b), licenseId: row.license_id, scores: new Map<string, ScoreFact>() },
      ]),
    );
    for (const row of scoreRows.rows) {
      const score = formatDecimal(row.score)!;
      models.get(row.model_slug)?.scores.set(row.benchmark_slug, { benchmark: row.benchmark_slug, score, value: Number(score), source: row.source, setting: row.setting });
    }

    const licenses = new Map<string, LicenseRecord>();
    for (const row of licenseRows.rows) {
      const terms = licenseTermsSchema.safeParse(row.terms);
      if (!terms.success) throw new Error(`license ${row.id} ${row.version}: terms do not match the terms schema: ${terms.error.message}`);
      licenses.set(row.id, { id: row.id, name: row.name, spdxId: row.spdx_id, url: row.version_url ?? row.url ?? '', version: row.version, terms: terms.data });
    }

    const offerings: ApiOffering[] = [];
    for (const row of offeringRows.rows) {
      const model = models.get(row.model_slug);
      if (!model) continue;
      const lines: PricedLine[] = (prices.get(row.id) ?? [])
        .filter((price) => price.unit === TOKEN_PRICE_UNIT)
        .map((price) => ({ component: price.component, condition: price.condition, usd: price.usd, source: price.source }));
      const offering = apiOffering(
        {
          id: row.id,
          tier: model.kind === 'closed' ? 'closed-api' : 'hosted-open',
          modelSlug: row.model_slug,
          providerSlug: row.provider_slug,
          providerName: row.provider_name,
          providerModelId: row.provider_model_id,
          supportsFineTuning: row.supports_fine_tuning,
        },
        lines,
      );
      if (offering) offerings.push(offering);
    }

    const profiles: DeploymentProfileRow[] = profileRows.rows.map((row) => ({
      id: row.id,
      modelSlug: row.model_slug,
      gpuSlug: row.gpu_slug,
      gpuName: row.gpu_name,
      gpusPerReplica: row.gpus_per_replica,
      sustainedTokensPerSecond: row.sustained,
      infrastructureUsdPerMonth: row.infrastructure,
      runtime: row.runtime,
      source: row.source,
    }));

    // inForce answers cheapest first per GPU.
    const gpuOffers = new Map<string, GpuOffer[]>();
    for (const price of gpuPrices) {
      const list = gpuOffers.get(price.gpuSlug) ?? [];
      list.push({
        gpuSlug: price.gpuSlug,
        providerSlug: price.providerSlug,
        providerName: price.providerName,
        pricingTier: price.pricingTier,
        usdPerHour: price.usdPerHour,
        source: price.source,
      });
      gpuOffers.set(price.gpuSlug, list);
    }

    return {
      catalog: assembleCatalog({ models, licenses, offerings, profiles, gpuOffers, prices: { at: at.toISOString(), asOf: query.pricesAsOf ?? null, source } }),
    };
  }
}
