import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

import { DecimalScalar, JsonScalar } from '../../graphql/scalars.js';

@ObjectType('OfferingFeatures')
export class OfferingFeaturesType {
  @Field(() => Boolean, { nullable: true }) toolCalling!: boolean | null;
  @Field(() => Boolean, { nullable: true }) structuredOutput!: boolean | null;
  @Field(() => Boolean, { nullable: true }) promptCaching!: boolean | null;
  @Field(() => Boolean, { nullable: true }) batch!: boolean | null;
  @Field(() => Boolean, { nullable: true }) fineTuning!: boolean | null;
  @Field(() => Boolean, { nullable: true }) vision!: boolean | null;
}

/** A model at a provider; provider, model and prices are resolved by OfferingsResolver. */
@ObjectType('Offering')
export class OfferingType {
  @Field(() => Int)
  id!: number;

  @Field()
  providerSlug!: string;

  @Field()
  modelSlug!: string;

  @Field({ description: 'The id the provider API takes' })
  providerModelId!: string;

  @Field({ description: 'listed | unlisted' })
  status!: string;

  @Field(() => GraphQLISODateTime)
  listedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  unlistedAt!: Date | null;

  @Field(() => Int, { nullable: true })
  contextWindow!: number | null;

  @Field(() => Int, { nullable: true })
  maxOutputTokens!: number | null;
}

/** A price component in force. */
@ObjectType('Price')
export class PriceType {
  @Field({ description: 'input, output, cached_input, cache_write, batch_input, batch_output, reasoning, ...' })
  component!: string;

  @Field(() => JsonScalar, { nullable: true, description: 'e.g. {"promptTokensAbove": 200000}; null when unconditional' })
  condition!: unknown;

  @Field({ description: '"1M tokens" for token components' })
  unit!: string;

  @Field(() => DecimalScalar, { description: 'USD per unit' })
  usd!: string;

  @Field()
  validFrom!: string;

  @Field()
  observedAt!: string;

  @Field()
  source!: string;

  @Field(() => String, { nullable: true })
  sourceUrl!: string | null;

  @Field(() => Int, { nullable: true })
  scrapeRunId!: number | null;
}

/** One point of the append-only price history; usd null = the component was withdrawn. */
@ObjectType('PricePoint')
export class PricePointType {
  @Field(() => ID)
  id!: string;

  @Field()
  component!: string;

  @Field(() => JsonScalar, { nullable: true })
  condition!: unknown;

  @Field()
  unit!: string;

  @Field(() => DecimalScalar, { nullable: true })
  usd!: string | null;

  @Field(() => GraphQLISODateTime)
  validFrom!: Date;

  @Field(() => GraphQLISODateTime)
  observedAt!: Date;

  @Field()
  source!: string;

  @Field(() => String, { nullable: true })
  sourceUrl!: string | null;

  @Field(() => Int, { nullable: true })
  scrapeRunId!: number | null;
}

@ObjectType('CheapestOffering')
export class CheapestOfferingType {
  @Field(() => Int)
  offeringId!: number;

  @Field()
  provider!: string;

  @Field()
  providerModelId!: string;

  @Field(() => DecimalScalar, { description: 'USD per 1M input tokens' })
  input!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'USD per 1M output tokens' })
  output!: string | null;
}

@InputType('OfferingFilter')
export class OfferingFilterInput {
  @Field(() => [String], { nullable: true }) provider?: string[];
  @Field(() => [String], { nullable: true }) model?: string[];
  @Field({ nullable: true }) providerModelId?: string;
  @Field({ nullable: true, description: 'listed | unlisted | all (default listed)' }) status?: string;
}
