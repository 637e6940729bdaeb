import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

import { JsonScalar } from '../../graphql/scalars.js';

@InputType('CompareWorkload')
export class CompareWorkloadInput {
  @Field(() => Int, { nullable: true, description: 'default 10,000,000' }) requestsPerMonth?: number;
  @Field(() => Int, { nullable: true, description: 'input tokens per request, default 500' }) inputTokens?: number;
  @Field(() => Int, { nullable: true, description: 'output tokens per request, default 500' }) outputTokens?: number;
  @Field({ nullable: true, description: 'YYYY-MM-DD: price as on that day' }) pricesAsOf?: string;
  @Field({ nullable: true, description: 'only this price source, e.g. article' }) priceSource?: string;
}

@ObjectType('CompareRow')
export class CompareRowType {
  @Field() field!: string;
  @Field(() => JsonScalar, { description: 'model slug -> value' }) values!: unknown;
}

@ObjectType('Comparison')
export class ComparisonType {
  @Field(() => JsonScalar) workload!: unknown;
  @Field(() => JsonScalar, { description: 'one object per model: license, scores, providers with monthly cost, cheapest' })
  models!: unknown;
  @Field(() => [CompareRowType]) rows!: CompareRowType[];
}
