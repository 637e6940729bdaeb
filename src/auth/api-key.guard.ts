import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';

import { ApiKeysService, type ApiKeyScope, type VerifiedKey } from './api-keys.service.js';

const REQUIRED_SCOPE = Symbol('requiredScope');

/** The handler needs an API key with this scope (an admin key passes every scope). */
export const RequireScope = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: VerifiedKey;
  }
}

export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header.trim();
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
  return undefined;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    if (!scope || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = presentedKey(request);
    if (!presented) {
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'An API key is required: send it as x-api-key or Authorization: Bearer' });
    }
    const key = await this.keys.verify(presented, request.ip);
    if (!key) throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'The API key is unknown, revoked or expired' });
    if (!key.scopes.includes(scope) && !key.scopes.includes('admin')) {
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `This API key lacks the "${scope}" scope`, requiredScope: scope });
    }
    request.apiKey = key;
    return true;
  }
}
