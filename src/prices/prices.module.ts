import { Module } from '@nestjs/common';

import { CurrentPricesRepository } from './current-prices.repository.js';

@Module({
  providers: [CurrentPricesRepository],
  exports: [CurrentPricesRepository],
})
export class PricesModule {}
