import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import type { GraphQLContext } from '../../graphql/catalog-loaders.js';
import { ModelType } from '../models/models.types.js';
import { CreatorsService, type CreatorItem } from './creators.service.js';
import { CreatorType } from './creators.types.js';

@Resolver(() => CreatorType)
export class CreatorsResolver {
  constructor(private readonly creatorsService: CreatorsService) {}

  @Query(() => [CreatorType])
  async creators(): Promise<CreatorItem[]> {
    return (await this.creatorsService.list()).items;
  }

  @ResolveField(() => [ModelType])
  models(@Parent() creator: CreatorItem, @Context() context: GraphQLContext) {
    return context.loaders.modelsByCreator.load(creator.slug);
  }
}
