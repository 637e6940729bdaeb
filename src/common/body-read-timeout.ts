import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A request body must arrive within `timeoutMs` of the request's start. Node's own request timeout
 * is only checked every 30 s and a stalled body (Content-Length: 100000, one byte sent) could hold
 * its connection well past it: here the body stream is failed at the deadline, the client gets a
 * JSON 408, and the connection is closed.
 */
export function registerBodyReadTimeout(fastify: FastifyInstance, timeoutMs: number): void {
  fastify.addHook('preParsing', async (request: FastifyRequest, reply: FastifyReply, payload: Readable) => {
    const { headers } = request;
    const hasBody = headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
    if (!hasBody) return payload;
    const guarded = new PassThrough();
    const remaining = Math.max(1, timeoutMs - reply.elapsedTime);
    const timer = setTimeout(() => {
      void reply.header('connection', 'close');
      payload.unpipe(guarded);
      guarded.destroy(Object.assign(new Error(`The request body did not arrive within ${timeoutMs} ms`), { statusCode: 408, code: 'BODY_READ_TIMEOUT' }));
      // Whatever the client still sends is not read: close once the 408 is out.
      reply.raw.once('finish', () => request.raw.socket?.destroy());
    }, remaining);
    timer.unref();
    const stop = () => clearTimeout(timer);
    payload.once('end', stop);
    payload.once('error', (error) => {
      stop();
      guarded.destroy(error);
    });
    payload.once('close', stop);
    reply.raw.once('close', stop);
    payload.pipe(guarded);
    return guarded;
  });
}
