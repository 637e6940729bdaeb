import { Args, Int, Query, Resolver } from '@nestjs/graphql';

import { asUserInputError, parseArgs } from '../graphql/graphql-input.js';
import { changesQuerySchema, priceAtQuerySchema } from './prices.schemas.js';
import { PricesService } from './prices.service.js';
import { OfferingPricesAtDateType, PriceChangeType } from './prices.types.js';

const compact = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));

@Resolver()
export class PricesResolver {
  constructor(private readonly prices: PricesService) {}

  @Query(() => [OfferingPricesAtDateType], { description: 'Price components in force on a day (UTC), as REST GET /v1/prices/at' })
  async pricesAt(
    @Args('date', { description: 'YYYY-MM-DD' }) date: string,
    @Args('provider', { type: () => String, nullable: true }) provider: string | null,
    @Args('providerModelId', { type: () => String, nullable: true }) providerModelId: string | null,
    @Args('model', { type: () => String, nullable: true }) model: string | null,
    @Args('component', { type: () => String, nullable: true }) component: string | null,
    @Args('source', { type: () => String, nullable: true }) source: string | null,
  ) {
    const query = parseArgs(priceAtQuerySchema, compact({ date, provider, providerModelId, model, component, source }), 'pricesAt', {
      date: 'date', provider: 'provider', providerModelId: 'providerModelId', model: 'model', component: 'component', source: 'source',
    });
    return (await this.prices.at(query)).items;
  }

  @Query(() => [PriceChangeType], { description: 'The change log, as REST GET /v1/changes' })
  async priceChanges(
    @Args('since', { type: () => String, nullable: true }) since: string | null,
    @Args('until', { type: () => String, nullable: true }) until: string | null,
    @Args('provider', { type: () => String, nullable: true }) provider: string | null,
    @Args('model', { type: () => String, nullable: true }) model: string | null,
    @Args('providerModelId', { type: () => String, nullable: true }) providerModelId: string | null,
    @Args('component', { type: () => String, nullable: true }) component: string | null,
    @Args('source', { type: () => String, nullable: true }) source: string | null,
    @Args('minChangePct', { type: () => Number, nullable: true }) minChangePct: number | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 1000 }) first: number,
  ) {
    const raw = compact({ since, until, provider, model, providerModelId, component, source, minChangePct, limit: first });
    const names = Object.fromEntries(Object.keys(raw).map((key) => [key, key === 'limit' ? 'first' : key]));
    const query = parseArgs(changesQuerySchema, raw, 'priceChanges', names);
    return (await this.prices.changes(query).catch(asUserInputError)).items;
  }
}
