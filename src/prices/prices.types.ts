import { Field, Int, ObjectType } from '@nestjs/graphql';

import { DecimalScalar, JsonScalar } from '../graphql/scalars.js';

@ObjectType('OfferingRef')
export class OfferingRefType {
  @Field(() => Int) id!: number;
  @Field() provider!: string;
  @Field() providerModelId!: string;
  @Field() model!: string;
}

@ObjectType('PriceInForce')
export class PriceInForceType {
  @Field() component!: string;
  @Field(() => JsonScalar, { nullable: true }) condition!: unknown;
  @Field() unit!: string;
  @Field(() => DecimalScalar) usd!: string;
  @Field() validFrom!: string;
  @Field() observedAt!: string;
  @Field() source!: string;
  @Field(() => String, { nullable: true }) sourceUrl!: string | null;
  @Field(() => Int, { nullable: true }) runId!: number | null;
}

@ObjectType('OfferingPricesAtDate')
export class OfferingPricesAtDateType {
  @Field(() => OfferingRefType) offering!: OfferingRefType;
  @Field(() => [PriceInForceType]) prices!: PriceInForceType[];
}

@ObjectType('PriceChange')
export class PriceChangeType {
  @Field(() => OfferingRefType) offering!: OfferingRefType;
  @Field() component!: string;
  @Field(() => JsonScalar, { nullable: true }) condition!: unknown;
  @Field() unit!: string;
  @Field(() => DecimalScalar, { nullable: true }) oldUsd!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) newUsd!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) changeUsd!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) changePct!: string | null;
  @Field() date!: string;
  @Field() source!: string;
  @Field(() => String, { nullable: true }) previousSource!: string | null;
  @Field(() => String, { nullable: true }) sourceUrl!: string | null;
  @Field(() => Int, { nullable: true }) runId!: number | null;
}
