import { randomUUID } from 'node:crypto';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';

import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { registerHttpCache } from './common/http-cache.js';
import { buildOpenApiDocument } from './common/openapi/openapi.builder.js';
import { CatalogRevisionService } from './database/catalog-revision.service.js';
import { registerGraphiql } from './graphql/graphiql.js';

export const API_INFO = {
  title: 'model-ledger',
  version: '1',
  description:
    'Catalog of AI models, licenses, benchmarks, providers and price history, with a decision framework. ' +
    'Prices are decimal strings in USD per unit ("1M tokens" for token prices).',
};

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
const BODY_LIMIT_BYTES = 1024 * 1024;

const NEST_LOG_LEVELS: Record<AppConfig['LOG_LEVEL'], LogLevel[] | false> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  silent: false,
};

/** Builds the application (not listening): used by main.ts and by the tests alike. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Honour a caller's request id when it is sane, else make one; echoed on every response.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: NEST_LOG_LEVELS[config.LOG_LEVEL],
    bufferLogs: false,
    // Errors at start reach the caller (main.ts prints them; tests see them) instead of exiting.
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  await registerGraphiql(fastify);
  const revisions = app.get(CatalogRevisionService);
  registerHttpCache(fastify, {
    prefixes: ['/v1/'],
    revision: () => revisions.current(),
    maxEntries: config.RESPONSE_CACHE_ENTRIES,
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
