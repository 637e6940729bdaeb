import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

import { InvalidInputException, type InputIssue } from './errors.js';

export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): InputIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}

/** Parses with a zod schema or throws a 400 naming each field: for any outside input. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = 'input'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInputException(zodIssues(result.error), where);
  return result.data;
}

/** `@Query(new ZodPipe(schema))`, `@Body(new ZodPipe(schema))`, `@Param('slug', new ZodPipe(schema))`. */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const where = metadata.type === 'custom' ? 'input' : metadata.type === 'param' ? 'path parameter' : metadata.type;
    if (metadata.type === 'param' && metadata.data) {
      const result = this.schema.safeParse(value);
      if (!result.success) throw new InvalidInputException(zodIssues(result.error, [metadata.data]), where);
      return result.data;
    }
    return parseInput(this.schema, value, where);
  }
}
