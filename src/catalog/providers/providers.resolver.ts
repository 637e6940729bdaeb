import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import type { GraphQLContext } from '../../graphql/catalog-loaders.js';
import { parseArgs } from '../../graphql/graphql-input.js';
import { OfferingType } from '../offerings/offerings.types.js';
import { providerListQuerySchema } from './providers.schemas.js';
import { ProvidersService, type ProviderListItem } from './providers.service.js';
import { ProviderType } from './providers.types.js';

@Resolver(() => ProviderType)
export class ProvidersResolver {
  constructor(private readonly providersService: ProvidersService) {}

  @Query(() => [ProviderType], { description: 'Providers (up to 500), optionally of one kind' })
  async providers(@Args('kind', { type: () => String, nullable: true }) kind: string | null): Promise<ProviderListItem[]> {
    const query = parseArgs(providerListQuerySchema, { ...(kind ? { kind } : {}), limit: 500 }, 'kind', { kind: 'kind' });
    return (await this.providersService.list(query)).items;
  }

  @Query(() => ProviderType, { nullable: true })
  async provider(@Args('slug') slug: string, @Context() context: GraphQLContext) {
    const provider = await context.loaders.providerBySlug.load(slug);
    return provider ? this.providersService.present(provider) : null;
  }

  @ResolveField(() => [OfferingType])
  async offerings(
    @Parent() provider: ProviderListItem,
    @Context() context: GraphQLContext,
    @Args('status', { type: () => String, nullable: true, defaultValue: 'listed', description: 'listed | unlisted | all' }) status: string,
  ) {
    const offerings = await context.loaders.offeringsByProvider.load(provider.slug);
    return status === 'all' ? offerings : offerings.filter((offering) => offering.status === status);
  }
}
