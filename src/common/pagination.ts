import { z } from 'zod';

import { decodeCursor, encodeCursor } from './cursor.js';

/** Keyset page on a unique, ordered key (slug or id): fetch limit + 1, hand back the last key as cursor. */
export function slugCursorAfter(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : decodeCursor(cursor, z.string().min(1));
}

export function idCursorAfter(cursor: string | undefined): number | undefined {
  return cursor === undefined ? undefined : decodeCursor(cursor, z.number().int().nonnegative());
}

export function toPage<T, K>(rows: T[], limit: number, keyOf: (row: T) => K): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit && page.length ? encodeCursor(keyOf(page.at(-1)!)) : null };
}
