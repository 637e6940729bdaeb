import { Controller, Get, Query } from '@nestjs/common';

import { CsvExport } from '../../common/csv.js';
import { ApiDoc } from '../../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { basePrice, type PresentedOffering } from './offering.presenter.js';
import { offeringListQuerySchema, type OfferingListQuery } from './offerings.schemas.js';
import { OfferingsService } from './offerings.service.js';

@Controller('v1/offerings')
export class OfferingsController {
  constructor(private readonly offerings: OfferingsService) {}

  @Get()
  @ApiDoc({ summary: 'List offerings (a model at a provider) with their current prices', query: offeringListQuerySchema, csv: true })
  @CsvExport<PresentedOffering>([
    { header: 'id', value: (o) => o.id },
    { header: 'provider', value: (o) => o.provider.slug },
    { header: 'model', value: (o) => o.model.slug },
    { header: 'providerModelId', value: (o) => o.providerModelId },
    { header: 'status', value: (o) => o.status },
    { header: 'inputUsdPer1M', value: (o) => basePrice(o, 'input')?.usd },
    { header: 'outputUsdPer1M', value: (o) => basePrice(o, 'output')?.usd },
    { header: 'cachedInputUsdPer1M', value: (o) => basePrice(o, 'cached_input')?.usd },
    { header: 'contextWindow', value: (o) => o.contextWindow },
  ])
  list(@Query(new ZodPipe(offeringListQuerySchema)) query: OfferingListQuery) {
    return this.offerings.list(query);
  }
}
