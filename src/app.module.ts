import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';

import { AuthModule } from './auth/auth.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { CsvInterceptor } from './common/csv.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { GraphqlApiModule } from './graphql/graphql-api.module.js';
import { DecisionModule } from './decision/decision.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { PricesModule } from './prices/prices.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [DiscoveryModule, ConfigModule.forRoot(config), DatabaseModule, ObservabilityModule, AuthModule, HealthModule, PricesModule, CatalogModule, GraphqlApiModule, IngestModule, DecisionModule],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: CsvInterceptor },
      ],
    };
  }
}
