import { Controller, Get, Param, Query } from '@nestjs/common';

import { CsvExport } from '../../common/csv.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { providerListQuerySchema, providerSlugSchema, type ProviderListQuery } from './providers.schemas.js';
import { ProvidersService, type ProviderListItem } from './providers.service.js';

@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @CsvExport<ProviderListItem>([
    { header: 'slug', value: (p) => p.slug },
    { header: 'name', value: (p) => p.name },
    { header: 'kinds', value: (p) => p.kinds.join(' ') },
    { header: 'pricingModel', value: (p) => p.pricingModel },
    { header: 'url', value: (p) => p.url },
    { header: 'offeringCount', value: (p) => p.offeringCount },
  ])
  list(@Query(new ZodPipe(providerListQuerySchema)) query: ProviderListQuery) {
    return this.providers.list(query);
  }

  @Get(':slug')
  get(@Param('slug', new ZodPipe(providerSlugSchema)) slug: string) {
    return this.providers.get(slug);
  }
}
