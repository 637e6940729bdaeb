import { Module } from '@nestjs/common';

import { CatalogModule } from '../catalog/catalog.module.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PricesModule } from '../prices/prices.module.js';
import { DecisionCatalogRepository } from './decision-catalog.repository.js';
import { DECISION_CONFIG, decisionConfigFrom } from '../config/decision.config.js';
import { DecisionController } from './decision.controller.js';
import { DecisionResolver } from './decision.resolver.js';
import { DecisionService } from './decision.service.js';
import { LicenseCheckService } from './license-check.service.js';

/** Decision framework: cost model, self-host capacity, license compatibility, routing. */
@Module({
  imports: [PricesModule, CatalogModule],
  controllers: [DecisionController],
  providers: [
    { provide: DECISION_CONFIG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => decisionConfigFrom(config) },
    DecisionCatalogRepository,
    DecisionService,
    LicenseCheckService,
    DecisionResolver,
  ],
  exports: [DecisionService, LicenseCheckService],
})
export class DecisionModule {}
