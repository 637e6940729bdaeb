import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { type DocumentNode, GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext, type ValidationRule } from 'graphql';

import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PricesModule } from '../prices/prices.module.js';
import { CatalogLoadersFactory, type GraphQLContext } from './catalog-loaders.js';
import { repeatedFieldViolation } from './document-limits.js';
import { checkVariables, formatGraphqlErrors, GraphqlRequestError, noNulCharactersRule, refuseUnparsedDocuments } from './graphql-errors.js';
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

/**
 * mercurius `preValidation` hook: after parsing, before validation. Refuses documents that did
 * not come from the parser, and those whose repeated fields would make validation quadratic.
 */
function beforeValidation(config: AppConfig) {
  return (schema: unknown, document: DocumentNode): void => {
    refuseUnparsedDocuments(schema, document);
    const violation = repeatedFieldViolation(document, config.GRAPHQL_MAX_REPEATED_FIELDS);
    if (violation) {
      throw new GraphqlRequestError([new GraphQLError(violation, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'GRAPHQL_MAX_REPEATED_FIELDS' } })]);
    }
  };
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
        // Parsed documents kept per instance (each also holds its compiled plan). Documents are
        // bounded in size before they get here (document-limits.hook.ts), so this bounds memory.
        cache: config.GRAPHQL_DOCUMENT_CACHE_ENTRIES > 0 ? config.GRAPHQL_DOCUMENT_CACHE_ENTRIES : false,
        // A second bound inside the parser itself, should a document reach it another way.
        graphql: { parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS } },
        context: (): GraphQLContext => ({ loaders: loaders.create() }),
        validationRules: graphqlValidationRules(config),
        errorFormatter: formatGraphqlErrors as unknown as MercuriusDriverConfig['errorFormatter'],
        hooks: { preValidation: beforeValidation(config), preExecution: checkVariables },
      }),
    }),
  ],
  providers: [DecimalScalar, JsonScalar],
})
export class GraphqlApiModule {}
