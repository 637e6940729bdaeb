import { Controller, Get, Param, Query } from '@nestjs/common';

import { CsvExport } from '../../common/csv.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { modelListQuerySchema, modelSlugSchema, type ModelListQuery } from './models.schemas.js';
import { ModelsService, type ModelListItem } from './models.service.js';

@Controller('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
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
  get(@Param('slug', new ZodPipe(modelSlugSchema)) slug: string) {
    return this.models.get(slug);
  }
}
