import { Module } from '@nestjs/common';

import { CurrentPricesRepository } from './current-prices.repository.js';
import { GpuPricesRepository } from './gpu-prices.repository.js';

@Module({
  providers: [CurrentPricesRepository, GpuPricesRepository],
  exports: [CurrentPricesRepository, GpuPricesRepository],
})
export class PricesModule {}
