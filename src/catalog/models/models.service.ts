import { Injectable } from '@nestjs/common';

import { ResourceNotFoundException } from '../../common/errors.js';
import { compareDecimals, formatDecimal, TOKEN_PRICE_UNIT } from '../../common/money.js';
import { PrismaService, type Prisma } from '../../database/prisma.service.js';
import { CurrentPricesRepository, type PriceInForce, type PriceQueryOptions } from '../../prices/current-prices.repository.js';
import { isoDay } from '../catalog-enums.js';
import { presentLicenseSummary } from '../licenses/license.presenter.js';
import { normalizeAlias } from '../model-aliases.js';
import { basePrice, presentOffering, type PresentedOffering } from '../offerings/offering.presenter.js';
import { modelNodeFromRecord } from './model-node.js';
import { ModelsRepository, type ModelListRow } from './models.repository.js';
import type { ModelListQuery } from './models.schemas.js';

const modelDetailInclude = {
  creator: true,
  license: { include: { versions: { orderBy: { effectiveFrom: 'desc' }, take: 1 } } },
  aliases: { orderBy: { alias: 'asc' } },
  benchmarkResults: { include: { benchmark: true }, orderBy: [{ benchmarkSlug: 'asc' }, { source: 'asc' }] },
  offerings: { include: { provider: true }, orderBy: [{ providerSlug: 'asc' }, { providerModelId: 'asc' }] },
  licenseHistory: { include: { license: true }, orderBy: [{ validFrom: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.ModelInclude;

type ModelWithDetail = Prisma.ModelGetPayload<{ include: typeof modelDetailInclude }>;

@Injectable()
export class ModelsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prices: CurrentPricesRepository,
    private readonly repository: ModelsRepository,
  ) {}

  async list(query: ModelListQuery) {
    const { rows, nextCursor } = await this.repository.list(query);
    return { items: rows.map(presentModelListRow), nextCursor };
  }

  /** One model by slug or by any alias a source uses for it; prices as of now, or as the options say. */
  async get(slugOrAlias: string, priceOptions: PriceQueryOptions = {}) {
    const model = await this.find(slugOrAlias);
    if (!model) throw new ResourceNotFoundException('model', 'slug', slugOrAlias);
    const prices = await this.prices.forOfferings(model.offerings.map((offering) => offering.id), priceOptions);
    return presentModelDetail(model, prices);
  }

  /** Canonical slug of a model named by slug or alias, or null. */
  async resolveSlug(slugOrAlias: string): Promise<string | null> {
    const bySlug = await this.prisma.model.findUnique({ where: { slug: slugOrAlias }, select: { slug: true } });
    if (bySlug) return bySlug.slug;
    const alias = await this.prisma.modelAlias.findUnique({ where: { alias: normalizeAlias(slugOrAlias) } });
    return alias?.modelSlug ?? null;
  }

  private async find(slugOrAlias: string): Promise<ModelWithDetail | null> {
    const slug = await this.resolveSlug(slugOrAlias);
    return slug ? this.prisma.model.findUnique({ where: { slug }, include: modelDetailInclude }) : null;
  }
}

function presentModelDetail(model: ModelWithDetail, prices: Map<number, PriceInForce[]>) {
  const version = model.license?.versions[0];
  const offerings = model.offerings.map((offering) => presentOffering({ ...offering, model }, prices.get(offering.id) ?? []));
  const { creatorSlug: _creator, licenseId: _license, ...facts } = modelNodeFromRecord(model);
  return {
    ...facts,
    creator: model.creator ? { slug: model.creator.slug, name: model.creator.name } : null,
    aliases: model.aliases.map((alias) => alias.alias),
    factSources: model.factSources,
    license: model.license && {
      ...presentLicenseSummary(model.license),
      version: version ? { version: version.version, effectiveFrom: isoDay(version.effectiveFrom), url: version.url } : null,
      terms: version?.terms ?? null,
    },
    licenseHistory: model.licenseHistory.map((entry) => ({
      license: { id: entry.license.id, name: entry.license.name },
      validFrom: isoDay(entry.validFrom),
      source: entry.source,
      sourceUrl: entry.sourceUrl,
    })),
    benchmarkResults: model.benchmarkResults.map((result) => ({
      benchmark: result.benchmarkSlug,
      benchmarkName: result.benchmark.name,
      score: formatDecimal(result.score),
      unit: result.benchmark.unit,
      setting: result.setting,
      measuredOn: isoDay(result.measuredOn),
      source: result.source,
      sourceUrl: result.sourceUrl,
    })),
    offerings,
    cheapest: { input: cheapestOffering(offerings, 'input'), output: cheapestOffering(offerings, 'output') },
  };
}

/** Cheapest listed offering for a component on its unconditional price line; ties go to the provider slug first in order. */
export function cheapestOffering(offerings: readonly PresentedOffering[], component: string) {
  let best: { usd: string; unit: string; provider: string; offeringId: number; providerModelId: string } | null = null;
  for (const offering of offerings) {
    const price = offering.status === 'listed' ? basePrice(offering, component) : undefined;
    if (!price) continue;
    const order = best === null ? -1 : compareDecimals(price.usd, best.usd);
    if (order < 0 || (order === 0 && offering.provider.slug < best!.provider)) {
      best = { usd: price.usd, unit: price.unit, provider: offering.provider.slug, offeringId: offering.id, providerModelId: offering.providerModelId };
    }
  }
  return best;
}

export function presentModelListRow(row: ModelListRow) {
  const cheapest = (usd: string | null, provider: string | null, offeringId: number | null) =>
    usd === null ? null : { usd: formatDecimal(usd), unit: TOKEN_PRICE_UNIT, provider, offeringId };
  return {
    slug: row.slug,
    name: row.name,
    family: row.family,
    creator: row.creator_slug ? { slug: row.creator_slug, name: row.creator_name } : null,
    kind: row.kind,
    status: row.status,
    parametersB: formatDecimal(row.parameters_b),
    activeParametersB: formatDecimal(row.active_parameters_b),
    contextWindow: row.context_window,
    inputModalities: row.input_modalities,
    outputModalities: row.output_modalities,
    releaseDate: row.release_date,
    license: row.license_id ? { id: row.license_id, name: row.license_name, commercialUse: row.commercial_use } : null,
    scores: Object.fromEntries(Object.entries(row.scores ?? {}).map(([benchmark, score]) => [benchmark, formatDecimal(score)])),
    cheapest: {
      input: cheapest(row.input_usd, row.input_provider, row.input_offering_id),
      output: cheapest(row.output_usd, row.output_provider, row.output_offering_id),
    },
  };
}

export type ModelListItem = ReturnType<typeof presentModelListRow>;
