import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import type { GraphQLContext } from '../../graphql/catalog-loaders.js';
import { JsonScalar } from '../../graphql/scalars.js';
import { ModelType } from '../models/models.types.js';
import { presentLicenseSummary, presentLicenseVersion } from './license.presenter.js';
import { LicensesService } from './licenses.service.js';
import { LicenseType, LicenseVersionType } from './licenses.types.js';

type LicenseSummary = ReturnType<typeof presentLicenseSummary>;

@Resolver(() => LicenseType)
export class LicensesResolver {
  constructor(private readonly licensesService: LicensesService) {}

  @Query(() => [LicenseType])
  async licenses(): Promise<LicenseSummary[]> {
    return (await this.licensesService.list({})).items;
  }

  @Query(() => LicenseType, { nullable: true })
  async license(@Args('id') id: string, @Context() context: GraphQLContext) {
    const license = await context.loaders.licenseById.load(id);
    return license ? presentLicenseSummary(license) : null;
  }

  @ResolveField(() => JsonScalar, { nullable: true, description: 'Terms of the newest version, each with section and quote' })
  async terms(@Parent() license: LicenseSummary, @Context() context: GraphQLContext) {
    const [newest] = await context.loaders.licenseVersionsByLicense.load(license.id);
    return newest?.terms ?? null;
  }

  @ResolveField(() => [LicenseVersionType], { description: 'Every version, newest first' })
  async versions(@Parent() license: LicenseSummary, @Context() context: GraphQLContext) {
    return (await context.loaders.licenseVersionsByLicense.load(license.id)).map(presentLicenseVersion);
  }

  @ResolveField(() => [ModelType])
  models(@Parent() license: LicenseSummary, @Context() context: GraphQLContext) {
    return context.loaders.modelsByLicense.load(license.id);
  }
}
