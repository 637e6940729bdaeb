import { Module } from '@nestjs/common';

import { PricesModule } from '../prices/prices.module.js';
import { BenchmarkResultsResolver, BenchmarksResolver, LeaderboardEntriesResolver } from './benchmarks/benchmarks.resolver.js';
import { CompareResolver } from './compare/compare.resolver.js';
import { CreatorsResolver } from './creators/creators.resolver.js';
import { GpusResolver } from './gpus/gpus.resolver.js';
import { LicensesResolver } from './licenses/licenses.resolver.js';
import { ModelsResolver } from './models/models.resolver.js';
import { OfferingsResolver } from './offerings/offerings.resolver.js';
import { ProvidersResolver } from './providers/providers.resolver.js';
import { BenchmarksController } from './benchmarks/benchmarks.controller.js';
import { BenchmarksService } from './benchmarks/benchmarks.service.js';
import { CompareController } from './compare/compare.controller.js';
import { CompareService } from './compare/compare.service.js';
import { CreatorsController } from './creators/creators.controller.js';
import { CreatorsService } from './creators/creators.service.js';
import { GpusController } from './gpus/gpus.controller.js';
import { GpusService } from './gpus/gpus.service.js';
import { LicenseCorrectionsController, LicenseCorrectionsService } from './licenses/license-corrections.js';
import { LicensesController } from './licenses/licenses.controller.js';
import { LicensesService } from './licenses/licenses.service.js';
import { ModelsController } from './models/models.controller.js';
import { ModelsRepository } from './models/models.repository.js';
import { ModelsService } from './models/models.service.js';
import { OfferingsController } from './offerings/offerings.controller.js';
import { OfferingsService } from './offerings/offerings.service.js';
import { ProvidersController } from './providers/providers.controller.js';
import { ProvidersService } from './providers/providers.service.js';

@Module({
  imports: [PricesModule],
  controllers: [
    ModelsController,
    ProvidersController,
    OfferingsController,
    LicensesController,
    BenchmarksController,
    GpusController,
    CreatorsController,
    CompareController,
    LicenseCorrectionsController,
  ],
  providers: [
    ModelsService,
    ModelsRepository,
    ProvidersService,
    OfferingsService,
    LicensesService,
    BenchmarksService,
    GpusService,
    CreatorsService,
    CompareService,
    LicenseCorrectionsService,
    ModelsResolver,
    OfferingsResolver,
    ProvidersResolver,
    LicensesResolver,
    BenchmarksResolver,
    BenchmarkResultsResolver,
    LeaderboardEntriesResolver,
    CreatorsResolver,
    GpusResolver,
    CompareResolver,
  ],
  exports: [ModelsService, ProvidersService, OfferingsService, LicensesService, BenchmarksService, GpusService, CreatorsService, CompareService],
})
export class CatalogModule {}
