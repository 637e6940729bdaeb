import { Injectable } from '@nestjs/common';

import { ResourceNotFoundException } from '../../common/errors.js';
import { formatDecimal } from '../../common/money.js';
import { PrismaService, type Prisma } from '../../database/prisma.service.js';
import { CurrentPricesRepository, type PriceInForce } from '../../prices/current-prices.repository.js';
import { isoDay, modelKindToApi, modelKindToDb, providerKindToApi } from '../catalog-enums.js';
import { normalizeAlias } from '../model-aliases.js';
import type { ModelListQuery } from './models.schemas.js';

const modelDetailInclude = {
  creator: true,
  license: { include: { versions: { orderBy: { effectiveFrom: 'desc' }, take: 1 } } },
  aliases: { orderBy: { alias: 'asc' } },
  benchmarkResults: { include: { benchmark: true }, orderBy: [{ benchmarkSlug: 'asc' }, { source: 'asc' }] },
  offerings: { include: { provider: true }, orderBy: [{ providerSlug: 'asc' }, { providerModelId: 'asc' }] },
} satisfies Prisma.ModelInclude;

type ModelWithDetail = Prisma.ModelGetPayload<{ include: typeof modelDetailInclude }>;
type ModelRow = Prisma.ModelGetPayload<{ include: { creator: true; license: true } }>;

@Injectable()
export class ModelsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prices: CurrentPricesRepository,
  ) {}

  async list(query: ModelListQuery) {
    const where: Prisma.ModelWhereInput = {
      ...(query.kind ? { kind: modelKindToDb(query.kind) } : {}),
      ...(query.q
        ? {
            OR: [
              { name: { contains: query.q, mode: 'insensitive' } },
              { slug: { contains: query.q.toLowerCase() } },
              { aliases: { some: { alias: { contains: query.q.toLowerCase() } } } },
            ],
          }
        : {}),
      ...(query.cursor ? { slug: { gt: query.cursor } } : {}),
    };
    const rows = await this.prisma.model.findMany({
      where,
      include: { creator: true, license: true },
      orderBy: { slug: 'asc' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => this.toSummary(row)),
      nextCursor: rows.length > query.limit ? page.at(-1)!.slug : null,
    };
  }

  /** One model by slug or by any alias a source uses for it. */
  async get(slugOrAlias: string) {
    const model =
      (await this.prisma.model.findUnique({ where: { slug: slugOrAlias }, include: modelDetailInclude })) ??
      (await this.findByAlias(slugOrAlias));
    if (!model) throw new ResourceNotFoundException('model', 'slug', slugOrAlias);
    const prices = await this.prices.forOfferings(model.offerings.map((offering) => offering.id));
    return this.toDetail(model, prices);
  }

  private async findByAlias(alias: string): Promise<ModelWithDetail | null> {
    const row = await this.prisma.modelAlias.findUnique({ where: { alias: normalizeAlias(alias) } });
    return row ? this.prisma.model.findUnique({ where: { slug: row.modelSlug }, include: modelDetailInclude }) : null;
  }

  private toSummary(model: ModelRow) {
    return {
      slug: model.slug,
      name: model.name,
      family: model.family,
      creator: model.creator ? { slug: model.creator.slug, name: model.creator.name } : null,
      kind: modelKindToApi(model.kind),
      status: model.status,
      parametersB: formatDecimal(model.parametersB),
      activeParametersB: formatDecimal(model.activeParametersB),
      contextWindow: model.contextWindow,
      inputModalities: model.inputModalities,
      outputModalities: model.outputModalities,
      releaseDate: isoDay(model.releaseDate),
      license: model.license
        ? { id: model.license.id, name: model.license.name, commercialUse: model.license.commercialUse }
        : null,
    };
  }

  private toDetail(model: ModelWithDetail, prices: Map<number, PriceInForce[]>) {
    const version = model.license?.versions[0];
    const offerings = model.offerings.map((offering) => ({
      id: offering.id,
      provider: { slug: offering.provider.slug, name: offering.provider.name, kinds: offering.provider.kinds.map(providerKindToApi) },
      providerModelId: offering.providerModelId,
      status: offering.status,
      features: {
        toolCalling: offering.supportsToolCalling,
        structuredOutput: offering.supportsStructuredOutput,
        promptCaching: offering.supportsPromptCaching,
        batch: offering.supportsBatch,
        fineTuning: offering.supportsFineTuning,
        vision: offering.supportsVision,
      },
      contextWindow: offering.contextWindow,
      maxOutputTokens: offering.maxOutputTokens,
      prices: (prices.get(offering.id) ?? []).map(presentPrice),
    }));
    return {
      ...this.toSummary(model),
      maxOutputTokens: model.maxOutputTokens,
      knowledgeCutoff: model.knowledgeCutoff,
      huggingFaceId: model.huggingFaceId,
      description: model.description,
      aliases: model.aliases.map((alias) => alias.alias),
      factSources: model.factSources,
      license: model.license && {
        id: model.license.id,
        name: model.license.name,
        spdxId: model.license.spdxId,
        category: model.license.category,
        url: model.license.url,
        commercialUse: model.license.commercialUse,
        userCapMau: model.license.userCapMau === null ? null : Number(model.license.userCapMau),
        version: version ? { version: version.version, effectiveFrom: isoDay(version.effectiveFrom), url: version.url } : null,
        terms: version?.terms ?? null,
      },
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
      cheapest: {
        input: cheapestOf(offerings, 'input'),
        output: cheapestOf(offerings, 'output'),
      },
    };
  }
}

export function presentPrice(price: PriceInForce) {
  return {
    component: price.component,
    condition: price.condition,
    unit: price.unit,
    usd: price.usd,
    validFrom: price.validFrom,
    observedAt: price.observedAt,
    source: price.source,
    sourceUrl: price.sourceUrl,
    scrapeRunId: price.scrapeRunId,
  };
}

type PresentedOffering = {
  id: number;
  provider: { slug: string; name: string };
  providerModelId: string;
  status: string;
  prices: ReturnType<typeof presentPrice>[];
};

/** Cheapest listed offering for a component, on the unconditional price line. */
function cheapestOf(offerings: PresentedOffering[], component: 'input' | 'output') {
  let best: { usd: string; unit: string; provider: string; offeringId: number; providerModelId: string } | null = null;
  for (const offering of offerings) {
    if (offering.status !== 'listed') continue;
    const price = offering.prices.find((p) => p.component === component && p.condition === null);
    if (price && (best === null || Number(price.usd) < Number(best.usd) || (price.usd === best.usd && offering.provider.slug < best.provider))) {
      best = { usd: price.usd, unit: price.unit, provider: offering.provider.slug, offeringId: offering.id, providerModelId: offering.providerModelId };
    }
  }
  return best;
}
