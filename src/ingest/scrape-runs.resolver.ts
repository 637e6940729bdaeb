import { Args, Field, Float, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { z } from 'zod';

import { parseArgs } from '../graphql/graphql-input.js';
import { ScrapeRunsService } from './scrape-runs.service.js';

@ObjectType('ScrapeRunCounts')
class ScrapeRunCountsType {
  @Field(() => Int) seen!: number;
  @Field(() => Int) added!: number;
  @Field(() => Int) changed!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) unlisted!: number;
  @Field(() => Int) discovered!: number;
  @Field(() => Int) quarantined!: number;
  @Field(() => Int) rejected!: number;
}

@ObjectType('ScrapeRunHold', { description: 'Why a run was held for review instead of applied' })
class ScrapeRunHoldType {
  @Field() reason!: string;
  @Field(() => Int) wouldUnlist!: number;
  @Field(() => Int) listed!: number;
  @Field(() => Float) maxShare!: number;
  @Field(() => Int) minCount!: number;
}

@ObjectType('ScrapeRunReview', { description: 'An admin decision on a held run' })
class ScrapeRunReviewType {
  @Field({ description: 'approved | rejected' }) decision!: string;
  @Field(() => String, { nullable: true }) at!: string | null;
  @Field(() => String, { nullable: true }) by!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('ScrapeRun')
export class ScrapeRunType {
  @Field(() => Int) id!: number;
  @Field() source!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field() asOf!: string;
  @Field() trigger!: string;
  @Field() dryRun!: boolean;
  @Field({ description: 'running | succeeded | failed | held (would unlist too much: nothing applied until an admin approves)' }) status!: string;
  @Field() startedAt!: string;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
  @Field(() => ScrapeRunCountsType) counts!: ScrapeRunCountsType;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => ScrapeRunHoldType, { nullable: true }) hold!: ScrapeRunHoldType | null;
  @Field(() => ScrapeRunReviewType, { nullable: true }) review!: ScrapeRunReviewType | null;
  @Field(() => String, { nullable: true }) payloadSha256!: string | null;
  @Field(() => String, { nullable: true }) payloadUrl!: string | null;
}

const argsSchema = z.object({
  source: z.string().regex(/^[a-z0-9.-]{1,50}$/).optional(),
  status: z.enum(['running', 'succeeded', 'failed', 'held']).optional(),
  limit: z.number().int().min(1).max(500),
});

@Resolver(() => ScrapeRunType)
export class ScrapeRunsResolver {
  constructor(private readonly runs: ScrapeRunsService) {}

  @Query(() => [ScrapeRunType], { description: 'Scrape runs, newest first' })
  async scrapeRuns(
    @Args('source', { type: () => String, nullable: true }) source: string | null,
    @Args('status', { type: () => String, nullable: true }) status: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
  ) {
    const query = parseArgs(argsSchema, { ...(source ? { source } : {}), ...(status ? { status } : {}), limit: first }, 'scrapeRuns', {
      source: 'source', status: 'status', limit: 'first',
    });
    return (await this.runs.list(query)).items;
  }

  @Query(() => ScrapeRunType, { nullable: true })
  async scrapeRun(@Args('id', { type: () => Int }) id: number) {
    return this.runs.get(id).catch(() => null);
  }
}
