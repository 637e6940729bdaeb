import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { loadCatalogSeed, seedCatalog } from '../../seed/seed-catalog.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PrismaService } from './prisma.service.js';

/** Loads the curated catalog on first start (embedded mode, or SEED_ON_START=true) when it is empty. */
@Injectable()
export class SeedOnStartService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(this.config.SEED_ON_START ?? this.config.embedded)) return;
    if ((await this.prisma.model.count()) > 0) return;
    const summary = await seedCatalog(this.prisma, await loadCatalogSeed());
    this.logger.log(`catalog loaded: ${summary.models} models, ${summary.offerings} offerings, ${summary.pricePointsAdded} prices`);
  }
}
