import { Module } from '@nestjs/common';

import { CurrentPricesRepository } from './current-prices.repository.js';
import { GpuPricesRepository } from './gpu-prices.repository.js';
import { PriceHistoryRepository } from './price-history.repository.js';
import { PriceCorrectionsController, PriceCorrectionsService } from './price-corrections.js';
import { PricesController } from './prices.controller.js';
import { PricesResolver } from './prices.resolver.js';
import { PricesService } from './prices.service.js';

@Module({
  controllers: [PricesController, PriceCorrectionsController],
  providers: [CurrentPricesRepository, GpuPricesRepository, PriceHistoryRepository, PricesService, PriceCorrectionsService, PricesResolver],
  exports: [CurrentPricesRepository, GpuPricesRepository, PriceHistoryRepository, PricesService],
})
export class PricesModule {}
