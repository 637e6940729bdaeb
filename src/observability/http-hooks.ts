import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';

import type { MetricsService } from './metrics.service.js';

function operationName(request: FastifyRequest): string {
  const body = request.body as { operationName?: unknown; query?: unknown } | undefined;
  if (typeof body?.operationName === 'string' && body.operationName) return body.operationName.slice(0, 64);
  const named = typeof body?.query === 'string' ? /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(body.query) : null;
  return named?.[1] ?? 'anonymous';
}

/**
 * One structured log line per request (request id, route, status, duration) and the request
 * metrics. Routes are labelled by pattern (/v1/models/:slug), not by URL, to bound cardinality.
 */
export function registerRequestObservation(fastify: FastifyInstance, metrics: MetricsService, logger: PinoLogger): void {
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ route, method: request.method, status: String(reply.statusCode) }, seconds);
    if (route === '/graphql' && request.method === 'POST') {
      metrics.graphqlOperations.inc({ operation: operationName(request), outcome: reply.statusCode < 400 ? 'ok' : 'error' });
    }
    if (route === '/metrics' || route.startsWith('/health')) return;
    const line = {
      requestId: request.id,
      method: request.method,
      route,
      url: request.url.length > 300 ? `${request.url.slice(0, 300)}...` : request.url,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      cache: reply.getHeader('x-cache'),
    };
    if (reply.statusCode >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  });
}
