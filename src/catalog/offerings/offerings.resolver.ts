import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { z } from 'zod';

import { dayOrInstantSchema } from '../../common/db-input.js';
import { formatDecimal } from '../../common/money.js';
import type { GraphQLContext } from '../../graphql/catalog-loaders.js';
import { parseArgs } from '../../graphql/graphql-input.js';
import type { Offering } from '../../generated/prisma/client.js';
import { PRICE_COMPONENTS } from '../../../scrapers/shared/price-line.js';
import { presentPrice } from './offering.presenter.js';
import { offeringListQuerySchema } from './offerings.schemas.js';
import { OfferingsService } from './offerings.service.js';
import { OfferingFeaturesType, OfferingFilterInput, OfferingType, PricePointType, PriceType } from './offerings.types.js';
import { ModelType } from '../models/models.types.js';
import { ProviderType } from '../providers/providers.types.js';
import { ProvidersService } from '../providers/providers.service.js';
import { publicSourceRef } from '../../../scrapers/http/redact.js';

const priceHistoryArgsSchema = z.object({
  from: dayOrInstantSchema.optional(),
  to: dayOrInstantSchema.optional(),
  component: z.enum(PRICE_COMPONENTS).optional(),
});

@Resolver(() => OfferingType)
export class OfferingsResolver {
  constructor(
    private readonly offerings: OfferingsService,
    private readonly providers: ProvidersService,
  ) {}

  @Query(() => [OfferingType], { name: 'offerings', description: 'Offerings (up to 500) with the filters of REST GET /v1/offerings' })
  async offeringsList(@Args('filter', { type: () => OfferingFilterInput, nullable: true }) filter: OfferingFilterInput | null) {
    const query = parseArgs(offeringListQuerySchema, { ...filter, limit: 500 }, 'filter');
    return this.offerings.listRecords(query);
  }

  @ResolveField(() => ProviderType)
  async provider(@Parent() offering: Offering, @Context() context: GraphQLContext) {
    const provider = await context.loaders.providerBySlug.load(offering.providerSlug);
    return provider && this.providers.present(provider);
  }

  @ResolveField(() => ModelType)
  model(@Parent() offering: Offering, @Context() context: GraphQLContext) {
    return context.loaders.modelBySlug.load(offering.modelSlug);
  }

  @ResolveField(() => OfferingFeaturesType)
  features(@Parent() offering: Offering): OfferingFeaturesType {
    return {
      toolCalling: offering.supportsToolCalling,
      structuredOutput: offering.supportsStructuredOutput,
      promptCaching: offering.supportsPromptCaching,
      batch: offering.supportsBatch,
      fineTuning: offering.supportsFineTuning,
      vision: offering.supportsVision,
    };
  }

  @ResolveField(() => [PriceType], { description: 'Price components in force now' })
  async currentPrices(@Parent() offering: Offering, @Context() context: GraphQLContext) {
    return (await context.loaders.currentPricesByOffering.load(offering.id)).map(presentPrice);
  }

  @ResolveField(() => [PricePointType], { description: 'Every price point, oldest first, optionally within [from, to] and for one component' })
  async priceHistory(
    @Parent() offering: Offering,
    @Context() context: GraphQLContext,
    @Args('from', { type: () => String, nullable: true }) from: string | null,
    @Args('to', { type: () => String, nullable: true }) to: string | null,
    @Args('component', { type: () => String, nullable: true }) component: string | null,
  ) {
    const args = parseArgs(
      priceHistoryArgsSchema,
      Object.fromEntries(Object.entries({ from, to, component }).filter(([, v]) => v !== null)),
      'priceHistory',
      { from: 'from', to: 'to', component: 'component' },
    );
    const points = await context.loaders.priceHistory.load({
      offeringId: offering.id,
      from: args.from ?? null,
      to: args.to ? (args.to.length === 10 ? `${args.to}T23:59:59.999Z` : args.to) : null,
      component: args.component ?? null,
    });
    return points.map((point) => ({
      id: point.id.toString(),
      component: point.component,
      condition: point.condition,
      unit: point.unit,
      usd: formatDecimal(point.usd),
      validFrom: point.validFrom,
      observedAt: point.observedAt,
      source: point.source,
      sourceUrl: publicSourceRef(point.sourceUrl),
      scrapeRunId: point.scrapeRunId,
    }));
  }
}
