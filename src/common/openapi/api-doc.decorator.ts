import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

/** What the OpenAPI document says of one route; schemas are the same zod schemas that parse the input. */
export interface ApiDocOptions {
  summary: string;
  description?: string;
  tag?: string;
  query?: z.ZodType;
  params?: Record<string, z.ZodType>;
  body?: z.ZodType;
  /** Also answers text/csv (format=csv or Accept: text/csv). */
  csv?: boolean;
  /** Status codes besides 200 and their meaning. */
  responses?: Record<number, string>;
  /** Needs an API key with this scope. */
  scope?: string;
}

export const API_DOC = Symbol('apiDoc');
export const ApiDoc = (options: ApiDocOptions) => SetMetadata(API_DOC, options);
