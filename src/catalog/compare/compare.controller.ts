import { Controller, Get, Query } from '@nestjs/common';

import { CsvExport } from '../../common/csv.js';
import { ApiDoc } from '../../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { compareQuerySchema, type CompareQuery } from './compare.schemas.js';
import { CompareService, type CompareRow } from './compare.service.js';

@Controller('v1/compare')
export class CompareController {
  constructor(private readonly compareService: CompareService) {}

  /** `?models=gpt-4o,claude-3-5-sonnet,llama-3-3-70b` with an optional workload; CSV: one column per model. */
  @Get()
  @ApiDoc({
    summary: 'Side-by-side comparison of models with the monthly cost of a workload (default: the article\'s 10M x 500/500)',
    query: compareQuerySchema,
    csv: true,
    responses: { 404: 'A model named is not in the catalog' },
  })
  @CsvExport<CompareRow>((result: { models: { slug: string }[] }) => [
    { header: 'field', value: (row) => row.field },
    ...result.models.map((model) => ({ header: model.slug, value: (row: CompareRow) => row.values[model.slug] })),
  ])
  compare(@Query(new ZodPipe(compareQuerySchema)) query: CompareQuery) {
    return this.compareService.compare(query);
  }
}
