import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';

import { CsvExport } from '../../common/csv.js';
import { formatSchema } from '../../common/list-query.js';
import { ApiDoc } from '../../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { GpusService, type GpuListItem } from './gpus.service.js';

const gpuListQuerySchema = z.object({ format: formatSchema }).strict();

@Controller('v1/gpus')
export class GpusController {
  constructor(private readonly gpus: GpusService) {}

  /** GPU types with their current hourly price at each provider, cheapest first. */
  @Get()
  @ApiDoc({ summary: 'GPU types with their current hourly price at each provider', query: gpuListQuerySchema, csv: true })
  @CsvExport<GpuListItem>([
    { header: 'gpu', value: (g) => g.slug },
    { header: 'name', value: (g) => g.name },
    { header: 'memoryGb', value: (g) => g.memoryGb },
    { header: 'cheapestUsdPerHour', value: (g) => g.prices[0]?.usdPerHour },
    { header: 'cheapestProvider', value: (g) => g.prices[0]?.provider },
  ])
  list(@Query(new ZodPipe(gpuListQuerySchema)) _query: z.output<typeof gpuListQuerySchema>) {
    return this.gpus.list();
  }
}
