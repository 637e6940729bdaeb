import { Field, Int, ObjectType } from '@nestjs/graphql';

import { DecimalScalar } from '../../graphql/scalars.js';

@ObjectType('Benchmark')
export class BenchmarkType {
  @Field() slug!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field({ description: 'percent | elo | score' }) unit!: string;
  @Field() higherIsBetter!: boolean;
  @Field(() => String, { nullable: true }) url!: string | null;
}

@ObjectType('BenchmarkResult')
export class BenchmarkResultType {
  @Field() benchmarkSlug!: string;
  @Field() modelSlug!: string;
  @Field(() => DecimalScalar) score!: string;
  @Field({ description: 'e.g. 5-shot; empty when the source does not say' }) setting!: string;
  @Field(() => String, { nullable: true }) measuredOn!: string | null;
  @Field() source!: string;
  @Field(() => String, { nullable: true }) sourceUrl!: string | null;
}

@ObjectType('LeaderboardEntry')
export class LeaderboardEntryType {
  @Field(() => Int) rank!: number;
  @Field() modelSlug!: string;
  @Field(() => DecimalScalar) score!: string;
}
