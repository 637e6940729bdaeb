import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { type DocumentLimits, documentLimitViolation, documentsOfRequest } from './document-limits.js';

/**
 * Refuses a GraphQL request whose document breaks a limit, before the response cache or GraphQL
 * parse it: 400 in GraphQL's error shape, naming the limit. Decided on the matched route.
 */
export function registerGraphqlDocumentLimits(fastify: FastifyInstance, path: string, limits: DocumentLimits): void {
  fastify.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.url !== path) return;
    for (const document of documentsOfRequest(request.body, (request.query as Record<string, unknown> | undefined)?.query)) {
      const violation = documentLimitViolation(document, limits);
      if (violation) {
        return reply.code(400).send({
          data: null,
          errors: [{ message: violation.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: violation.limit } }],
        });
      }
    }
  });
}
