import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  [key: string]: unknown;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const DATABASE_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '57014', // query_canceled: the statement timeout (or an operator) stopped it; a retry may pass
  'P1001', // Prisma: can't reach database server
  'P1017', // Prisma: server closed the connection
]);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && DATABASE_UNAVAILABLE_CODES.has(code)) return code;
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message)) {
      return 'ECONNREFUSED';
    }
    // Prisma reports a driver's error (a statement timeout, say) in meta.driverAdapterError.cause.
    current = (current as { cause?: unknown }).cause ?? (current as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
  }
  return undefined;
}

/** Turns anything thrown into the JSON error body every endpoint shares. */
export function toErrorBody(exception: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body: ErrorBody =
      typeof response === 'object' && response !== null
        ? ({ statusCode: status, error: STATUS_NAMES[status] ?? 'Error', ...response } as ErrorBody)
        : { statusCode: status, error: STATUS_NAMES[status] ?? 'Error', message: String(response) };
    if (Array.isArray(body.message)) body.message = body.message.join('; ');
    // An exception may name headers of its answer (Retry-After on a refused key check).
    const headers = (exception as { headers?: unknown }).headers;
    return { status, body, headers: headers && typeof headers === 'object' ? (headers as Record<string, string>) : undefined };
  }
  // A malformed percent-encoding in the path or query is the caller's mistake.
  if (exception instanceof URIError) {
    return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: `Malformed URL: ${exception.message}` } };
  }
  // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a 4xx statusCode.
  const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return {
      status: fastifyStatus,
      body: {
        statusCode: fastifyStatus,
        error: STATUS_NAMES[fastifyStatus] ?? 'Error',
        message: (exception as Error).message,
        code: (exception as { code?: string }).code,
      },
    };
  }
  if (errorCode(exception)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: { statusCode: 503, error: STATUS_NAMES[503]!, message: 'The database is unavailable; retry shortly.' },
      headers: { 'retry-after': '5' },
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { statusCode: 500, error: STATUS_NAMES[500]!, message: 'Internal server error' },
  };
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const { status, body, headers } = toErrorBody(exception);
    if (status >= 500) {
      this.logger.error({ err: exception, requestId: request.id, url: request.url }, (exception as Error)?.message);
    }
    void reply.status(status).headers(headers ?? {}).type('application/json; charset=utf-8').send(body);
  }
}
