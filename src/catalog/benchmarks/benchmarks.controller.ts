import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';

import { CsvExport } from '../../common/csv.js';
import { formatSchema } from '../../common/list-query.js';
import { ApiDoc } from '../../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { MODEL_KINDS } from '../catalog-enums.js';
import { BenchmarksService } from './benchmarks.service.js';

const listQuerySchema = z.object({ format: formatSchema }).strict();
const leaderboardQuerySchema = z
  .object({
    kind: z.enum(MODEL_KINDS).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    format: formatSchema,
  })
  .strict();

const benchmarkSlugSchema = z.string().min(1).max(100);

type LeaderboardItem = Awaited<ReturnType<BenchmarksService['leaderboard']>>['items'][number];
type BenchmarkItem = Awaited<ReturnType<BenchmarksService['list']>>['items'][number];

@Controller('v1/benchmarks')
export class BenchmarksController {
  constructor(private readonly benchmarks: BenchmarksService) {}

  @Get()
  @ApiDoc({ summary: 'List benchmarks', query: listQuerySchema, csv: true })
  @CsvExport<BenchmarkItem>([
    { header: 'slug', value: (b) => b.slug },
    { header: 'name', value: (b) => b.name },
    { header: 'unit', value: (b) => b.unit },
    { header: 'resultCount', value: (b) => b.resultCount },
  ])
  list(@Query(new ZodPipe(listQuerySchema)) _query: z.output<typeof listQuerySchema>) {
    return this.benchmarks.list();
  }

  @Get(':slug')
  @ApiDoc({
    summary: 'Leaderboard: models ranked by their best result on the benchmark',
    params: { slug: benchmarkSlugSchema },
    query: leaderboardQuerySchema,
    csv: true,
    responses: { 404: 'No benchmark with that slug' },
  })
  @CsvExport<LeaderboardItem>([
    { header: 'rank', value: (i) => i.rank },
    { header: 'model', value: (i) => i.model.slug },
    { header: 'kind', value: (i) => i.model.kind },
    { header: 'license', value: (i) => i.model.license },
    { header: 'score', value: (i) => i.score },
  ])
  leaderboard(
    @Param('slug', new ZodPipe(benchmarkSlugSchema)) slug: string,
    @Query(new ZodPipe(leaderboardQuerySchema)) query: z.output<typeof leaderboardQuerySchema>,
  ) {
    return this.benchmarks.leaderboard(slug, query);
  }
}
