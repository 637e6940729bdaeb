import { Controller, Get, Param, Query } from '@nestjs/common';

import { CsvExport } from '../../common/csv.js';
import { ApiDoc } from '../../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { modelListQuerySchema, modelSlugSchema, type ModelListQuery } from './models.schemas.js';
import { ModelsService, type ModelListItem } from './models.service.js';

@Controller('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @ApiDoc({
    summary: 'List models with filters, sorts and the cheapest current price of each',
    query: modelListQuerySchema,
    csv: true,
  })
  @CsvExport<ModelListItem>([
    { header: 'slug', value: (m) => m.slug },
    { header: 'name', value: (m) => m.name },
    { header: 'family', value: (m) => m.family },
    { header: 'creator', value: (m) => m.creator?.slug },
    { header: 'kind', value: (m) => m.kind },
    { header: 'status', value: (m) => m.status },
    { header: 'parametersB', value: (m) => m.parametersB },
    { header: 'activeParametersB', value: (m) => m.activeParametersB },
    { header: 'contextWindow', value: (m) => m.contextWindow },
    { header: 'releaseDate', value: (m) => m.releaseDate },
    { header: 'license', value: (m) => m.license?.id },
    { header: 'commercialUse', value: (m) => m.license?.commercialUse },
    { header: 'mmlu', value: (m) => m.scores.mmlu },
    { header: 'cheapestInputUsdPer1M', value: (m) => m.cheapest.input?.usd },
    { header: 'cheapestInputProvider', value: (m) => m.cheapest.input?.provider },
    { header: 'cheapestOutputUsdPer1M', value: (m) => m.cheapest.output?.usd },
    { header: 'cheapestOutputProvider', value: (m) => m.cheapest.output?.provider },
  ])
  list(@Query(new ZodPipe(modelListQuerySchema)) query: ModelListQuery) {
    return this.models.list(query);
  }

  @Get(':slug')
  @ApiDoc({
    summary: 'One model by slug or by any alias: license terms, benchmark results, offerings and current prices',
    params: { slug: modelSlugSchema },
    responses: { 404: 'No model with that slug or alias' },
  })
  get(@Param('slug', new ZodPipe(modelSlugSchema)) slug: string) {
    return this.models.get(slug);
  }
}
