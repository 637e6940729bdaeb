import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import type { GraphQLContext } from '../../graphql/catalog-loaders.js';
import { ModelType } from '../models/models.types.js';
import { BenchmarksService } from './benchmarks.service.js';
import { BenchmarkResultType, BenchmarkType, LeaderboardEntryType } from './benchmarks.types.js';

type BenchmarkItem = Awaited<ReturnType<BenchmarksService['list']>>['items'][number];

@Resolver(() => BenchmarkType)
export class BenchmarksResolver {
  constructor(private readonly benchmarksService: BenchmarksService) {}

  @Query(() => [BenchmarkType])
  async benchmarks(): Promise<BenchmarkItem[]> {
    return (await this.benchmarksService.list()).items;
  }

  @Query(() => BenchmarkType, { nullable: true })
  benchmark(@Args('slug') slug: string, @Context() context: GraphQLContext) {
    return context.loaders.benchmarkBySlug.load(slug);
  }

  @ResolveField(() => [LeaderboardEntryType], { description: 'Models ranked by their best result' })
  async leaderboard(
    @Parent() benchmark: BenchmarkItem,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
  ) {
    const board = await this.benchmarksService.leaderboard(benchmark.slug, { limit: Math.min(Math.max(first, 1), 1000) });
    return board.items.map((item) => ({ rank: item.rank, modelSlug: item.model.slug, score: item.score! }));
  }
}

@Resolver(() => BenchmarkResultType)
export class BenchmarkResultsResolver {
  @ResolveField(() => BenchmarkType, { nullable: true })
  benchmark(@Parent() result: BenchmarkResultType, @Context() context: GraphQLContext) {
    return context.loaders.benchmarkBySlug.load(result.benchmarkSlug);
  }

  @ResolveField(() => ModelType, { nullable: true })
  model(@Parent() result: BenchmarkResultType, @Context() context: GraphQLContext) {
    return context.loaders.modelBySlug.load(result.modelSlug);
  }
}

@Resolver(() => LeaderboardEntryType)
export class LeaderboardEntriesResolver {
  @ResolveField(() => ModelType, { nullable: true })
  model(@Parent() entry: LeaderboardEntryType, @Context() context: GraphQLContext) {
    return context.loaders.modelBySlug.load(entry.modelSlug);
  }
}
