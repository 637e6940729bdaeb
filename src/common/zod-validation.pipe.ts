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

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * PostgreSQL text and jsonb cannot hold U+0000: a NUL anywhere in the input would reach the database
 * and fail there (22021, a 500). Found here instead, each place named. Walks iteratively: a body
 * nested 100,000 levels deep must not overflow the stack.
 */
export function nulCharacterIssues(value: unknown, prefix: (string | number)[] = [], limit = 10): InputIssue[] {
  interface Step {
    value: unknown;
    key?: string | number;
    parent?: Step;
  }
  const pathOf = (step: Step | undefined, key?: string | number): string => {
    const parts: (string | number)[] = key === undefined ? [] : [key];
    for (let at = step; at?.key !== undefined; at = at.parent) parts.unshift(at.key);
    return [...prefix, ...parts].map(String).join('.');
  };
  const issues: InputIssue[] = [];
  const message = NUL_MESSAGE;
  const stack: Step[] = [{ value }];
  while (stack.length && issues.length < limit) {
    const step = stack.pop()!;
    if (typeof step.value === 'string') {
      if (step.value.includes('\u0000')) issues.push({ path: pathOf(step), message });
    } else if (Array.isArray(step.value)) {
      for (let index = step.value.length - 1; index >= 0; index--) stack.push({ value: step.value[index], key: index, parent: step });
    } else if (step.value !== null && typeof step.value === 'object') {
      for (const [key, item] of Object.entries(step.value).reverse()) {
        if (key.includes('\u0000')) issues.push({ path: pathOf(step, key), message });
        stack.push({ value: item, key, parent: step });
      }
    }
  }
  return issues;
}

/** `@Query(new ZodPipe(schema))`, `@Body(new ZodPipe(schema))`, `@Param('slug', new ZodPipe(schema))`. */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const where = metadata.type === 'custom' ? 'input' : metadata.type === 'param' ? 'path parameter' : metadata.type;
    const nul = nulCharacterIssues(value, metadata.type === 'param' && metadata.data ? [metadata.data] : []);
    if (nul.length) throw new InvalidInputException(nul, where);
    if (metadata.type === 'param' && metadata.data) {
      const result = this.schema.safeParse(value);
      if (!result.success) throw new InvalidInputException(zodIssues(result.error, [metadata.data]), where);
      return result.data;
    }
    return parseInput(this.schema, value, where);
  }
}
