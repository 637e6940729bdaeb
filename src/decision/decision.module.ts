import { Module } from '@nestjs/common';

/** Decision framework: cost model, self-host capacity, license compatibility, routing. */
@Module({})
export class DecisionModule {}
