import { Module } from '@nestjs/common';

import { PricesModule } from '../prices/prices.module.js';
import { ModelsController } from './models/models.controller.js';
import { ModelsService } from './models/models.service.js';

@Module({
  imports: [PricesModule],
  controllers: [ModelsController],
  providers: [ModelsService],
  exports: [ModelsService],
})
export class CatalogModule {}
