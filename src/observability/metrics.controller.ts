import { Controller, Get, Header } from '@nestjs/common';

import { ApiDoc } from '../common/openapi/api-doc.decorator.js';
import { MetricsService } from './metrics.service.js';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiDoc({ summary: 'Prometheus metrics: request durations by route, GraphQL operations, scrape runs, price changes, pool use', tag: 'health' })
  scrape() {
    return this.metrics.registry.metrics();
  }
}
