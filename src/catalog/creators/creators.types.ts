import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Creator')
export class CreatorType {
  @Field() slug!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) country!: string | null;
}
