import { decodeCursor, encodeCursor } from './cursor.js';
import { dbTextSchema, int4IdSchema } from './db-input.js';

/** A slug cursor: text the database can compare (no NUL), as long as a slug may be. */
const slugCursorSchema = dbTextSchema(300, 1);
/** An id cursor: an int4 id (serial columns), 1..2147483647. */
const idCursorSchema = int4IdSchema('an id');

/** Keyset page on a unique, ordered key (slug or id): fetch limit + 1, hand back the last key as cursor. */
export function slugCursorAfter(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : decodeCursor(cursor, slugCursorSchema);
}

export function idCursorAfter(cursor: string | undefined): number | undefined {
  return cursor === undefined ? undefined : decodeCursor(cursor, idCursorSchema);
}

export function toPage<T, K>(rows: T[], limit: number, keyOf: (row: T) => K): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit && page.length ? encodeCursor(keyOf(page.at(-1)!)) : null };
}
