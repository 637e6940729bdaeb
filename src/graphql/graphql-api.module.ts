import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PricesModule } from '../prices/prices.module.js';
import { CatalogLoadersFactory, type GraphQLContext } from './catalog-loaders.js';
import { formatGraphqlErrors, noNulCharactersRule, checkVariables, refuseUnparsedDocuments } from './graphql-errors.js';
import { DecimalScalar, JsonScalar } from './scalars.js';

@Module({
  imports: [PricesModule],
  providers: [CatalogLoadersFactory],
  exports: [CatalogLoadersFactory],
})
class GraphqlLoadersModule {}

/** Report a refused query as a validation error (HTTP 400 naming the limit), not a thrown one. */
const REPORT_AS_VALIDATION_ERROR = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/** Limits named in their errors: depth, cost, aliases, directives; introspection configurable. */
export function graphqlValidationRules(config: AppConfig): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: config.GRAPHQL_MAX_DEPTH, ...REPORT_AS_VALIDATION_ERROR }) as unknown as ValidationRule,
    costLimitRule({ maxCost: config.GRAPHQL_MAX_COST, ...REPORT_AS_VALIDATION_ERROR }) as unknown as ValidationRule,
    maxAliasesRule({ n: config.GRAPHQL_MAX_ALIASES, ...REPORT_AS_VALIDATION_ERROR }) as unknown as ValidationRule,
    maxDirectivesRule({ n: 20, ...REPORT_AS_VALIDATION_ERROR }) as unknown as ValidationRule,
    noNulCharactersRule,
  ];
  if (!config.GRAPHQL_INTROSPECTION) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

@Module({
  imports: [
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      imports: [GraphqlLoadersModule],
      inject: [APP_CONFIG, CatalogLoadersFactory],
      useFactory: (config: AppConfig, loaders: CatalogLoadersFactory) => ({
        // The SDL is kept in memory; src/schema.gql is the committed copy a test compares with.
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        graphiql: false,
        jit: 1,
        context: (): GraphQLContext => ({ loaders: loaders.create() }),
        validationRules: graphqlValidationRules(config),
        errorFormatter: formatGraphqlErrors as unknown as MercuriusDriverConfig['errorFormatter'],
        hooks: { preValidation: refuseUnparsedDocuments, preExecution: checkVariables },
      }),
    }),
  ],
  providers: [DecimalScalar, JsonScalar],
})
export class GraphqlApiModule {}
