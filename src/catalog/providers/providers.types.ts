import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Provider')
export class ProviderType {
  @Field()
  slug!: string;

  @Field()
  name!: string;

  @Field(() => [String], { description: 'closed-lab, inference-host, cloud, gpu-cloud, self-host-runtime' })
  kinds!: string[];

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  pricingModel!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;
}
