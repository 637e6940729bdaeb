import { Controller, Get, Param, Query } from '@nestjs/common';

import { CsvExport } from '../../common/csv.js';
import { ApiDoc } from '../../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { providerListQuerySchema, providerSlugSchema, type ProviderListQuery } from './providers.schemas.js';
import { ProvidersService, type ProviderListItem } from './providers.service.js';

@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @ApiDoc({ summary: 'List providers: closed labs, inference hosts, clouds, GPU clouds, self-hosting runtimes', query: providerListQuerySchema, csv: true })
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
  @ApiDoc({
    summary: 'One provider with its offerings and their current prices',
    params: { slug: providerSlugSchema },
    responses: { 404: 'No provider with that slug' },
  })
  get(@Param('slug', new ZodPipe(providerSlugSchema)) slug: string) {
    return this.providers.get(slug);
  }
}
