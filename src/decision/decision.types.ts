import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

import { DecimalScalar, JsonScalar } from '../graphql/scalars.js';

// ------------------------------------------------------------------------------------------------
// Inputs: loosely typed here, parsed by the same zod schemas as REST (errors name the argument).
// ------------------------------------------------------------------------------------------------

@InputType('DecisionWorkloadInput')
export class DecisionWorkloadInput {
  @Field(() => Float) requestsPerMonth!: number;
  @Field(() => Int) inputTokensPerRequest!: number;
  @Field(() => Int) outputTokensPerRequest!: number;
  @Field(() => Float, { nullable: true, description: 'peak / average request rate, default 1' }) peakToAverage?: number;
  @Field(() => Float, { nullable: true, description: 'share of input tokens from the prompt cache, default 0' }) cachedInputShare?: number;
  @Field(() => Float, { nullable: true, description: 'share of requests through a batch API, default 0' }) batchShare?: number;
}

@InputType('QualityInput', { description: 'best: true (top MMLU score), or a minimum score on a benchmark' })
export class QualityInputType {
  @Field({ nullable: true, description: 'default mmlu' }) benchmark?: string;
  @Field(() => Float, { nullable: true }) minScore?: number;
  @Field({ nullable: true, description: 'the absolute best quality (top MMLU score)' }) best?: boolean;
}

@InputType('LicenseUseInput', { description: 'What is done with the model (the license engine\'s use)' })
export class LicenseUseInputType {
  @Field({ nullable: true }) commercial?: boolean;
  @Field(() => Float, { nullable: true }) monthlyActiveUsers?: number;
  @Field({ nullable: true }) distributesWeights?: boolean;
  @Field({ nullable: true }) fineTunes?: boolean;
  @Field({ nullable: true }) outputsTrainOtherModels?: boolean;
  @Field({ nullable: true, description: 'SPDX expression of the product, e.g. "MIT OR Apache-2.0"' }) productLicense?: string;
  @Field({ nullable: true }) region?: string;
}

@InputType('ModelSelectionInput')
export class ModelSelectionInput {
  @Field(() => [String], { nullable: true, description: 'provider slugs (API providers and GPU clouds)' }) providers?: string[];
  @Field(() => [String], { nullable: true, description: 'model slugs or aliases' }) models?: string[];
}

@InputType('DecisionInput')
export class DecisionInputType {
  @Field(() => DecisionWorkloadInput) workload!: DecisionWorkloadInput;
  @Field(() => QualityInputType, { nullable: true }) quality?: QualityInputType;
  @Field({ nullable: true, description: 'public | internal | sensitive | regulated' }) dataSensitivity?: string;
  @Field({ nullable: true }) latencyCritical?: boolean;
  @Field({ nullable: true }) needsFineTuning?: boolean;
  @Field(() => Float, { nullable: true }) budgetUsdPerMonth?: number;
  @Field(() => Float, { nullable: true }) opsCostUsdPerMonth?: number;
  @Field(() => LicenseUseInputType, { nullable: true }) use?: LicenseUseInputType;
  @Field(() => ModelSelectionInput, { nullable: true }) only?: ModelSelectionInput;
  @Field(() => ModelSelectionInput, { nullable: true }) exclude?: ModelSelectionInput;
  @Field({ nullable: true, description: 'YYYY-MM-DD' }) pricesAsOf?: string;
  @Field({ nullable: true, description: 'only this source\'s prices, e.g. article' }) priceSource?: string;
  @Field(() => Int, { nullable: true, description: 'ranked options to return, default 20' }) limit?: number;
}

@InputType('TaskClassInput')
export class TaskClassInputType {
  @Field() name!: string;
  @Field(() => Float) requestsPerMonth!: number;
  @Field(() => Int, { nullable: true }) inputTokensPerRequest?: number;
  @Field(() => Int, { nullable: true }) outputTokensPerRequest?: number;
  @Field(() => Int, { nullable: true, description: 'in and out together, split half and half' }) tokensPerRequest?: number;
  @Field(() => Float, { nullable: true }) peakToAverage?: number;
  @Field({ nullable: true, description: 'public | internal | sensitive | regulated' }) sensitivity?: string;
  @Field({ nullable: true, description: 'simple | standard | complex' }) complexity?: string;
  @Field(() => QualityInputType, { nullable: true }) quality?: QualityInputType;
}

@InputType('RouteInput')
export class RouteInputType {
  @Field(() => [TaskClassInputType]) classes!: TaskClassInputType[];
  @Field(() => Float, { nullable: true }) opsCostUsdPerMonth?: number;
  @Field(() => LicenseUseInputType, { nullable: true }) use?: LicenseUseInputType;
  @Field(() => ModelSelectionInput, { nullable: true }) only?: ModelSelectionInput;
  @Field(() => ModelSelectionInput, { nullable: true }) exclude?: ModelSelectionInput;
  @Field({ nullable: true }) pricesAsOf?: string;
  @Field({ nullable: true }) priceSource?: string;
}

@InputType('LicenseCheckInput')
export class LicenseCheckInputType {
  @Field({ nullable: true, description: 'model slug or alias' }) model?: string;
  @Field({ nullable: true, description: 'license id, e.g. Apache-2.0, llama-3.3' }) license?: string;
  @Field(() => LicenseUseInputType, { nullable: true }) use?: LicenseUseInputType;
}

// ------------------------------------------------------------------------------------------------
// Outputs
// ------------------------------------------------------------------------------------------------

@ObjectType('DecisionOption')
export class DecisionOptionType {
  @Field(() => Int) rank!: number;
  @Field({ description: 'closed-api | hosted-open | self-hosted' }) tier!: string;
  @Field(() => JsonScalar, { description: '{slug, name, kind, parametersB}' }) model!: unknown;
  @Field(() => JsonScalar, { description: 'API provider, or GPU cloud for self-hosted: {slug, name}' }) provider!: unknown;
  @Field(() => JsonScalar, { nullable: true }) offering!: unknown;
  @Field(() => JsonScalar, { nullable: true, description: 'GPU type and count, replicas, runtime, GPU price' }) deployment!: unknown;
  @Field(() => DecimalScalar, { description: 'USD per month' }) monthlyCostUsd!: string;
  @Field(() => JsonScalar) breakdown!: unknown;
  @Field(() => [String]) priceSources!: string[];
  @Field(() => JsonScalar, { nullable: true, description: 'the score it was judged on' }) quality!: unknown;
  @Field(() => JsonScalar, { nullable: true, description: '{verdict, obligations, reasons}' }) license!: unknown;
  @Field() meetsAllConstraints!: boolean;
  @Field(() => JsonScalar, { description: '[{constraint, reason}]' }) missedConstraints!: unknown;
  @Field(() => [String]) preferredByRules!: string[];
}

@ObjectType('DecisionRecommendation')
export class DecisionRecommendationType {
  @Field() tier!: string;
  @Field(() => Int) optionIndex!: number;
  @Field() model!: string;
  @Field() provider!: string;
  @Field(() => DecimalScalar) monthlyCostUsd!: string;
  @Field() meetsAllConstraints!: boolean;
  @Field(() => [String]) rationale!: string[];
}

@ObjectType('DecisionRule')
export class DecisionRuleType {
  @Field() id!: string;
  @Field() question!: string;
  @Field() origin!: string;
  @Field(() => JsonScalar, { description: '{kind: require | prefer | note, tiers}' }) effect!: unknown;
  @Field(() => JsonScalar, { description: 'the facts the rule read' }) inputs!: unknown;
  @Field() message!: string;
}

@ObjectType('Decision')
export class DecisionType {
  @Field(() => JsonScalar) workload!: unknown;
  @Field(() => JsonScalar) prices!: unknown;
  @Field(() => JsonScalar) settings!: unknown;
  @Field(() => JsonScalar) optionsConsidered!: unknown;
  @Field(() => [DecisionOptionType]) options!: DecisionOptionType[];
  @Field(() => DecisionRecommendationType, { nullable: true }) recommendation!: DecisionRecommendationType | null;
  @Field(() => [DecisionRuleType]) rules!: DecisionRuleType[];
}

@ObjectType('RoutedClass')
export class RoutedClassType {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) tier!: string | null;
  @Field(() => JsonScalar, { nullable: true, description: 'the routing rule that chose it: {id, message, inputs}' }) rule!: unknown;
  @Field(() => JsonScalar, { nullable: true, description: 'model, provider or deployment, cost breakdown, license' }) option!: unknown;
  @Field(() => DecimalScalar, { nullable: true }) monthlyCostUsd!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) standaloneMonthlyCostUsd!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) frontierMonthlyCostUsd!: string | null;
  @Field(() => JsonScalar) workload!: unknown;
  @Field() sensitivity!: string;
  @Field() complexity!: string;
  @Field(() => JsonScalar, { nullable: true }) quality!: unknown;
  @Field(() => JsonScalar) skippedRules!: unknown;
}

@ObjectType('Routing')
export class RoutingType {
  @Field(() => [RoutedClassType]) classes!: RoutedClassType[];
  @Field(() => JsonScalar) deployments!: unknown;
  @Field(() => DecimalScalar) totalMonthlyCostUsd!: string;
  @Field(() => JsonScalar, { nullable: true, description: 'the one frontier model everything is compared with' }) frontier!: unknown;
  @Field(() => DecimalScalar, { nullable: true }) savingUsd!: string | null;
  @Field(() => String, { nullable: true }) savingPercent!: string | null;
  @Field() summary!: string;
  @Field(() => [String]) unrouted!: string[];
  @Field(() => JsonScalar) rules!: unknown;
  @Field(() => JsonScalar) notes!: unknown;
  @Field(() => JsonScalar) prices!: unknown;
  @Field(() => JsonScalar) settings!: unknown;
}

@ObjectType('LicenseReason')
export class LicenseReasonType {
  @Field() rule!: string;
  @Field() verdict!: string;
  @Field() clause!: string;
  @Field() section!: string;
  @Field() quote!: string;
  @Field() url!: string;
  @Field() message!: string;
}

@ObjectType('LicenseCheck')
export class LicenseCheckType {
  @Field(() => JsonScalar, { nullable: true }) model!: unknown;
  @Field(() => JsonScalar) license!: unknown;
  @Field({ description: 'compatible | conditional | incompatible' }) verdict!: string;
  @Field(() => [String]) obligations!: string[];
  @Field(() => [LicenseReasonType]) reasons!: LicenseReasonType[];
  @Field(() => JsonScalar, { nullable: true }) productLicense!: unknown;
}
