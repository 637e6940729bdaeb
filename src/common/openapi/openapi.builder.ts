import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';

import { API_DOC, type ApiDocOptions } from './api-doc.decorator.js';

type JsonSchema = Record<string, unknown>;

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    issues: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function queryParameters(schema: z.ZodType) {
  const object = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: object.required?.includes(name) ?? false,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const METHOD_NAMES: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

const joinPath = (...parts: string[]) =>
  '/' + parts.flatMap((part) => part.split('/')).filter(Boolean).map((part) => (part.startsWith(':') ? `{${part.slice(1)}}` : part)).join('/');

/**
 * The OpenAPI 3 document, generated from the routes' @ApiDoc metadata and the zod schemas that
 * validate their input: the spec cannot drift from what the code accepts.
 */
export function buildOpenApiDocument(
  app: NestFastifyApplication,
  info: { title: string; version: string; description: string },
): OpenAPIObject {
  const discovery = app.get(DiscoveryService);
  const scanner = new MetadataScanner();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const basePaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[methodName] as object;
      const doc = Reflect.getMetadata(API_DOC, handler) as ApiDocOptions | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (!doc || method === undefined || !METHOD_NAMES[method]) continue;
      const routePaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      for (const base of basePaths) {
        for (const route of routePaths) {
          const path = joinPath(base, route);
          const parameters = [
            ...Object.entries(doc.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema: jsonSchema(schema) })),
            ...(doc.query ? queryParameters(doc.query) : []),
          ];
          const ok: Record<string, unknown> = { 'application/json': { schema: { type: 'object' } } };
          if (doc.csv) ok['text/csv'] = { schema: { type: 'string' } };
          const responses: Record<string, unknown> = {
            200: { description: 'OK', content: ok },
            ...(parameters.length || doc.body ? { 400: { description: 'Invalid input: the body names each field', content: { 'application/json': { schema: ERROR_SCHEMA } } } } : {}),
          };
          for (const [status, description] of Object.entries(doc.responses ?? {})) {
            responses[status] = { description, content: { 'application/json': { schema: ERROR_SCHEMA } } };
          }
          (paths[path] ??= {})[METHOD_NAMES[method]!] = {
            summary: doc.summary,
            ...(doc.description ? { description: doc.description } : {}),
            tags: [doc.tag ?? base.replace(/^v1\//, '').split('/')[0]],
            operationId: `${metatype.name.replace(/Controller$/, '')}_${methodName}`,
            ...(parameters.length ? { parameters } : {}),
            ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body) } } } } : {}),
            ...(doc.scope ? { security: [{ apiKey: [] }], 'x-required-scope': doc.scope } : {}),
            responses,
          };
        }
      }
    }
  }
  const sortedPaths = Object.fromEntries(Object.keys(paths).sort().map((path) => [path, paths[path]]));
  return {
    openapi: '3.0.3' as const,
    info,
    paths: sortedPaths as OpenAPIObject['paths'],
    components: {
      securitySchemes: { apiKey: { type: 'apiKey' as const, in: 'header', name: 'x-api-key' } },
    },
  };
}
