import { Field, Int, ObjectType } from '@nestjs/graphql';

import { DecimalScalar } from '../../graphql/scalars.js';

@ObjectType('GpuPrice')
export class GpuPriceType {
  @Field() provider!: string;
  @Field() providerName!: string;
  @Field() pricingTier!: string;
  @Field(() => DecimalScalar, { description: 'USD per GPU hour' }) usdPerHour!: string;
  @Field() validFrom!: string;
  @Field() source!: string;
  @Field(() => String, { nullable: true }) sourceUrl!: string | null;
}

@ObjectType('Gpu')
export class GpuType {
  @Field() slug!: string;
  @Field() name!: string;
  @Field() vendor!: string;
  @Field(() => Int) memoryGb!: number;
  @Field(() => [GpuPriceType]) prices!: GpuPriceType[];
}
