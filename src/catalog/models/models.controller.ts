import { Controller, Get, Param, Query } from '@nestjs/common';

import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { modelListQuerySchema, modelSlugSchema, type ModelListQuery } from './models.schemas.js';
import { ModelsService } from './models.service.js';

@Controller('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  list(@Query(new ZodPipe(modelListQuerySchema)) query: ModelListQuery) {
    return this.models.list(query);
  }

  @Get(':slug')
  get(@Param('slug', new ZodPipe(modelSlugSchema)) slug: string) {
    return this.models.get(slug);
  }
}
