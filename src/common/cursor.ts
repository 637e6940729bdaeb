import { z } from 'zod';

import { InvalidInputException } from './errors.js';

/** Longest cursor accepted (the list queries' own bound): anything longer was not made here. */
export const CURSOR_MAX_CHARS = 1000;

/** Opaque keyset cursors: base64url of a small JSON value, checked by a zod schema on the way in. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Decodes a cursor a client passed back and checks every element with `schema` (which bounds each
 * to what its database column holds): a tampered cursor is a 400 naming `field` and the problem,
 * never a value the database refuses.
 */
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S, field = 'cursor'): z.output<S> {
  const refuse = (problem: string): never => {
    throw new InvalidInputException([{ path: field, message: `malformed cursor (${problem}): pass back a nextCursor as given` }], 'query');
  };
  if (typeof cursor !== 'string' || cursor.length === 0) return refuse('empty');
  if (cursor.length > CURSOR_MAX_CHARS) return refuse(`longer than ${CURSOR_MAX_CHARS} characters`);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return refuse('not base64url');
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return refuse('not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refuse(issue.path.length ? `element ${issue.path.map(String).join('.')}: ${issue.message}` : issue.message);
  }
  return parsed.data;
}
