import { Args, Query, Resolver } from '@nestjs/graphql';

import { asUserInputError, parseArgs } from '../../graphql/graphql-input.js';
import { compareQuerySchema } from './compare.schemas.js';
import { CompareService } from './compare.service.js';
import { CompareWorkloadInput, ComparisonType } from './compare.types.js';

@Resolver(() => ComparisonType)
export class CompareResolver {
  constructor(private readonly compareService: CompareService) {}

  @Query(() => ComparisonType, { description: 'Side by side, with the monthly cost of a workload (default the article\'s 10M x 500/500)' })
  async compare(
    @Args('models', { type: () => [String] }) models: string[],
    @Args('workload', { type: () => CompareWorkloadInput, nullable: true }) workload: CompareWorkloadInput | null,
  ) {
    const query = parseArgs(compareQuerySchema, { models, ...workload }, 'workload', { models: 'models' });
    return this.compareService.compare(query).catch(asUserInputError);
  }
}
