import { Module } from '@nestjs/common';

import { IngestService } from './ingest.service.js';
import { QuarantineController } from './quarantine.controller.js';
import { QuarantineService } from './quarantine.service.js';
import { ScrapeRunnerService } from './scrape-runner.service.js';
import { ScrapeSchedulerService } from './scrape-scheduler.service.js';
import { ScrapeRunsController } from './scrape-runs.controller.js';
import { ScrapeRunsResolver } from './scrape-runs.resolver.js';
import { ScrapeRunsService } from './scrape-runs.service.js';

@Module({
  controllers: [ScrapeRunsController, QuarantineController],
  providers: [IngestService, ScrapeRunnerService, ScrapeRunsService, QuarantineService, ScrapeSchedulerService, ScrapeRunsResolver],
  exports: [IngestService, ScrapeRunnerService, ScrapeRunsService, ScrapeSchedulerService],
})
export class IngestModule {}
