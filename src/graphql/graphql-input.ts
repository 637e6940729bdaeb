import { GraphQLError } from 'graphql';
import type { z } from 'zod';

import { InvalidInputException } from '../common/errors.js';

/**
 * Parses GraphQL arguments with the same zod schemas REST uses; failures become BAD_USER_INPUT
 * errors naming the argument (e.g. "filter.kind").
 */
export function parseArgs<S extends z.ZodType>(schema: S, value: unknown, argumentName: string, rename: Record<string, string> = {}): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const [first, ...rest] = issue.path.map(String);
    const field = first === undefined ? argumentName : [rename[first] ?? `${argumentName}.${first}`, ...rest].join('.');
    return { argument: field, message: issue.message };
  });
  throw new GraphQLError(`Invalid argument ${issues.map((issue) => `${issue.argument}: ${issue.message}`).join('; ')}`, {
    extensions: { code: 'BAD_USER_INPUT', argument: issues[0]!.argument, issues },
  });
}

/** Input errors raised by services (unknown SPDX id, malformed cursor) become BAD_USER_INPUT too. */
export function asUserInputError(error: unknown, rename: Record<string, string> = {}): never {
  if (error instanceof InvalidInputException) {
    const issues = error.issues.map((issue) => ({ argument: rename[issue.path] ?? issue.path, message: issue.message }));
    // Named as the caller wrote it (`after`, not REST's `cursor`), in parseArgs' words.
    const message = issues.length ? `Invalid argument ${issues.map((issue) => `${issue.argument}: ${issue.message}`).join('; ')}` : error.message;
    throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument: issues[0]?.argument, issues } });
  }
  throw error;
}
