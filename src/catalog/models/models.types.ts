import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

import { PageInfo } from '../../graphql/page-info.js';
import { DecimalScalar } from '../../graphql/scalars.js';

/** Relations (creator, license, offerings, scores...) are resolved by ModelsResolver through loaders. */
@ObjectType('Model', { description: 'An AI model: closed (API only) or open weights.' })
export class ModelType {
  @Field()
  slug!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  family!: string | null;

  @Field({ description: 'closed | open-weights' })
  kind!: string;

  @Field({ description: 'active | deprecated | discovered' })
  status!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Total parameters, billions.' })
  parametersB!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Active parameters per token (mixture of experts), billions.' })
  activeParametersB!: string | null;

  @Field(() => Int, { nullable: true })
  contextWindow!: number | null;

  @Field(() => Int, { nullable: true })
  maxOutputTokens!: number | null;

  @Field(() => [String])
  inputModalities!: string[];

  @Field(() => [String])
  outputModalities!: string[];

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  releaseDate!: string | null;

  @Field(() => String, { nullable: true })
  knowledgeCutoff!: string | null;

  @Field(() => String, { nullable: true })
  huggingFaceId!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@ObjectType('ModelEdge')
export class ModelEdgeType {
  @Field()
  cursor!: string;

  @Field(() => ModelType)
  node!: ModelType;
}

@ObjectType('ModelConnection')
export class ModelConnectionType {
  @Field(() => [ModelEdgeType])
  edges!: ModelEdgeType[];

  @Field(() => [ModelType])
  nodes!: ModelType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType('ScoreFilter')
export class ScoreFilterInput {
  @Field({ description: 'Benchmark slug, e.g. mmlu' })
  benchmark!: string;

  @Field(() => DecimalScalar, { description: 'Best result at least this' })
  min!: string;
}

/** The same filters as REST GET /v1/models, parsed by the same zod schema. */
@InputType('ModelFilter')
export class ModelFilterInput {
  @Field({ nullable: true, description: 'closed | open-weights' })
  kind?: string;

  @Field(() => [String], { nullable: true })
  creator?: string[];

  @Field(() => [String], { nullable: true })
  family?: string[];

  @Field(() => [String], { nullable: true })
  license?: string[];

  @Field({ nullable: true, description: 'allowed | conditional | forbidden' })
  commercialUse?: string;

  @Field(() => [String], { nullable: true })
  provider?: string[];

  @Field({ nullable: true })
  modality?: string;

  @Field(() => Int, { nullable: true })
  minContext?: number;

  @Field(() => [ScoreFilterInput], { nullable: true })
  scores?: ScoreFilterInput[];

  @Field(() => DecimalScalar, { nullable: true, description: 'USD per 1M input tokens, cheapest current offering' })
  maxInputPrice?: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'USD per 1M output tokens, cheapest current offering' })
  maxOutputPrice?: string;

  @Field({ nullable: true, description: 'active | deprecated | discovered | all' })
  status?: string;

  @Field({ nullable: true, description: 'Search in names and aliases' })
  q?: string;
}
