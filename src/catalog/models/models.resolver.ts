import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import { compareDecimals, formatDecimal } from '../../common/money.js';
import type { GraphQLContext } from '../../graphql/catalog-loaders.js';
import { asUserInputError, parseArgs } from '../../graphql/graphql-input.js';
import { DecimalScalar } from '../../graphql/scalars.js';
import type { Offering } from '../../generated/prisma/client.js';
import { BenchmarkResultType } from '../benchmarks/benchmarks.types.js';
import { CreatorType } from '../creators/creators.types.js';
import { LicenseType } from '../licenses/licenses.types.js';
import { presentLicenseSummary } from '../licenses/license.presenter.js';
import { presentOffering } from '../offerings/offering.presenter.js';
import { CheapestOfferingType, OfferingType } from '../offerings/offerings.types.js';
import { modelNodeFromRow, type ModelNode } from './model-node.js';
import { ModelsRepository } from './models.repository.js';
import { modelListQuerySchema } from './models.schemas.js';
import { cheapestOffering, ModelsService } from './models.service.js';
import { ModelConnectionType, ModelFilterInput, ModelType } from './models.types.js';

const ARGUMENT_NAMES = { score: 'filter.scores', sort: 'sort', limit: 'first', cursor: 'after' };

@Resolver(() => ModelType)
export class ModelsResolver {
  constructor(
    private readonly repository: ModelsRepository,
    private readonly modelsService: ModelsService,
  ) {}

  @Query(() => ModelConnectionType, { description: 'Models with the filters and sorts of REST GET /v1/models, as a Relay connection' })
  async models(
    @Args('filter', { type: () => ModelFilterInput, nullable: true }) filter: ModelFilterInput | null,
    @Args('sort', { type: () => String, nullable: true, description: 'slug, name, releaseDate, contextWindow, parameters, inputPrice, outputPrice, score:<benchmark>; - for descending' })
    sort: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ModelConnectionType> {
    const { scores, ...rest } = filter ?? {};
    const raw = Object.fromEntries(
      Object.entries({
        ...rest,
        score: scores?.map((score) => `${score.benchmark}:${score.min}`),
        sort: sort ?? undefined,
        limit: first,
        cursor: after ?? undefined,
      }).filter(([, value]) => value !== undefined && value !== null),
    );
    const query = parseArgs(modelListQuerySchema, raw, 'filter', ARGUMENT_NAMES);
    const { rows, nextCursor } = await this.repository.list(query).catch((error: unknown) => asUserInputError(error, ARGUMENT_NAMES));
    const nodes = rows.map(modelNodeFromRow);
    return {
      nodes: nodes as ModelType[],
      edges: nodes.map((node, index) => ({ cursor: index === nodes.length - 1 && nextCursor ? nextCursor : node.slug, node: node as ModelType })),
      pageInfo: { hasNextPage: nextCursor !== null, endCursor: nextCursor },
    };
  }

  @Query(() => ModelType, { nullable: true, description: 'One model by slug or any alias; null when unknown' })
  async model(@Args('slug') slug: string, @Context() context: GraphQLContext): Promise<ModelNode | null> {
    const canonical = await this.modelsService.resolveSlug(slug);
    return canonical ? context.loaders.modelBySlug.load(canonical) : null;
  }

  @ResolveField(() => [String])
  aliases(@Parent() model: ModelNode, @Context() context: GraphQLContext) {
    return context.loaders.aliasesByModel.load(model.slug);
  }

  @ResolveField(() => CreatorType, { nullable: true })
  creator(@Parent() model: ModelNode, @Context() context: GraphQLContext) {
    return model.creatorSlug ? context.loaders.creatorBySlug.load(model.creatorSlug) : null;
  }

  @ResolveField(() => LicenseType, { nullable: true })
  async license(@Parent() model: ModelNode, @Context() context: GraphQLContext) {
    const license = model.licenseId ? await context.loaders.licenseById.load(model.licenseId) : null;
    return license ? presentLicenseSummary(license) : null;
  }

  @ResolveField(() => [OfferingType], { description: 'Offerings of the model, listed ones unless status says otherwise' })
  async offerings(
    @Parent() model: ModelNode,
    @Context() context: GraphQLContext,
    @Args('status', { type: () => String, nullable: true, defaultValue: 'listed', description: 'listed | unlisted | all' }) status: string,
  ): Promise<Offering[]> {
    const offerings = await context.loaders.offeringsByModel.load(model.slug);
    return status === 'all' ? offerings : offerings.filter((offering) => offering.status === status);
  }

  @ResolveField(() => CheapestOfferingType, { nullable: true, description: 'The listed offering with the lowest current input price' })
  async cheapestOffering(@Parent() model: ModelNode, @Context() context: GraphQLContext) {
    const offerings = (await context.loaders.offeringsByModel.load(model.slug)).filter((offering) => offering.status === 'listed');
    const prices = await context.loaders.currentPricesByOffering.loadMany(offerings.map((offering) => offering.id));
    const presented = offerings.map((offering, index) => presentOffering(offering, Array.isArray(prices[index]) ? prices[index] : []));
    const input = cheapestOffering(presented, 'input');
    if (!input) return null;
    const chosen = presented.find((offering) => offering.id === input.offeringId)!;
    const output = chosen.prices.find((price) => price.component === 'output' && price.condition === null);
    return {
      offeringId: input.offeringId,
      provider: input.provider,
      providerModelId: input.providerModelId,
      input: input.usd,
      output: output?.usd ?? null,
    };
  }

  @ResolveField(() => [BenchmarkResultType], { description: 'Results, best first per benchmark; optionally only these benchmarks' })
  async benchmarkResults(
    @Parent() model: ModelNode,
    @Context() context: GraphQLContext,
    @Args('benchmarks', { type: () => [String], nullable: true }) benchmarks: string[] | null,
  ) {
    const results = await context.loaders.benchmarkResultsByModel.load(model.slug);
    return results
      .filter((result) => !benchmarks || benchmarks.includes(result.benchmarkSlug))
      .map((result) => ({
        benchmarkSlug: result.benchmarkSlug,
        modelSlug: result.modelSlug,
        score: formatDecimal(result.score)!,
        setting: result.setting,
        measuredOn: result.measuredOn?.toISOString().slice(0, 10) ?? null,
        source: result.source,
        sourceUrl: result.sourceUrl,
      }));
  }

  @ResolveField(() => DecimalScalar, { nullable: true, description: 'Best result on a benchmark' })
  async score(@Parent() model: ModelNode, @Context() context: GraphQLContext, @Args('benchmark') benchmark: string) {
    const results = (await context.loaders.benchmarkResultsByModel.load(model.slug)).filter((r) => r.benchmarkSlug === benchmark);
    if (results.length === 0) return null;
    return formatDecimal(results.reduce((best, r) => (compareDecimals(r.score, best.score) > 0 ? r : best)).score);
  }
}
