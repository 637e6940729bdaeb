import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

import { JsonScalar } from '../../graphql/scalars.js';

@ObjectType('LicenseVersion')
export class LicenseVersionType {
  @Field(() => Int)
  id!: number;

  @Field()
  version!: string;

  @Field({ description: 'YYYY-MM-DD' })
  effectiveFrom!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field()
  commercialUse!: string;

  @Field(() => Float, { nullable: true })
  userCapMau!: number | null;

  @Field(() => JsonScalar, { description: 'Terms as data, each with section and quote' })
  terms!: unknown;

  @Field()
  source!: string;
}

@ObjectType('License')
export class LicenseType {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  spdxId!: string | null;

  @Field()
  category!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field({ description: 'allowed | conditional | forbidden (newest version)' })
  commercialUse!: string;

  @Field(() => Float, { nullable: true, description: 'Monthly active users above which a separate license is needed' })
  userCapMau!: number | null;
}
