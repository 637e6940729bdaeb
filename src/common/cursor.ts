import { z } from 'zod';

import { InvalidInputException } from './errors.js';

/** Opaque keyset cursors: base64url of a small JSON value, checked by a zod schema on the way in. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S, field = 'cursor'): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInputException([{ path: field, message: 'malformed cursor: pass back a nextCursor as given' }], 'query');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidInputException([{ path: field, message: 'malformed cursor: pass back a nextCursor as given' }], 'query');
  }
  return parsed.data;
}
