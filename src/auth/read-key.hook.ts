import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { presentedKey } from './api-key.guard.js';
import { type ApiKeysService, TooManyFailedKeyChecksException } from './api-keys.service.js';

/**
 * READ_REQUIRES_KEY: the read surface (every /v1 route but the admin ones, which have their own
 * scope guard, and /graphql) needs a key with the read scope. Decided on the route the router
 * matched (`routeOptions.url`), never on the URL text: the router decodes `/%761/models` to
 * `/v1/models` and the check must see what will run. A preHandler, so after the rate limit
 * (refusals are counted too) and before the response cache.
 */
export function isReadRoute(route: string | undefined): boolean {
  if (route === undefined) return false; // no route matched: a 404 serves nothing
  return route === '/graphql' || (route.startsWith('/v1/') && !route.startsWith('/v1/admin/'));
}

const body = (statusCode: number, error: string, message: string, extra: Record<string, unknown> = {}) => ({ statusCode, error, message, ...extra });

export function registerReadKeyCheck(fastify: FastifyInstance, keys: ApiKeysService): void {
  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isReadRoute(request.routeOptions.url)) return;
    const presented = presentedKey(request);
    let key = null;
    if (presented) {
      try {
        key = await keys.verify(presented, request.ip);
      } catch (error) {
        if (!(error instanceof TooManyFailedKeyChecksException)) throw error;
        return reply.code(429).headers(error.headers).send(error.getResponse());
      }
    }
    if (!key) return reply.code(401).send(body(401, 'Unauthorized', 'This service requires an API key for reads: send x-api-key'));
    if (!key.scopes.includes('read') && !key.scopes.includes('admin')) {
      return reply.code(403).send(body(403, 'Forbidden', 'This API key lacks the "read" scope', { requiredScope: 'read' }));
    }
  });
}
