import { Query, Resolver } from '@nestjs/graphql';

import { GpusService } from './gpus.service.js';
import { GpuType } from './gpus.types.js';

@Resolver(() => GpuType)
export class GpusResolver {
  constructor(private readonly gpusService: GpusService) {}

  @Query(() => [GpuType], { description: 'GPU types with their current hourly price at each provider' })
  async gpus() {
    return (await this.gpusService.list()).items;
  }
}
