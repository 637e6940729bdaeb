import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';

import { CsvExport } from '../../common/csv.js';
import { formatSchema } from '../../common/list-query.js';
import { ApiDoc } from '../../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { CreatorsService, type CreatorItem } from './creators.service.js';

const creatorListQuerySchema = z.object({ format: formatSchema }).strict();

@Controller('v1/creators')
export class CreatorsController {
  constructor(private readonly creators: CreatorsService) {}

  @Get()
  @ApiDoc({ summary: 'List model creators', query: creatorListQuerySchema, csv: true })
  @CsvExport<CreatorItem>([
    { header: 'slug', value: (c) => c.slug },
    { header: 'name', value: (c) => c.name },
    { header: 'country', value: (c) => c.country },
    { header: 'modelCount', value: (c) => c.modelCount },
  ])
  list(@Query(new ZodPipe(creatorListQuerySchema)) _query: z.output<typeof creatorListQuerySchema>) {
    return this.creators.list();
  }
}
