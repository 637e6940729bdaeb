import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { AppModule } from './app.module.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { isOperationalRoute, RateLimitBuckets } from './auth/rate-limit-buckets.js';
import { registerReadKeyCheck } from './auth/read-key.hook.js';
import { registerBodyReadTimeout } from './common/body-read-timeout.js';
import { registerHttpCache } from './common/http-cache.js';
import { buildOpenApiDocument } from './common/openapi/openapi.builder.js';
import type { AppConfig } from './config/app-config.js';
import { registerDashboard } from './dashboard/dashboard.plugin.js';
import { CatalogRevisionService } from './database/catalog-revision.service.js';
import { registerGraphqlDocumentLimits } from './graphql/document-limits.hook.js';
import { registerGraphiql } from './graphql/graphiql.js';
import { registerRequestObservation } from './observability/http-hooks.js';
import { createLogger, PinoNestLogger } from './observability/logger.js';
import { MetricsService } from './observability/metrics.service.js';

export const API_INFO = {
  title: 'model-ledger',
  version: '1',
  description:
    'Catalog of AI models, licenses, benchmarks, providers and price history, with a decision framework. ' +
    'Prices are decimal strings in USD per unit ("1M tokens" for token prices).',
};

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

const jsonError = (statusCode: number, error: string, message: string, extra: Record<string, unknown> = {}) => ({ statusCode, error, message, ...extra });

/** Builds the application (not listening): used by main.ts and by the tests alike. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger(config);
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    trustProxy: config.TRUST_PROXY,
    // Honour a caller's request id when it is sane, else make one; echoed on every response.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: config.LOG_LEVEL === 'silent' ? false : new PinoNestLogger(logger),
    // Errors at start reach the caller (main.ts prints them; tests see them) instead of exiting.
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  registerRequestObservation(fastify, app.get(MetricsService), logger);
  registerBodyReadTimeout(fastify, config.REQUEST_TIMEOUT_MS);

  // Swagger UI and GraphiQL run inline bootstrap scripts from this origin; nothing from elsewhere.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // The service speaks plain HTTP (TLS ends at the load balancer, which may add this): with
        // it, a browser on http://host:3000 would fetch the dashboard's scripts over https and fail.
        upgradeInsecureRequests: null,
      },
    },
  });
  if (config.CORS_ORIGINS.length) {
    await app.register(cors, {
      origin: config.CORS_ORIGINS.includes('*') ? '*' : config.CORS_ORIGINS,
      methods: ['GET', 'HEAD', 'POST', 'PATCH'],
      exposedHeaders: ['etag', 'x-request-id', 'x-next-cursor', 'retry-after'],
    });
  }
  // Rate limits run first (route-level onRequest), before any handler: see RateLimitBuckets.
  const keys = app.get(ApiKeysService);
  const buckets = new RateLimitBuckets(keys);
  await app.register(rateLimit, {
    keyGenerator: (request: FastifyRequest) => buckets.bucketOf(request),
    max: (_request: FastifyRequest, bucket: string) => (RateLimitBuckets.isKeyBucket(bucket) ? config.RATE_LIMIT_KEY_PER_MINUTE : config.RATE_LIMIT_PER_MINUTE),
    timeWindow: 60_000,
    // Operational endpoints (health, metrics) are not limited: decided on the matched route.
    allowList: (request: FastifyRequest) => isOperationalRoute(request),
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string; max: number }) =>
      jsonError(429, 'Too Many Requests', `Rate limit of ${context.max} requests a minute exceeded; retry in ${context.after}`),
  });

  if (config.READ_REQUIRES_KEY) registerReadKeyCheck(fastify, keys);
  // Before the response cache and GraphQL look at a document (both parse it).
  registerGraphqlDocumentLimits(fastify, '/graphql', {
    maxBytes: config.GRAPHQL_MAX_DOCUMENT_BYTES,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    maxNesting: config.GRAPHQL_MAX_NESTING,
  });

  await registerGraphiql(fastify);
  await registerDashboard(fastify);
  const revisions = app.get(CatalogRevisionService);
  registerHttpCache(fastify, {
    prefixes: ['/v1/'],
    graphqlPath: '/graphql',
    revision: () => revisions.current(),
    maxEntries: config.RESPONSE_CACHE_ENTRIES,
    maxBytes: config.RESPONSE_CACHE_MAX_BYTES,
    ttlMs: config.RESPONSE_CACHE_TTL_MS,
    maxAgeSeconds: config.HTTP_MAX_AGE_SECONDS,
  });
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, API_INFO), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'model-ledger API',
  });
  app.enableShutdownHooks();
  return app;
}
